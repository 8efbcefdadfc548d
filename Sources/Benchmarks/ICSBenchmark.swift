import CareModel
import Foundation
import ICalendar

/// `parcours bench ics`: the export of synthetic sessions as one iCalendar feed, timed alone
/// (no database), so the exporter's own cost is what the figure shows.
public struct ICSBenchmark: Sendable {
    public var events: Int
    public var seed: UInt64

    public init(events: Int, seed: UInt64) {
        self.events = events
        self.seed = seed
    }

    /// What `bench ics` prints.
    public struct Result: Encodable, Sendable {
        public let events: Int
        public let bytes: Int
        public let seconds: Double
        public let eventsPerSecond: Int
    }

    public func run() throws -> Result {
        let feed = Self.syntheticFeed(events: events, seed: seed)
        let clock = ContinuousClock()
        var text = ""
        let seconds = try clock.measure { text = try CalendarExporter.ics(feed) }.inSeconds
        return Result(
            events: events, bytes: text.utf8.count, seconds: (seconds * 1000).rounded() / 1000,
            eventsPerSecond: seconds > 0 ? Int(Double(events) / seconds) : 0)
    }

    /// Sessions on working days over two years, 09:00-17:00 local, with names that need
    /// escaping and folding, one in twenty cancelled: the shape of a busy centre's feed.
    public static func syntheticFeed(events: Int, seed: UInt64) -> CalendarFeed {
        var rng = SeededGenerator(seed: seed)
        let zone = ClinicTimeZone.paris
        let first = LocalDate(year: 2026, month: 1, day: 5) ?? LocalDate(daysSinceEpoch: 20_458)
        let steps = [
            "TF-CBT session", "EMDR session", "Intake assessment", "Closing assessment", "Narrative exposure session",
        ]
        let rooms = ["Bureau 101", "Bureau 102", "Bureau 201 (EMDR)", "Salle de groupe, rez-de-chaussée"]
        let stamp = Date(timeIntervalSince1970: 1_767_225_600)
        let list = (0..<events).map { index in
            let day = first.adding(days: Int.random(in: 0..<730, using: &rng))
            let time =
                LocalTime(hour: Int.random(in: 9...16, using: &rng), minute: [0, 15, 30, 45][index % 4]) ?? .midnight
            let start = zone.instant(on: day, at: time) ?? stamp
            let code = PatientCode.random(using: &rng)
            return FeedEvent(
                uid: "bench-\(index)@parcours", start: start,
                end: start.addingTimeInterval(Double([45, 60, 90][index % 3] * 60)),
                summary: "\(steps[index % steps.count]) \(index % 10 + 1)/10 · \(code)",
                location: rooms[index % rooms.count],
                categories: ["therapy"], status: index % 20 == 0 ? .cancelled : .confirmed, sequence: index % 3,
                created: stamp, lastModified: stamp.addingTimeInterval(Double(index)))
        }
        return CalendarFeed(name: "Parcours · bench", events: list)
    }
}
