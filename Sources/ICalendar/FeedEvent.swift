import CareModel
import Foundation

/// One timed session as a calendar app should show it.
///
/// Every field comes from the caller, including the timestamps, so the same bookings always
/// give the same bytes: calendar apps then see no change and do not re-notify.
public struct FeedEvent: Sendable, Hashable {
    /// Whether the session still takes place; cancelled ones stay in the feed so that
    /// subscribed calendars strike them out instead of silently dropping them.
    public enum Status: String, Sendable, Hashable {
        case confirmed = "CONFIRMED"
        case cancelled = "CANCELLED"
    }

    /// Stable across edits: calendar apps match updates to events by it.
    public var uid: String
    public var start: Date
    public var end: Date
    public var summary: String
    public var location: String?
    public var categories: [String]
    public var status: Status
    /// Bumped on every change so Outlook accepts the update as newer.
    public var sequence: Int
    /// Written as CREATED.
    public var created: Date
    /// Written as LAST-MODIFIED and as DTSTAMP (an edit is when this version of the event was made).
    public var lastModified: Date

    public init(
        uid: String, start: Date, end: Date, summary: String, location: String? = nil,
        categories: [String] = [], status: Status = .confirmed, sequence: Int = 0,
        created: Date, lastModified: Date
    ) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.categories = categories
        self.status = status
        self.sequence = sequence
        self.created = created
        self.lastModified = lastModified
    }
}

/// A whole-day event (a public holiday, a closed day): a span of local dates, no hours.
public struct AllDayEvent: Sendable, Hashable {
    public var uid: String
    public var firstDay: LocalDate
    /// The day after the last one, as iCalendar counts all-day events.
    public var endExclusive: LocalDate
    public var summary: String
    public var categories: [String]
    /// Written as DTSTAMP, from the caller so that regenerating a file changes nothing.
    public var stamp: Date

    public init(
        uid: String, firstDay: LocalDate, endExclusive: LocalDate? = nil, summary: String,
        categories: [String] = [], stamp: Date
    ) {
        self.uid = uid
        self.firstDay = firstDay
        self.endExclusive = endExclusive ?? firstDay.adding(days: 1)
        self.summary = summary
        self.categories = categories
        self.stamp = stamp
    }
}

/// Everything one published calendar holds.
public struct CalendarFeed: Sendable, Hashable {
    /// Shown by calendar apps as the subscription's name (X-WR-CALNAME).
    public var name: String
    public var events: [FeedEvent]
    public var allDayEvents: [AllDayEvent]
    public var timeZone: ClinicTimeZone
    /// How often subscribers should poll, in minutes (REFRESH-INTERVAL and X-PUBLISHED-TTL).
    public var refreshMinutes: Int

    public init(
        name: String, events: [FeedEvent] = [], allDayEvents: [AllDayEvent] = [],
        timeZone: ClinicTimeZone = .paris, refreshMinutes: Int = 60
    ) {
        self.name = name
        self.events = events
        self.allDayEvents = allDayEvents
        self.timeZone = timeZone
        self.refreshMinutes = refreshMinutes
    }
}
