import CareModel
import Foundation
import Store

/// The booked sessions that recorded absences fall on.
///
/// Recording an absence moves nothing (the secretary decides: another clinician, another day, a
/// call to the patient), so whoever records it must be told which sessions now need that decision.
public enum AbsenceClashes {
    /// Every session still booked with the absent clinician during one of `absences`, by start.
    public static func sessions(
        during absences: [ClinicianAbsence], in store: ParcoursStore
    ) throws(StoreError)
        -> [Appointment]
    {
        var found: [AppointmentID: Appointment] = [:]
        for absence in absences {
            for a in try store.activeAppointments(from: absence.start, to: absence.end)
            where a.status == .booked && a.clinicians.contains(absence.clinician) {
                found[a.id] = a
            }
        }
        return found.values.sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
    }
}

extension AbsenceClashes {
    /// Every session still booked with the room or interpreter during `unavailability`, by start:
    /// those a front end lists as needing another room, interpreter or time.
    public static func sessions(
        during unavailability: ResourceUnavailability, in store: ParcoursStore
    ) throws(StoreError) -> [Appointment] {
        try store.activeAppointments(from: unavailability.start, to: unavailability.end)
            .filter { a in
                guard a.status == .booked, a.start < unavailability.end, unavailability.start < a.end else {
                    return false
                }
                switch unavailability.resource {
                case let .room(id): return a.room == id
                case let .interpreter(id): return a.interpreter == id
                }
            }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
    }
}

extension AbsenceClashes {
    /// How far ahead ``sessions(outside:of:from:zone:in:)`` looks: farther than any series is booked.
    static let hoursHorizon: TimeInterval = 5 * 366 * 86_400

    /// Every session still booked with `clinician` from `from` on that does not lie inside one
    /// range of `hours` on its local weekday, by start: after a change of working hours, those a
    /// front end lists as needing another time or colleague (nothing is moved).
    public static func sessions(
        outside hours: WeeklyHours, of clinician: ClinicianID, from: Date, zone: ClinicTimeZone,
        in store: ParcoursStore
    ) throws(StoreError) -> [Appointment] {
        try store.appointments(from: from, to: from.addingTimeInterval(hoursHorizon), heldBy: clinician)
            .filter { a in
                guard a.status == .booked else { return false }
                let start = zone.local(a.start), end = zone.local(a.end)
                guard start.date == end.date, let range = LocalTimeRange(start: start.time, end: end.time) else {
                    return true
                }
                return !hours.covers(range, on: start.date.weekday)
            }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
    }
}
