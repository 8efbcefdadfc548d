import ArgumentParser
import CareModel
import Foundation
import Reports
import Store

/// Output formats of reports: the listing formats plus files for spreadsheets and browsers.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case table, csv, json, html
}

extension Grouping: ExpressibleByArgument {}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Coordinator reports: pathway completion, waits, no-shows, outcomes and capacity.",
        discussion: """
            Examples:
              parcours report completion --by track
              parcours report capacity --weeks 8
            """,
        subcommands: [Completion.self, Capacity.self]
    )

    struct Completion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who finishes, who drops out, how long people wait and whether PCL-5 improves.",
            discussion: """
                Covers the patients REFERRED between --from and --to (both included), whatever the
                dates of their sessions, so people still waiting for an intake are counted too.
                Groups of 1 to 4 patients are shown as "<5" with their figures withheld.

                Examples:
                  parcours report completion --from 2026-01-01 --to 2026-06-30 --by track
                  parcours report completion --format html -o completion.html
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "First referral day included.", transform: Parse.date) var from: LocalDate?
        @Option(help: "Last referral day included.", transform: Parse.date) var to: LocalDate?
        @Option(help: "Group rows by: \(Grouping.allCases.map(\.rawValue).joined(separator: ", ")).")
        var by: Grouping = .category
        @Option(help: "table, csv, json or html.") var format: ReportFormat = .table
        @Option(
            name: [.customShort("o"), .long],
            help: ArgumentHelp("Write to this file instead of the terminal.", valueName: "file"))
        var output: String?

        func validate() throws {
            if let from, let to, to < from {
                throw ValidationError("--to \(to) is before --from \(from); give the earlier day first")
            }
        }

        func run() async throws {
            let input = try await ReportInput.load(
                store: try global.openStoreReadOnly(), catalog: try global.loadCatalog(), by: by)
            let report = CompletionReport.compute(input, period: ReferralPeriod(from: from, to: to), by: by)
            let text = try Self.render(report, as: format, today: global.todayInClinic)
            try ReportCommand.deliver(
                text, to: output,
                done: "Wrote the completion report (\(format.rawValue), \(report.total.patients) patients)")
        }

        static func render(_ report: CompletionReport, as format: ReportFormat, today: LocalDate) throws -> String {
            switch format {
            case .csv: return report.csv()
            case .json: return try report.json()
            case .html: return report.html(generated: today)
            case .table:
                // Figures down, groups across: 21 figures do not fit across a terminal.
                let rows = report.rows
                var table = TextTable("figure")
                table.headers += rows.map { $0.first ?? "" }
                for (i, column) in CompletionReport.columns.enumerated() {
                    table.add(row: [column.title] + rows.map { i + 1 < $0.count ? $0[i + 1] : "" })
                }
                let period =
                    "referred \(report.period.from.map { Shown.day($0) } ?? "from the start") to \(report.period.to.map { Shown.day($0) } ?? "today")"
                return "Completion report, patients \(period), by \(report.grouping.rawValue)\n" + table.render()
            }
        }
    }

    /// Prints `text`, or writes it to `path` (atomically) and says so with `done`.
    static func deliver(_ text: String, to path: String?, done: String) throws {
        guard let path else {
            sayDocument(text)
            return
        }
        try PrivateFiles.write(text.hasSuffix("\n") ? text : text + "\n", to: path)
        say("\(done) to \(path).")
    }
}
