import CareModel
import Foundation
import Scheduler
import Store

/// A room or an interpreter that cannot be used for a while (a leak, a broken lock, an
/// interpreter's own leave).
public enum UnavailableResource: Sendable, Hashable, CustomStringConvertible {
    case room(RoomID)
    case interpreter(InterpreterID)

    public var description: String {
        switch self {
        case let .room(id): "room \(id)"
        case let .interpreter(id): "interpreter \(id)"
        }
    }
}

extension BookingService {
    /// What became of the sessions a room or an interpreter could not hold.
    public struct ResourceOutcome: Sendable {
        /// The booked sessions ahead that used the resource during the window, as they were.
        public var hit: [Appointment]
        /// Kept at their time with another room or interpreter (the patient sees no change).
        public var sameTime: [Appointment]
        /// Moved to another time (same clinician first, else a colleague), as a leave replan.
        public var moved: [Appointment]
        public var toColleague: Set<AppointmentID>
    }

    /// The sessions booked ahead with `resource` during `[from, to)`, each given another room or
    /// interpreter at the same time first (checked against every rule, ``ruleBreaks(moving:to:today:)``),
    /// else moved as leave moves them: the same clinician another time, else a colleague. All in
    /// one transaction; if one cannot be placed, nothing changes and the error names it.
    ///
    /// The unavailability itself is not stored (rooms and interpreters have no absence records):
    /// this frees the sessions booked now, not the bookings made later.
    public func resourceUnavailable(
        _ resource: UnavailableResource, from: Date, to: Date, today: LocalDate, reason: String
    ) throws(BookingError) -> ResourceOutcome {
        let now = snapshots.notBefore ?? timeZone.instant(on: today, at: .midnight) ?? from
        let hit = try wrap { () throws(StoreError) in try store.activeAppointments(from: max(from, now), to: to) }
            .filter { $0.status == .booked && $0.start >= now && uses($0, resource) }
        var sameTime: [Appointment] = []
        var rest: [Appointment] = []
        for session in hit {
            if session.cohort == nil,
                let swapped = try alternative(for: session, instead: resource, besides: sameTime, today: today)
            {
                sameTime.append(swapped)
            } else {
                rest.append(session)
            }
        }
        let blocked: Absence =
            switch resource {
            case let .room(id): Absence(kind: .room, id: id.rawValue, start: from, end: to)
            case let .interpreter(id): Absence(kind: .interpreter, id: id.rawValue, start: from, end: to)
            }
        let plan =
            rest.isEmpty
            ? (moved: [], toColleague: [])
            : try replanSessions(rest, blocking: [blocked], today: today, changed: sameTime)
        let moves = (sameTime + plan.moved).map { ($0.id, $0) }
        if !moves.isEmpty {
            try wrap { () throws(StoreError) in
                try store.move(moves, actor: actor, reason: "\(reason): \(resource) unavailable")
            }
        }
        return ResourceOutcome(hit: hit, sameTime: sameTime, moved: plan.moved, toColleague: plan.toColleague)
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
            for room in try wrap({ () throws(StoreError) in try store.rooms() }) where room.id != id {
                var swapped = session
                swapped.room = room.id
                candidates.append(swapped)
            }
        case let .interpreter(id):
            for interpreter in try wrap({ () throws(StoreError) in try store.interpreters() })
            where interpreter.id != id {
                var swapped = session
                swapped.interpreter = interpreter.id
                candidates.append(swapped)
            }
        }
        for candidate in candidates {
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
