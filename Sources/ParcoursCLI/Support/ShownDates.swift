import CareModel
import Foundation

/// How days and times are shown to people: on the centre's wall clock (Europe/Paris), with the
/// weekday, in the agenda's form `Tue 2027-02-02 14:00`.
///
/// One place, so a table, a confirmation and the agenda never disagree, and a session stays at
/// 14:00 on screen across the DST changes while it is stored in UTC. JSON output keeps ISO 8601
/// instead (see `renderJSON`): scripts want the value, people want the weekday.
enum Shown {
    static let zone = ClinicTimeZone.paris

    /// `Tue 2027-02-02`.
    static func day(_ date: LocalDate) -> String { "\(date.weekday.shortName) \(date.iso)" }

    /// The local day of `instant`, `Tue 2027-02-02`.
    static func day(_ instant: Date) -> String { day(zone.local(instant).date) }

    /// The local day and time of `instant`, `Tue 2027-02-02 14:00`.
    static func dateTime(_ instant: Date) -> String {
        let local = zone.local(instant)
        return "\(day(local.date)) \(local.time)"
    }

    /// `Tue 2027-02-02 14:00:07`, for the audit log where the second orders changes.
    static func dateTimeSeconds(_ instant: Date) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) % 60
        return "\(dateTime(instant)):\(seconds < 10 ? "0" : "")\(seconds)"
    }

    /// The local hours of a session, `14:00-15:00`.
    static func hours(_ start: Date, _ end: Date) -> String { "\(zone.local(start).time)-\(zone.local(end).time)" }

    /// A day given as ISO text (as JSON rows hold it), shown with its weekday; other text as is.
    static func day(iso text: String) -> String { LocalDate(parsing: text).map { day($0) } ?? text }
}
