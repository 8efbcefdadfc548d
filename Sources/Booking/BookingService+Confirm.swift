import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

/// Propose first, commit on a second request: what a front end that shows the proposal before
/// booking it (the desk) needs. The proposal is never carried by the client: the second request
/// plans again and books only if the plan is still the one that was shown, so a slot taken in
/// between is refused cleanly instead of being booked over or silently replaced.
extension BookingService {
    /// What became of a confirmation.
    public enum Confirmation: Sendable {
        /// The plan shown was still valid and is now booked.
        case booked(Booking)
        /// Something changed since the plan was shown (a slot was taken): nothing was booked;
        /// here is the new plan, to show and confirm again.
        case changed(Booking)
    }

    /// Books `request` if planning it again gives the plan whose ``Booking/digest`` is `expected`.
    ///
    /// The commit re-checks every resource in its transaction as ``book(_:today:)`` does, so a
    /// booking made between this plan and the commit is reported as a Store conflict.
    public func confirm(
        _ request: Request, expected: String, today: LocalDate
    ) throws(BookingError) -> Confirmation {
        let booking = try propose(request, today: today)
        guard booking.digest == expected else { return .changed(booking) }
        try wrap { () throws(StoreError) in
            let reason =
                booking.shifted.isEmpty
                ? (request.scope == .next
                    ? "book next session (confirmed proposal)" : "book series (confirmed proposal)")
                : "replacement inside the series; the rest of the series follows it"
            try store.book(booking.appointments, moving: booking.shifted, actor: actor, reason: reason)
        }
        return .booked(booking)
    }

    /// The other times a booked session could move to, nearest first: the nearest later and the
    /// nearest earlier time that keep its series in order and spaced (what `move --auto` chooses from).
    public func moveProposals(for id: AppointmentID, today: LocalDate) throws(BookingError) -> [ProposedSession] {
        let appointment = try bookedAppointment(id)
        let found = try otherTimes(for: appointment, window: .any, today: today)
        let distance = { (s: ProposedSession) in abs(s.start.timeIntervalSince(appointment.start)) }
        var seen = Set<Date>()
        return found.candidates.sorted { distance($0) < distance($1) }.filter { seen.insert($0.start).inserted }
    }

    /// Moves a session to the proposal starting at `start`, if planning again still offers it;
    /// otherwise refuses (the time was taken meanwhile) and changes nothing.
    public func move(
        _ id: AppointmentID, toProposalAt start: Date, today: LocalDate, reason: String
    ) throws(BookingError) -> Appointment {
        let appointment = try bookedAppointment(id)
        guard let chosen = try moveProposals(for: id, today: today).first(where: { $0.start == start }) else {
            throw .notApplicable(
                Refusal(
                    .proposalGone,
                    "\(id) can no longer move to \(describe(start)): that time was taken or no longer fits its series",
                    ["id": id.rawValue, "when": stamp(start)]))
        }
        var moved = appointment
        moved.start = chosen.start
        moved.end = chosen.end
        moved.clinicians = chosen.clinicians
        moved.room = chosen.room
        moved.interpreter = chosen.interpreter
        let result = moved
        try wrap { () throws(StoreError) in try store.move(id, to: result, actor: actor, reason: reason) }
        return result
    }
}

extension BookingService.Booking {
    /// A fingerprint of what would be booked (every session's step, time and resources, and the
    /// sessions shifted to make room), to tell at confirmation whether the plan is still the same.
    public var digest: String { BookingDigest.of(appointments + shifted) }
}

extension BookingService.WaitlistOutcome {
    /// A fingerprint of every series the batch books, as ``BookingService/Booking/digest``.
    public var digest: String { BookingDigest.of(booked.flatMap { $0.appointments + $0.shifted }) }
}

enum BookingDigest {
    /// SHA-256 over the sessions' planned content (not their fresh random ids), hex.
    static func of(_ appointments: [Appointment]) -> String {
        let lines = appointments.map { a in
            [
                a.patient.rawValue, a.track.rawValue, a.step.rawValue, String(a.occurrence),
                String(Int(a.start.timeIntervalSince1970)), String(Int(a.end.timeIntervalSince1970)),
                a.clinicians.map(\.rawValue).sorted().joined(separator: ","), a.room?.rawValue ?? "",
                a.interpreter?.rawValue ?? "", a.cohort ?? "",
            ].joined(separator: "|")
        }.sorted()
        return FeedTokenSecret.sha256(lines.joined(separator: "\n")).map { String(format: "%02x", $0) }.joined()
    }
}
