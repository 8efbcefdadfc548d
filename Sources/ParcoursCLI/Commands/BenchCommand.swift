import ArgumentParser
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
        subcommands: [BenchGenerateCommand.self, BenchScheduleCommand.self, BenchBookOneCommand.self, ICS.self, BenchReportCommand.self,
                      BenchServeCommand.self, BenchSimulateCommand.self]
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

        struct Result: Encodable {
            let events: Int
            let bytes: Int
            let seconds: Double
            let eventsPerSecond: Int
        }

        func run() async throws {
            let feed = Self.syntheticFeed(events: events, seed: seed)
            let clock = ContinuousClock()
            var text = ""
            let elapsed = try clock.measure { text = try CalendarExporter.ics(feed) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            say(try renderJSON(Result(events: events, bytes: text.utf8.count, seconds: (seconds * 1000).rounded() / 1000,
                                      eventsPerSecond: seconds > 0 ? Int(Double(events) / seconds) : 0)))
        }

        /// Sessions on working days over two years, 09:00-17:00 local, with names that need
        /// escaping and folding, one in twenty cancelled: the shape of a busy centre's feed.
        static func syntheticFeed(events: Int, seed: UInt64) -> CalendarFeed {
            var rng = SeededGenerator(seed: seed)
            let zone = ClinicTimeZone.paris
            let first = LocalDate(year: 2026, month: 1, day: 5) ?? LocalDate(daysSinceEpoch: 20_458)
            let steps = ["TF-CBT session", "EMDR session", "Intake assessment", "Closing assessment", "Narrative exposure session"]
            let rooms = ["Bureau 101", "Bureau 102", "Bureau 201 (EMDR)", "Salle de groupe, rez-de-chaussée"]
            let stamp = Date(timeIntervalSince1970: 1_767_225_600)
            let list = (0..<events).map { index in
                let day = first.adding(days: Int.random(in: 0..<730, using: &rng))
                let time = LocalTime(hour: Int.random(in: 9...16, using: &rng), minute: [0, 15, 30, 45][index % 4]) ?? .midnight
                let start = zone.instant(on: day, at: time) ?? stamp
                let code = PatientCode.random(using: &rng)
                return FeedEvent(
                    uid: "bench-\(index)@parcours", start: start, end: start.addingTimeInterval(Double([45, 60, 90][index % 3] * 60)),
                    summary: "\(steps[index % steps.count]) \(index % 10 + 1)/10 · \(code)", location: rooms[index % rooms.count],
                    categories: ["therapy"], status: index % 20 == 0 ? .cancelled : .confirmed, sequence: index % 3,
                    created: stamp, lastModified: stamp.addingTimeInterval(Double(index)))
            }
            return CalendarFeed(name: "Parcours · bench", events: list)
        }
    }
}
