import CareModel
import Foundation
import Scheduler
import Store

extension SnapshotBuilder {
    /// The whole stored calendar as an instance and its rows, for `parcours doctor` to hand to the
    /// independent checker.
    ///
    /// The booking path checks every session when it is made; this re-reads what the file holds
    /// now, so a row written by hand, an absence imported after the booking or a guard trigger
    /// dropped from the schema is still found. The instance has no requests (the sessions were
    /// requested long ago), covers every active session, and lists inactive clinicians too, since
    /// their sessions booked earlier still stand. Sessions in `settingAside` (overrides: placed
    /// against a rule on purpose) are not rows to judge but still hold their resources, so a
    /// clash with them is still found.
    public func storedCalendar(
        store: ParcoursStore, settingAside: Set<AppointmentID> = []
    ) throws(StoreError)
        -> (problem: SchedulingProblem, sessions: [ProposedSession])
    {
        let active = try store.activeAppointments(
            from: Date(timeIntervalSince1970: 0),
            to: Date(timeIntervalSince1970: 4_102_444_800))
        return try storedCalendar(of: active, store: store, settingAside: settingAside)
    }

    /// The instance and rows for `active` (sessions that hold resources) only: the stored
    /// calendar seen through a window, for a check of the part that can still change.
    public func storedCalendar(
        of active: [Appointment], store: ParcoursStore, settingAside: Set<AppointmentID> = []
    ) throws(StoreError)
        -> (problem: SchedulingProblem, sessions: [ProposedSession])
    {
        let appointments = active.filter { !settingAside.contains($0.id) }
        let held = active.filter { settingAside.contains($0.id) }.map { a in
            BookedSession(
                patient: a.patient, track: a.track, step: a.step, occurrence: a.occurrence, start: a.start,
                end: a.end, clinicians: a.clinicians, room: a.room, interpreter: a.interpreter, cohort: a.cohort)
        }
        let sessions = appointments.sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }.map { a in
            ProposedSession(
                patient: a.patient, track: a.track, step: a.step, occurrence: a.occurrence, start: a.start,
                end: a.end, clinicians: a.clinicians, room: a.room ?? RoomID("(no room)"),
                interpreter: a.interpreter, cohort: a.cohort)
        }
        let first = sessions.first.map { timeZone.local($0.start).date } ?? LocalDate(daysSinceEpoch: 0)
        let last = sessions.last.map { timeZone.local($0.end).date } ?? first
        let calendar = try calendarConstraints(store: store, from: first, to: last)
        let problem = SchedulingProblem(
            timeZone: timeZone.identifier, today: first, horizonEnd: max(first, last),
            clinicians: try store.clinicians(),
            rooms: try store.rooms(), interpreters: try store.interpreters(),
            patients: try store.patients().map(PatientNeeds.init), absences: calendar.absences,
            closedDays: calendar.closedDays, existing: held, caps: try Self.caps(store: store))
        return (problem, sessions)
    }
}
