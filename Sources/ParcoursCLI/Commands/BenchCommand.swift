import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import ICalendar

/// `parcours bench`: measurements the docs quote, reproducible from a seed.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure how fast Parcours does its heavy jobs (figures for docs/performance.md).",
        discussion: """
            Examples:
              parcours bench schedule --patients 500
              parcours bench ics --events 100000 --seed 1
            """,
        subcommands: [
            BenchGenerateCommand.self, BenchScheduleCommand.self, BenchQualityCommand.self, BenchBookOneCommand.self,
            ICS.self, BenchReportCommand.self, BenchServeCommand.self, BenchCentreCommand.self,
            BenchSimulateCommand.self, BenchEverydayCommand.self, BenchDeskCommand.self,
        ]
    )

    struct ICS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Time the export of synthetic sessions as one iCalendar feed.",
            discussion: """
                Example: parcours bench ics --events 100000 --seed 1

                Builds the sessions in memory (no database), then times CalendarExporter alone and
                prints JSON: events, bytes, seconds, eventsPerSecond. Measure a release build
                (swift build -c release) for figures worth quoting.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "How many sessions to export.") var events = 100_000
        @Option(help: "Seed for the synthetic sessions.") var seed: UInt64 = 1

        func validate() throws {
            guard events >= 1 else { throw ValidationError("--events: '\(events)' is too few; expected 1 or more") }
        }

        func run() async throws {
            let result = try ICSBenchmark(events: events, seed: seed).run()
            say(try renderJSON(result))
        }
    }
}
