import CareModel
import Foundation
import PathwayEngine
import ScheduleCheck
import Scheduler
import Store

extension BookingService {
    /// The rules the rest of a series would break at the times of `moved` (the same sessions,
    /// moved together by `move --to ... --rest-of-series`), in words: every hard constraint the
    /// independent checker knows, for each moved session against the rest of the calendar and
    /// against each other (closed days, hours, absences, double bookings, interpreters, rooms),
    /// the past, and the order and spacing of the whole series once moved. Empty when it fits.
    ///
    /// Keeping the rhythm does not keep the rules: a Tuesday series moved to Thursdays meets
    /// Ascension Thursday, the clinician's part-time day or the interpreter's hours.
    public func restOfSeriesBreaks(
        moving rest: [Appointment], to moved: [Appointment], today: LocalDate
    ) throws(BookingError) -> [String] {
        var breaks: [String] = []
        let now = snapshots.notBefore ?? timeZone.instant(on: today, at: .midnight) ?? Date.distantPast
        for session in moved where session.start < now {
            breaks.append("\(session.step) \(session.occurrence) at \(describe(session.start)) is in the past")
        }
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: Set(rest.map(\.patient)))
        }
        let keys = Set(rest.map { StepOccurrence(step: $0.step, occurrence: $0.occurrence) })
        let patient = rest.first?.patient
        problem.existing.removeAll {
            $0.patient == patient && keys.contains(StepOccurrence(step: $0.step, occurrence: $0.occurrence))
        }
        let rows = moved.map { a in
            ProposedSession(
                patient: a.patient, track: a.track, step: a.step, occurrence: a.occurrence, start: a.start,
                end: a.end, clinicians: a.clinicians, room: a.room ?? RoomID("(no room)"),
                interpreter: a.interpreter, cohort: a.cohort)
        }
        let ignored: Set<ViolationKind> = [.outsideHorizon, .unrequestedSession]
        breaks += IndependentChecker.violations(problem: problem, sessions: rows)
            .filter { !ignored.contains($0.kind) }.map { "\($0.kind.rawValue): \($0.detail)" }
        guard let patient else { return breaks }
        // The whole series after the move: the sessions left where they are and the moved ones.
        let movedIDs = Set(moved.map(\.id))
        let overrides = Set(try wrap { () throws(StoreError) in try store.overrides() }.map(\.appointment))
        let series =
            try wrap { () throws(StoreError) in try store.appointments(patient: patient) }
            .filter {
                !movedIDs.contains($0.id) && $0.track == rest.first?.track
                    && ($0.status == .booked || $0.status == .attended)
            } + moved
        breaks += SeriesInvariants.violations(
            of: series, catalog: catalog, settingAside: overrides, timeZone: timeZone
        ).map { "\($0.kind.rawValue): \($0.detail)" }
        return breaks
    }
}
