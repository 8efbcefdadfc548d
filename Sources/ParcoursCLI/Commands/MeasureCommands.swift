import ArgumentParser
import CareModel
import Foundation
import Store

struct MeasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Record and list outcome scores (PCL-5) at intake, closing and follow-up.",
        discussion: """
            Examples:
              parcours measure list P-VGPD
              parcours measure record P-VGPD PCL-5 47 --at 01/12/2026
            """,
        subcommands: [Record.self, List.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a questionnaire score for a patient.",
            discussion: """
                PCL-5 totals run from 0 to 80; a score outside that range, or dated after today, is refused and nothing is saved.
                Example: parcours measure record P-VGPD PCL-5 47 --at 2026-11-20
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode
        @Argument(help: "The questionnaire: \(Instrument.allCases.map(\.rawValue).joined(separator: ", ")).")
        var instrument: String
        @Argument(help: "The total score.") var score: Int
        @Option(help: "Day the questionnaire was filled in (default: today).", transform: Parse.date) var at: LocalDate?

        func run() async throws {
            guard let known = Instrument(named: instrument) else {
                throw CLIError.invalidArgument(
                    name: "instrument", value: instrument,
                    expected: "one of \(Instrument.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let day = at ?? global.todayInClinic
            if let expected = PlausibleDates.measure(day, today: global.todayInClinic) {
                throw CLIError.invalidArgument(name: "--at", value: day.iso, expected: expected)
            }
            let measure = try OutcomeMeasure(patient: patient, instrument: known, score: score, on: day)
            let saved = try global.openStore().addMeasure(measure, actor: global.actor)
            say("Recorded \(saved.instrument.rawValue) \(saved.score) for \(saved.patient) on \(Shown.day(saved.on)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A patient's recorded scores, oldest first.",
            discussion: "Example: parcours measure list P-VGPD --format json"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode

        struct Row: Encodable {
            var instrument: String
            var score: Int
            var date: String
        }

        func run() async throws {
            let store = try global.openStoreReadOnly()
            guard try store.patient(patient) != nil else {
                throw CLIError.notFound(kind: "patient", id: patient.rawValue)
            }
            let rows = try store.measures(patient: patient).map {
                Row(instrument: $0.instrument.rawValue, score: $0.score, date: $0.on.iso)
            }
            try emit(rows, format: output.format) {
                var table = TextTable("date", "instrument", "score")
                for row in rows { table.add(Shown.day(iso: row.date), row.instrument, String(row.score)) }
                return table
            }
        }
    }
}
