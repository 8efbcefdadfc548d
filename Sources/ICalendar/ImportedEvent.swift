import CareModel
import Foundation

/// One occurrence read from an imported calendar (an absence, a holiday, a closed day).
///
/// Repeating events arrive already expanded, one value per occurrence, so callers never need
/// to know about RRULE.
public struct ImportedEvent: Sendable, Hashable {
    /// A whole-day event is a span of local days; a timed one is a span of instants.
    public enum Timing: Sendable, Hashable {
        /// `endExclusive` is the day after the last one, as iCalendar counts it.
        case allDay(firstDay: LocalDate, endExclusive: LocalDate)
        case timed(start: Date, end: Date)
    }

    public var uid: String?
    public var summary: String
    public var location: String?
    public var timing: Timing
    public var isCancelled: Bool
    /// The BEGIN:VEVENT line the occurrence comes from, to point a person at the source.
    public var line: Int

    public init(
        uid: String?, summary: String, location: String? = nil, timing: Timing,
        isCancelled: Bool = false, line: Int
    ) {
        self.uid = uid
        self.summary = summary
        self.location = location
        self.timing = timing
        self.isCancelled = isCancelled
        self.line = line
    }

    /// How a message names an event: its title in quotes, or "an untitled event".
    public static func title(_ summary: String) -> String {
        let trimmed = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "an untitled event" : "'\(trimmed)'"
    }

    /// The local days an event touches in `zone`, for closing days or blocking a clinician.
    public func days(in zone: ClinicTimeZone) -> [LocalDate] {
        switch timing {
        case let .allDay(first, end):
            return (0..<max(0, first.days(to: end))).map { first.adding(days: $0) }
        case let .timed(start, end):
            let first = zone.local(start).date
            let last = zone.local(end > start ? end.addingTimeInterval(-1) : end).date
            return (0...max(0, first.days(to: last))).map { first.adding(days: $0) }
        }
    }
}
