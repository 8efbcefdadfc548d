import CareModel
import Foundation
import Store

extension BookingService {
    /// What a read of a subscribed calendar means for the booked sessions: those its busy times
    /// fall on and, when it replans, where each went, or why they could not move.
    public struct SubscriptionClashes: Sendable {
        /// Sessions still booked with the clinician during the busy times, by start, as they were.
        public var hit: [Appointment]
        /// With replanning: the same sessions at their new times (same ids), in the same order.
        public var moved: [Appointment] = []
        /// The moved sessions given to another clinician (continuity broken on purpose).
        public var toColleague: Set<AppointmentID> = []
        /// Why replanning moved nothing (one session could not be placed, or is a group's): the
        /// sessions stay booked and listed.
        public var replanFailure: BookingError?

        public init(
            hit: [Appointment], moved: [Appointment] = [], toColleague: Set<AppointmentID> = [],
            replanFailure: BookingError? = nil
        ) {
            self.hit = hit
            self.moved = moved
            self.toColleague = toColleague
            self.replanFailure = replanFailure
        }
    }

    /// The booked sessions a subscription's busy times fall on, after a read has stored them.
    ///
    /// Without `replan`, only the busy times new at this read (`new`) are checked, so a session is
    /// reported once, when its clash appears. With `replan` (`calendar refresh --replan`, or the
    /// subscription's own setting), every busy time the subscription keeps is checked, so a clash
    /// reported earlier is moved too, through the same search as `clinician absence add --replan`:
    /// the same clinician at the nearest other time, keeping the series in order and spaced, else a
    /// qualified colleague. The busy times are recorded whatever happens (the clinician is away
    /// whatever Parcours does), so the moves are their own transaction: all or none.
    public func subscriptionClashes(
        of subscription: CalendarSubscription, new: [ClinicianAbsence], replan: Bool, today: LocalDate
    ) throws(BookingError) -> SubscriptionClashes {
        let busy =
            replan ? try wrap { () throws(StoreError) in try store.subscriptionAbsences(subscription.id) } : new
        let hit = try wrap { () throws(StoreError) in try AbsenceClashes.sessions(during: busy, in: store) }
        guard replan, !hit.isEmpty else { return SubscriptionClashes(hit: hit) }
        let reason = "busy in the clinician's own calendar (subscription \(subscription.id))"
        do {
            // The busy times are in the store already, so the snapshot blocks them.
            let plan = try replanSessions(hit, blocking: [], today: today)
            try wrap { () throws(StoreError) in
                try store.move(plan.moved.map { ($0.id, $0) }, actor: actor, reason: reason)
            }
            return SubscriptionClashes(hit: hit, moved: plan.moved, toColleague: plan.toColleague)
        } catch {
            return SubscriptionClashes(hit: hit, replanFailure: error)
        }
    }
}
