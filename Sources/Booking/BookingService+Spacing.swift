import CareModel
import Foundation
import PathwayEngine
import Store

/// A session now closer to, or further from, the one before it in its series than its step
/// allows: what a move to a chosen time can do to the sessions around it.
public struct SpacingNote: Sendable, Hashable {
    /// The session whose spacing is off: the one moved, or the one after it.
    public var appointment: Appointment
    /// The session before it in the series.
    public var previous: Appointment
    /// Days between the two, on the centre's calendar.
    public var days: Int
    public var allowed: Spacing
}

extension BookingService {
    /// What the spacing rules of the track say about `moved` and the session after it, once
    /// `moved` sits where it is. A move to a chosen time is the secretary's decision, so this
    /// informs rather than refuses; `move --rest-of-series` or `--auto` keep the spacing.
    public func spacingNotes(around moved: Appointment) throws(BookingError) -> [SpacingNote] {
        guard let track = catalog.track(moved.track) else { return [] }
        let series = try wrap { () throws(StoreError) in try store.appointments(patient: moved.patient) }
            .filter { $0.track == moved.track && $0.cohort == nil && ($0.status == .booked || $0.status == .attended) }
            .sorted { $0.start < $1.start }
        guard let index = series.firstIndex(where: { $0.id == moved.id }) else { return [] }
        var notes: [SpacingNote] = []
        func check(_ session: Appointment, after previous: Appointment) {
            guard let spacing = track.step(session.step)?.spacing else { return }
            let days = timeZone.local(previous.start).date.days(to: timeZone.local(session.start).date)
            let tooSoon = spacing.minDays.map { days < $0 } ?? false
            let tooLate = spacing.maxDays.map { days > $0 } ?? false
            if tooSoon || tooLate {
                notes.append(SpacingNote(appointment: session, previous: previous, days: days, allowed: spacing))
            }
        }
        if index > 0 { check(series[index], after: series[index - 1]) }
        if index + 1 < series.count { check(series[index + 1], after: series[index]) }
        return notes
    }
}
