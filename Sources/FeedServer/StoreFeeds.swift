import CareModel
import Foundation
import ICalendar
import Store

/// The one path from the database to a feed's iCalendar text, shared by `parcours export` and the
/// feed server, so both publish the same bytes under the same privacy rules.
public enum StoreFeeds {
    /// The iCalendar text of `audience`'s feed at `now`, and how many events it holds.
    public static func ics(
        _ audience: FeedAudience, store: ParcoursStore, composer: FeedComposer, now: Date
    ) throws
        -> (text: String, sessions: Int)
    {
        let scope: AppointmentScope =
            switch audience {
            case let .clinician(c): .clinician(c.id)
            case let .room(r): .room(r.id)
            case let .patient(p): .patient(p.code)
            }
        let records = try store.appointmentRecords(scope, from: windowStart(composer, now: now))
        let sessions = records.map {
            FeedSession(
                appointment: $0.appointment, uid: $0.uid, sequence: $0.sequence, created: $0.createdAt,
                lastModified: $0.updatedAt)
        }
        var composer = composer
        composer.protectedPatients = try store.protectedPatientCodes()
        let feed = try composer.feed(for: audience, sessions: sessions, closedDays: try store.closedDays(), now: now)
        return (try CalendarExporter.ics(feed), feed.events.count)
    }

    /// The earliest session start a feed keeps at `now` (local midnight, so stable all day).
    public static func windowStart(_ composer: FeedComposer, now: Date) -> Date {
        composer.policy.earliestStart(now: now, zone: composer.zone)
    }
}
