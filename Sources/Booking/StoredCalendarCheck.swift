import CareModel
import Foundation
import PathwayEngine
import ScheduleCheck
import Store

/// The independent checker and the series invariants over the stored calendar, as `bench simulate`
/// runs them after every simulated day: over the whole file, or over the part a day can change.
///
/// The windowed check exists because the whole one re-reads every session ever booked, so a
/// year of days costs the square of the year. A day's operations (booking, moving, cancelling,
/// attendance, absences, ending a pathway) only touch sessions from that day on, so the window
/// keeps every session that holds a resource from the Monday of the day's week on (weekly caps
/// stay whole) and, for every patient among them, the whole series back to the intake (order and
/// spacing are judged on whole series). What it leaves out is what no operation of that day can
/// reach: the past of patients with nothing left ahead. Run the whole check too (weekly, at the
/// end) to catch a change made behind the services' back.
public enum StoredCalendarCheck {
    /// Kinds that describe a solution against its requests, not a stored calendar (as `doctor`).
    public static let notApplicable: Set<ViolationKind> = [
        .unrequestedSession, .outsideHorizon, .clinicianInactive, .roomInactive, .interpreterInactive,
    ]

    /// Every problem found, one line each (`kind: detail`), in the checker's order then the
    /// invariants'. `from` nil checks the whole file; a day checks the window described above.
    /// Overrides (`move --force --reason`) are set aside as rows but still hold their resources.
    public static func problems(
        store: ParcoursStore, catalog: TrackCatalog, from day: LocalDate? = nil, timeZone: ClinicTimeZone = .paris
    ) throws(StoreError) -> [String] {
        let overrides = Set(try store.overrides().map(\.appointment))
        let active = try sessions(store: store, from: day, timeZone: timeZone)
        let calendar = try SnapshotBuilder(timeZone: timeZone).storedCalendar(
            of: active, store: store, settingAside: overrides)
        let checked = IndependentChecker.violations(problem: calendar.problem, sessions: calendar.sessions)
            .filter { !notApplicable.contains($0.kind) }
        let order = SeriesInvariants.violations(
            of: active, catalog: catalog, settingAside: overrides, timeZone: timeZone)
        return (checked + order).map { "\($0.kind.rawValue): \($0.detail)" }
    }

    /// The active sessions the check reads: all of them, or the window from `day`'s Monday on
    /// with the whole series of every patient in it, in time order.
    public static func sessions(
        store: ParcoursStore, from day: LocalDate?, timeZone: ClinicTimeZone
    ) throws(StoreError) -> [Appointment] {
        let end = Date(timeIntervalSince1970: 4_102_444_800)
        guard let day else { return try store.activeAppointments(from: Date(timeIntervalSince1970: 0), to: end) }
        let monday = day.adding(days: -day.weekday.index)
        let start = timeZone.instant(on: monday, at: .midnight) ?? Date(timeIntervalSince1970: 0)
        let window = try store.activeAppointments(from: start, to: end)
        var seen = Set(window.map(\.id))
        var result = window
        let series = try store.appointmentsByPatient(Set(window.map(\.patient)))
        for appointment in series.values.joined()
        where (appointment.status == .booked || appointment.status == .attended) && !seen.contains(appointment.id) {
            seen.insert(appointment.id)
            result.append(appointment)
        }
        return result.sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
    }
}
