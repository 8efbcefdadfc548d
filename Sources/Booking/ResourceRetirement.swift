import CareModel
import Foundation
import Store

/// A room or an interpreter taken out of service, and the sessions that still need one.
///
/// Deactivating moves nothing, as recording a clinician's leave moves nothing: the booked
/// sessions ahead that use the resource are listed so the front desk finds them another room or
/// interpreter (a move, or `room|interpreter unavailable add --replan` before deactivating). New
/// bookings never use it: the scheduler leaves an inactive resource out of every search.
public enum ResourceRetirement {
    /// Every session still booked ahead of `now` that uses `resource`, by start.
    public static func sessionsAhead(
        using resource: UnavailableResource, from now: Date, in store: ParcoursStore
    ) throws(StoreError) -> [Appointment] {
        try store.activeAppointments(from: now, to: .distantFuture)
            .filter { a in
                guard a.status == .booked, a.start >= now else { return false }
                switch resource {
                case let .room(id): return a.room == id
                case let .interpreter(id): return a.interpreter == id
                }
            }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
    }

    /// Takes `resource` out of service (or back into it, with `active`) and returns the booked
    /// sessions ahead that still use it: after a deactivation, those that need another one.
    @discardableResult
    public static func setActive(
        _ resource: UnavailableResource, _ active: Bool, from now: Date, in store: ParcoursStore, actor: Actor,
        reason: String?
    ) throws(StoreError) -> [Appointment] {
        switch resource {
        case let .room(id): try store.setActive(room: id, active, actor: actor, reason: reason)
        case let .interpreter(id): try store.setActive(interpreter: id, active, actor: actor, reason: reason)
        }
        return active ? [] : try sessionsAhead(using: resource, from: now, in: store)
    }
}

extension BookingService {
    /// What taking a room or an interpreter out of service did to the sessions ahead using it.
    public struct Retirement: Sendable {
        /// The booked sessions ahead that used it, as they were.
        public var hit: [Appointment]
        /// With `replan`: kept at their time with another room or interpreter.
        public var sameTime: [Appointment]
        /// With `replan`: moved to another time (same clinician first, else a colleague).
        public var moved: [Appointment]
        public var toColleague: Set<AppointmentID>
        /// Without `replan`: the sessions that still use it and need another one.
        public var waiting: [Appointment]
    }

    /// Takes `resource` out of service. With `replan`, every booked session ahead that uses it is
    /// first given another room or interpreter at the same time, else another time, as recording
    /// an unavailability with replan does (``recordUnavailability(_:from:to:reason:replan:today:)``);
    /// the moves and the deactivation are one transaction, and if one session cannot be placed
    /// nothing changes and the error names it. Without `replan` nothing moves and the sessions
    /// are returned as waiting for another one.
    @discardableResult
    public func retire(
        _ resource: UnavailableResource, replan: Bool, reason: String, today: LocalDate
    ) throws(BookingError) -> Retirement {
        let now = snapshots.notBefore ?? timeZone.instant(on: today, at: .midnight) ?? Date()
        let hit = try wrap { () throws(StoreError) in
            try ResourceRetirement.sessionsAhead(using: resource, from: now, in: store)
        }
        guard replan, !hit.isEmpty else {
            _ = try wrap { () throws(StoreError) in
                try ResourceRetirement.setActive(resource, false, from: now, in: store, actor: actor, reason: reason)
            }
            return Retirement(hit: hit, sameTime: [], moved: [], toColleague: [], waiting: hit)
        }
        // Out of service from now on, for as long as any search looks ahead.
        let end = timeZone.instant(on: today.adding(days: 3_660), at: .midnight) ?? now.addingTimeInterval(3e8)
        let blocking = ResourceUnavailability(resource: resource, start: now, end: end, reason: reason).blocking
        let (sameTime, plan) = try placeElsewhere(hit, instead: resource, blocking: blocking, today: today)
        let kept = Set(sameTime.map(\.id))
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let moveReason: (AppointmentID) -> String = { id in
            kept.contains(id)
                ? "\(why): \(resource) out of service, another \(resource.kind) at the same time"
                : plan.toColleague.contains(id)
                    ? "\(why): \(resource) out of service, given to a colleague, continuity broken on purpose"
                    : "\(why): \(resource) out of service, same clinician, another time"
        }
        try wrap { () throws(StoreError) in
            switch resource {
            case let .room(id):
                try store.setActive(
                    room: id, false, moving: sameTime + plan.moved, actor: actor, reason: reason,
                    moveReason: moveReason)
            case let .interpreter(id):
                try store.setActive(
                    interpreter: id, false, moving: sameTime + plan.moved, actor: actor, reason: reason,
                    moveReason: moveReason)
            }
        }
        return Retirement(
            hit: hit, sameTime: sameTime, moved: plan.moved, toColleague: plan.toColleague, waiting: [])
    }
}
