import CareModel
import Foundation
import Scheduler
import Store

extension BookingService {
    /// What recording a room's or an interpreter's unavailability did, and what became of the
    /// sessions it hits.
    public struct ResourceOutcome: Sendable {
        /// The stored record (with its id); the part of the window already gone is not kept.
        public var saved: ResourceUnavailability
        /// False when the same resource, start and end was already recorded.
        public var added: Bool
        /// The booked sessions ahead that use the resource during the window, as they were.
        public var hit: [Appointment]
        /// With `replan`: kept at their time with another room or interpreter (the patient sees
        /// no change).
        public var sameTime: [Appointment]
        /// With `replan`: moved to another time (same clinician first, else a colleague), as a
        /// leave replan moves them.
        public var moved: [Appointment]
        public var toColleague: Set<AppointmentID>
    }

    /// Records that `resource` cannot be used during `[from, to)`, so no booking, move or
    /// replacement made afterwards uses it then, and lists the booked sessions ahead it hits.
    ///
    /// With `replan`, those sessions are given another room or interpreter at the same time first
    /// (checked against every rule, ``ruleBreaks(moving:to:today:)``), else moved as leave moves
    /// them: the same clinician another time, else a colleague; recorded and moved in one
    /// transaction. A group session changes room as one (``groupRoomAlternative(for:instead:besides:)``);
    /// one that cannot keep its time is not moved alone (its group would split). If one session
    /// cannot be placed, nothing is recorded, nothing moves, and the error names it. Only what is
    /// ahead matters to bookings: a window that began earlier is stored from now on (the CLI's
    /// now, or the start of `today`), and one that has ended is refused.
    @discardableResult
    public func recordUnavailability(
        _ resource: UnavailableResource, from: Date, to: Date, reason: String, replan: Bool, today: LocalDate
    ) throws(BookingError) -> ResourceOutcome {
        let now = snapshots.notBefore ?? timeZone.instant(on: today, at: .midnight) ?? from
        guard to > now else {
            throw .notApplicable("the unavailability of \(resource) ends \(describe(to)), which is already past")
        }
        let record = ResourceUnavailability(resource: resource, start: max(from, now), end: to, reason: reason)
        let hit = try wrap { () throws(StoreError) in try store.activeAppointments(from: record.start, to: to) }
            .filter { $0.status == .booked && $0.start >= now && uses($0, resource) }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        guard replan, !hit.isEmpty else {
            let result = try wrap { () throws(StoreError) in try store.addUnavailability(record, actor: actor) }
            return ResourceOutcome(
                saved: result.saved, added: result.added, hit: hit, sameTime: [], moved: [], toColleague: [])
        }
        let (sameTime, plan) = try placeElsewhere(hit, instead: resource, blocking: record.blocking, today: today)
        let kept = Set(sameTime.map(\.id))
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try wrap { () throws(StoreError) in
            try store.addUnavailability(
                record, moving: sameTime + plan.moved, actor: actor,
                moveReason: { id in
                    kept.contains(id)
                        ? "\(why): \(resource) unavailable, another \(resource.kind) at the same time"
                        : plan.toColleague.contains(id)
                            ? "\(why): \(resource) unavailable, given to a colleague, continuity broken on purpose"
                            : "\(why): \(resource) unavailable, same clinician, another time"
                })
        }
        return ResourceOutcome(
            saved: result.saved, added: result.added, hit: hit, sameTime: sameTime, moved: plan.moved,
            toColleague: plan.toColleague)
    }

    /// Where the sessions `hit` go when `resource` cannot be used (`blocking`): another room or
    /// interpreter at the same time first (a group's room as one), else another time as a leave
    /// replan moves them. Nothing is written; the first session that cannot be placed throws.
    func placeElsewhere(
        _ hit: [Appointment], instead resource: UnavailableResource, blocking: Absence, today: LocalDate
    ) throws(BookingError) -> (sameTime: [Appointment], plan: (moved: [Appointment], toColleague: Set<AppointmentID>)) {
        var sameTime: [Appointment] = []
        var rest: [Appointment] = []
        var groupsDone: Set<String> = []
        for session in hit {
            if let cohort = session.cohort, case let .room(room) = resource {
                // A group session moves room as one: every member's row, or none.
                let key = "\(cohort)|\(session.start.timeIntervalSince1970)"
                guard groupsDone.insert(key).inserted else { continue }
                let members = hit.filter { $0.cohort == cohort && $0.start == session.start }
                if let swapped = try groupRoomAlternative(for: members, instead: room, besides: sameTime) {
                    sameTime += swapped
                } else {
                    rest += members
                }
                continue
            }
            if session.cohort == nil,
                let swapped = try alternative(for: session, instead: resource, besides: sameTime, today: today)
            {
                sameTime.append(swapped)
            } else {
                rest.append(session)
            }
        }
        let plan: (moved: [Appointment], toColleague: Set<AppointmentID>) =
            rest.isEmpty
            ? (moved: [], toColleague: [])
            : try replanSessions(rest, blocking: [blocking], today: today, changed: sameTime)
        return (sameTime, plan)
    }

    func uses(_ session: Appointment, _ resource: UnavailableResource) -> Bool {
        switch resource {
        case let .room(id): session.room == id
        case let .interpreter(id): session.interpreter == id
        }
    }

    /// `session` with another room or interpreter at the same time that breaks no rule and does
    /// not clash with the other swaps of the batch (`besides`); nil when there is none.
    func alternative(
        for session: Appointment, instead resource: UnavailableResource, besides: [Appointment], today: LocalDate
    ) throws(BookingError) -> Appointment? {
        var candidates: [Appointment] = []
        switch resource {
        case let .room(id):
            for room in try wrap({ () throws(StoreError) in try store.rooms() }) where room.id != id && room.active {
                var swapped = session
                swapped.room = room.id
                candidates.append(swapped)
            }
        case let .interpreter(id):
            for interpreter in try wrap({ () throws(StoreError) in try store.interpreters() })
            where interpreter.id != id && interpreter.active {
                var swapped = session
                swapped.interpreter = interpreter.id
                candidates.append(swapped)
            }
        }
        // Rooms and interpreters already taken then are skipped before the full rule check (which
        // reads a whole snapshot per candidate): in a busy week most of them are.
        let busy = try wrap { () throws(StoreError) in
            try store.activeAppointments(from: session.start, to: session.end)
        }
        .filter { $0.id != session.id && $0.start < session.end && session.start < $0.end }
        for candidate in candidates {
            let taken = busy.contains { other in
                (candidate.room != session.room && other.room != nil && other.room == candidate.room)
                    || (candidate.interpreter != session.interpreter && other.interpreter != nil
                        && other.interpreter == candidate.interpreter)
            }
            guard !taken else { continue }
            let clashes = besides.contains { other in
                other.start < candidate.end && candidate.start < other.end
                    && ((other.room != nil && other.room == candidate.room && candidate.room != session.room)
                        || (other.interpreter != nil && other.interpreter == candidate.interpreter
                            && candidate.interpreter != session.interpreter))
            }
            if !clashes, try ruleBreaks(moving: session, to: candidate, today: today).isEmpty { return candidate }
        }
        return nil
    }
}

extension Appointment {
    /// The session as an occupied interval of a snapshot.
    var occupied: BookedSession {
        BookedSession(
            patient: patient, track: track, step: step, occurrence: occurrence, start: start, end: end,
            clinicians: clinicians, room: room, interpreter: interpreter, cohort: cohort)
    }
}
