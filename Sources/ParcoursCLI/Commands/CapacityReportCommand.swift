import ArgumentParser
import Booking
import CareModel
import Foundation
import Reports

extension ReportCommand {
    struct Capacity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clinician utilisation and room occupancy per week, the waiting list and the first free intake.",
            discussion: """
                Utilisation is booked time (booked, attended and no-show sessions; a group session
                counts once) over working hours, closed days and absences taken out. Rooms are
                measured against the hours at least one clinician works. The first free intake is
                what the scheduler would give a French-speaking person referred today; nothing is
                booked. CSV holds the weekly figures; the waiting list is in the other formats.

                Examples:
                  parcours report capacity --weeks 8
                  parcours report capacity --format html -o capacity.html
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "How many ISO weeks to show, starting with the week of --from.") var weeks = 8
        @Option(help: "A day in the first week shown (default: today).", transform: Parse.date) var from: LocalDate?
        @Option(help: "table, csv, json or html.") var format: ReportFormat = .table
        @Option(
            name: [.customShort("o"), .long],
            help: ArgumentHelp("Write to this file instead of the terminal.", valueName: "file"))
        var output: String?

        func validate() throws {
            guard (1...104).contains(weeks) else {
                throw ValidationError("--weeks \(weeks) is out of range; expected 1 to 104 weeks")
            }
        }

        func run() async throws {
            let today = global.todayInClinic
            let span = ReportWeek.weeks(from: from ?? today, count: weeks)
            let input = try CapacityInput.load(
                service: try global.bookingService(readOnly: true), weeks: span, today: today)
            let report = CapacityReport.compute(input, weeks: span, today: today)
            let text: String
            switch format {
            case .csv: text = report.csv()
            case .json: text = try report.json()
            case .html: text = report.html()
            case .table: text = Self.table(report)
            }
            try ReportCommand.deliver(
                text, to: output, done: "Wrote the capacity report (\(format.rawValue), \(span.count) weeks)")
        }

        static func table(_ report: CapacityReport) -> String {
            let weeks = report.weeks.map(\.label)
            func loads(_ title: String, _ rows: [ResourceLoad]) -> String {
                var table = TextTable(title)
                table.headers += weeks
                for row in rows { table.add(row: [row.id] + row.weeks.map(\.percentText)) }
                return table.render()
            }
            var waiting = TextTable("TRACK", "WAITING", "FIRST FREE INTAKE")
            let counts = Dictionary(uniqueKeysWithValues: report.waitingByTrack.map { ($0.track, $0.count) })
            for forecast in report.forecasts {
                waiting.add(
                    forecast.track.rawValue, String(counts[forecast.track] ?? 0), CapacityReport.forecastText(forecast))
            }
            var list = TextTable("PATIENT", "TRACK", "REFERRED", "DAYS", "INTAKE DUE", "WAITING FOR")
            for row in report.waitingRows { list.add(row: row) }
            return [
                "Clinician utilisation (booked / working hours)", loads("CLINICIAN", report.clinicians), "",
                "Room occupancy (booked / hours a clinician works)", loads("ROOM", report.rooms), "",
                "Waiting list on \(report.today): \(report.waiting.count) people", waiting.render(), "", list.render(),
            ]
            .joined(separator: "\n")
        }
    }
}
