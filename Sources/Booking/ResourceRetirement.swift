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
