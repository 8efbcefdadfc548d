import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

extension BookingService {
    /// What recording leave did: the absences saved, the sessions they fall on, and (with
    /// `replan`) where each of those went.
    public struct AbsenceOutcome: Sendable {
        public var added: [ClinicianAbsence]
        public var alreadyPresent: Int
        /// Sessions still booked with the absent clinician during the absences, by start, as they
        /// were before any replanning.
        public var hit: [Appointment]
        /// With `replan`: the same sessions at their new times (same ids), in the same order.
        public var moved: [Appointment] = []
        /// The moved sessions given to another clinician (continuity broken on purpose).
        public var toColleague: Set<AppointmentID> = []

        public init(
            added: [ClinicianAbsence], alreadyPresent: Int, hit: [Appointment], moved: [Appointment] = [],
            toColleague: Set<AppointmentID> = []
        ) {
            self.added = added
            self.alreadyPresent = alreadyPresent
            self.hit = hit
            self.moved = moved
            self.toColleague = toColleague
        }
    }

    /// Records leave added after booking and lists the sessions it hits. With `replan`, those
    /// sessions are moved in the same transaction as the absence is recorded: the same clinician
    /// on another day first (the nearest time, keeping the series in order and spaced), else a
    /// qualified colleague, with the reason in the audit log. If one of them cannot be placed, or
    /// is a group session (moved with its group), nothing is recorded and the error says which.
    public func recordAbsences(
        _ absences: [ClinicianAbsence], replan: Bool, today: LocalDate,
        reason: String? = nil
    ) throws(BookingError) -> AbsenceOutcome {
        let hit = try wrap { () throws(StoreError) in try AbsenceClashes.sessions(during: absences, in: store) }
        guard replan, !hit.isEmpty else {
            let result = try wrap { () throws(StoreError) in
                try store.addAbsences(absences, actor: actor, reason: reason)
            }
            return AbsenceOutcome(added: result.added, alreadyPresent: result.alreadyPresent, hit: hit)
        }
        let blocked = absences.map {
            Absence(kind: .clinician, id: $0.clinician.rawValue, start: $0.start, end: $0.end)
        }
        let plan = try replanSessions(hit, blocking: blocked, today: today)
        let why = reason ?? "clinician absent"
        let result = try wrap { () throws(StoreError) in
            try store.addAbsences(
                absences, moving: plan.moved, actor: actor, reason: why,
                moveReason: {
                    plan.toColleague.contains($0)
                        ? "\(why): given to a colleague, continuity broken on purpose"
                        : "\(why): same clinician, another time"
                })
        }
        return AbsenceOutcome(
            added: result.added, alreadyPresent: result.alreadyPresent, hit: hit, moved: plan.moved,
            toColleague: plan.toColleague)
    }

    /// Every booked session ahead of a clinician who leaves the centre, moved to qualified
    /// colleagues (the nearest time to each), all in one transaction; nothing moves if one cannot.
    public func replanDeparture(
        of clinician: ClinicianID, from instant: Date, today: LocalDate,
        reason: String
    ) throws(BookingError) -> (moved: [Appointment], toColleague: Set<AppointmentID>) {
        let ahead = try wrap { () throws(StoreError) in
            try store.activeAppointments(from: instant, to: Date.distantFuture)
        }
        .filter { $0.status == .booked && $0.clinicians.contains(clinician) }
        .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        guard !ahead.isEmpty else { return ([], []) }
        // Gone for good: beyond the booking horizon, so no search finds them free again.
        let end =
            timeZone.instant(on: today.adding(days: snapshots.horizonWeeks * 7 + 7), at: .midnight)
            ?? Date.distantFuture
        let gone = [Absence(kind: .clinician, id: clinician.rawValue, start: instant, end: end)]
        let plan = try replanSessions(ahead, blocking: gone, today: today)
        try wrap { () throws(StoreError) in
            try store.move(
                plan.moved.map { ($0.id, $0) }, actor: actor, reason: "\(reason): \(clinician) leaves the centre")
        }
        return plan
    }

    /// New times for `sessions` (by start) with `blocking` added to the snapshot: each keeps its
    /// clinician if that clinician is free another time, else goes to a qualified colleague.
    /// `changed` are sessions of the same batch already given other resources (same ids): the
    /// snapshot holds them as changed, not as stored.
    func replanSessions(
        _ sessions: [Appointment], blocking: [Absence], today: LocalDate, changed: [Appointment] = []
    ) throws(BookingError)
        -> (moved: [Appointment], toColleague: Set<AppointmentID>)
    {
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: Set((sessions + changed).map(\.patient)))
        }
        problem.absences += blocking
        let keys = Set((sessions + changed).map { "\($0.patient)|\($0.step)|\($0.occurrence)" })
        problem.existing.removeAll { keys.contains("\($0.patient)|\($0.step)|\($0.occurrence)") }
        problem.existing += changed.map(\.occupied)
        var moved: [AppointmentID: Appointment] = [:]
        var order: [Appointment] = []
        var colleagues: Set<AppointmentID> = []
        for session in sessions {
            guard session.cohort == nil else {
                throw .notApplicable(
                    Refusal(
                        .groupSessionReplan,
                        "\(session.id) is a group session; move the group (parcours group) and run the replan again; nothing changed",
                        ["id": session.id.rawValue]))
            }
            let neighbours = try seriesNeighbours(of: session)
            let before = neighbours.before.map { moved[$0.id] ?? $0 }
            let after = neighbours.after.map { moved[$0.id] ?? $0 }
            var request = try moveRequest(for: session, today: today)
            request.previous = before.map { SessionPlanner.previous([$0], timeZone: timeZone) } ?? nil
            var placed = try? nearest(
                for: session, request: request, in: problem, next: after, window: .any, today: today)
            if placed == nil {
                request.fixedClinician = nil
                request.previous?.clinicians = []
                do {
                    placed = try nearest(
                        for: session, request: request, in: problem, next: after, window: .any, today: today)
                } catch {
                    throw .notApplicable(
                        Refusal(
                            .cannotReplan,
                            "\(session.id) (\(session.patient), \(session.step) \(session.occurrence), \(describe(session.start))) "
                                + "cannot be replanned with its clinician or a colleague: \(error); nothing changed",
                            [
                                "id": session.id.rawValue, "patient": session.patient.rawValue,
                                "when": stamp(session.start), "detail": "\(error)",
                            ].merging(Self.explanationValues(error)) { mine, _ in mine }))
                }
            }
            guard let placed else { continue }
            var a = session
            a.start = placed.start
            a.end = placed.end
            a.clinicians = placed.clinicians
            a.room = placed.room
            a.interpreter = placed.interpreter
            if a.clinicians != session.clinicians { colleagues.insert(a.id) }
            moved[a.id] = a
            order.append(a)
            problem.existing.append(placed.booked)
        }
        return (order, colleagues)
    }
}
