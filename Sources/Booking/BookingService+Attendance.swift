import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

extension BookingService {
    /// What recording attendance did to the pathway.
    public struct AttendanceOutcome: Sendable {
        public var appointment: Appointment
        public var state: EnrolmentState
        /// Set when this no-show makes `noShowReviewThreshold` in a row: the coordinator should
        /// review a drop-out (the engine never drops a patient on its own).
        public var dropOutReview: Int?
    }

    /// Records that the patient came; the enrolment advances (in treatment, then completed after
    /// the closing assessment).
    public func attend(_ id: AppointmentID, at instant: Date) throws(BookingError) -> AttendanceOutcome {
        let appointment = try bookedAppointment(id)
        guard appointment.start <= instant else {
            throw .notApplicable(
                Refusal(
                    .notBegunAttendance,
                    "\(id) is on \(describe(appointment.start)); attendance is recorded once the session has begun",
                    ["id": id.rawValue, "when": stamp(appointment.start)]))
        }
        let current = try wrap { () throws(StoreError) in try store.currentEnrolment(patient: appointment.patient) }
        guard var enrolment = current, enrolment.track == appointment.track else {
            throw .notEnrolled(appointment.patient)
        }
        guard let track = catalog.track(enrolment.track) else { throw .unknownTrack(enrolment.track) }
        let held = try wrap { () throws(StoreError) in
            try store.heldSessions(patient: appointment.patient, track: track.id, in: timeZone)
        }
        // The intake comes before any therapy or group session: a series whose intake was
        // cancelled or missed waits for its replacement.
        if let intake = track.steps.first(where: { $0.required && $0.kind != .referralOut }),
            intake.id != appointment.step,
            !held.contains(where: { $0.step == intake.id })
        {
            throw .notApplicable(
                Refusal(
                    .intakeFirst,
                    "\(id) is \(appointment.step) \(appointment.occurrence), but \(appointment.patient)'s \(intake.id) "
                        + "has not been held; it comes first (parcours book \(appointment.patient) --next)",
                    ["id": id.rawValue, "patient": appointment.patient.rawValue, "step": intake.id.rawValue]))
        }
        var machine = EnrolmentMachine(enrolment: enrolment, track: track, held: held)
        let session = HeldSession(
            step: appointment.step, date: timeZone.local(appointment.start).date,
            clinician: appointment.clinicians.first)
        let outcome: EnrolmentOutcome
        do { outcome = try machine.sessionAttended(session, at: instant) } catch {
            throw .notApplicable(Refusal(.other, String(describing: error)))
        }
        if outcome.transition != nil, let updated = machine.enrolment(patient: appointment.patient, id: enrolment.id) {
            enrolment = updated
        }
        let changed = enrolment
        try wrap { () throws(StoreError) in
            try store.recordAttendance(
                id, .attended, expected: .booked, enrolment: outcome.transition == nil ? nil : changed, actor: actor,
                reason: "attended")
        }
        var after = appointment
        after.status = .attended
        return AttendanceOutcome(appointment: after, state: enrolment.state, dropOutReview: nil)
    }

    /// Records that the patient did not come; several in a row raise a drop-out review. The
    /// `reason` (what the patient said, if they called) goes to the audit log. Like attendance,
    /// it is recorded only once the session has begun (`instant` is now): a patient cannot miss
    /// a session weeks ahead; cancel it instead.
    public func noShow(
        _ id: AppointmentID, at instant: Date, reason: String? = nil
    ) throws(BookingError) -> AttendanceOutcome {
        let appointment = try bookedAppointment(id)
        guard appointment.start <= instant else {
            throw .notApplicable(
                Refusal(
                    .notBegunNoShow,
                    "\(id) is on \(describe(appointment.start)); a no-show is recorded once the session has begun "
                        + "(to call it off ahead, cancel it)", ["id": id.rawValue, "when": stamp(appointment.start)]))
        }
        try wrap { () throws(StoreError) in
            try store.recordAttendance(
                id, .noShow, expected: .booked, enrolment: nil, actor: actor, reason: reason ?? "no-show")
        }
        let history = try wrap { () throws(StoreError) in try store.appointments(patient: appointment.patient) }
            .filter { $0.track == appointment.track && ($0.status == .attended || $0.status == .noShow) }
            .sorted { $0.start < $1.start }
        let streak = history.reversed().prefix { $0.status == .noShow }.count
        let state = try wrap { () throws(StoreError) in try store.currentEnrolment(patient: appointment.patient) }?
            .state
        var after = appointment
        after.status = .noShow
        return AttendanceOutcome(
            appointment: after, state: state ?? .enrolled,
            dropOutReview: streak >= noShowReviewThreshold ? streak : nil)
    }

    /// Who cancelled: it changes the reports (cancelled by patient vs by centre), not the booking.
    public enum CancelledBy: String, CaseIterable, Sendable { case patient, centre }

    /// Cancels a session and proposes a replacement (not booked: the secretary confirms).
    public func cancel(
        _ id: AppointmentID, by who: CancelledBy, reason: String, today: LocalDate
    )
        throws(BookingError) -> (cancelled: Appointment, rebook: Result<Booking, BookingError>)
    {
        let appointment = try bookedAppointment(id)
        let status: AppointmentStatus = who == .patient ? .cancelledByPatient : .cancelledByCentre
        try wrap { () throws(StoreError) in
            try store.setAppointmentStatus(id, status, expected: .booked, actor: actor, reason: reason)
        }
        var after = appointment
        after.status = status
        let rebook: Result<Booking, BookingError>
        do {
            rebook = .success(try propose(Request(patient: appointment.patient, scope: .next), today: today))
        } catch {
            rebook = .failure(error)
        }
        return (after, rebook)
    }

    /// Moves one session to a given local time, or to the nearest other time the scheduler finds.
    ///
    /// A given time is checked against every rule (``ruleBreaks(moving:to:today:)``) and refused
    /// with the list, unless `force` is set with a `reason`: then it is booked and recorded as an
    /// override that `doctor` and the reports show. `.auto` always picks a different time, the
    /// nearest to the current one, inside `window`, keeping the series' order and spacing.
    public func move(
        _ id: AppointmentID, to target: MoveTarget, today: LocalDate, reason: String? = nil,
        force: Bool = false, window: MoveWindow = .any
    ) throws(BookingError) -> Appointment {
        let appointment = try bookedAppointment(id)
        var moved = appointment
        switch target {
        case let .at(date, time):
            guard let start = timeZone.instant(on: date, at: time) else {
                throw .notApplicable(
                    Refusal(
                        .timeDoesNotExist,
                        "\(date) \(time) does not exist in \(timeZone.identifier) (the clocks go forward); choose another time",
                        ["when": "\(date) \(time)"]))
            }
            moved.start = start
            moved.end = start.addingTimeInterval(appointment.end.timeIntervalSince(appointment.start))
            let breaks = try ruleBreaks(moving: appointment, to: moved, today: today)
            if !breaks.isEmpty {
                guard force, let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                    throw .ruleBroken(id, breaks)
                }
                let result = moved
                try wrap { () throws(StoreError) in
                    try store.move(id, to: result, overriding: breaks, actor: actor, reason: reason)
                }
                return result
            }
        case .auto:
            let session = try nearestOtherTime(for: appointment, window: window, today: today)
            moved.start = session.start
            moved.end = session.end
            moved.clinicians = session.clinicians
            moved.room = session.room
            moved.interpreter = session.interpreter
        }
        let result = moved
        try wrap { () throws(StoreError) in try store.move(id, to: result, actor: actor, reason: reason ?? "moved") }
        return result
    }

    /// Where a session should go.
    public enum MoveTarget: Sendable {
        case at(LocalDate, LocalTime)
        case auto
    }

    /// A one-session request for the step and occurrence of `appointment`, keeping its clinician.
    func moveRequest(for appointment: Appointment, today: LocalDate) throws(BookingError) -> SeriesRequest {
        guard let patient = try wrap({ () throws(StoreError) in try store.patient(appointment.patient) }) else {
            throw .patientNotFound(appointment.patient)
        }
        guard let track = catalog.track(appointment.track) else { throw .unknownTrack(appointment.track) }
        guard let step = track.step(appointment.step) else {
            throw .notApplicable(
                Refusal(
                    .stepGone, "step \(appointment.step) is no longer in track \(track.id)",
                    ["step": appointment.step.rawValue, "track": track.id.rawValue]))
        }
        var spec = SessionPlanner.spec(for: step, occurrence: appointment.occurrence, patient: patient)
        let others = try wrap { () throws(StoreError) in try store.appointments(patient: appointment.patient) }
            .filter {
                $0.id != appointment.id && $0.track == track.id && ($0.status == .booked || $0.status == .attended)
            }
        let before = others.filter { $0.start < appointment.start }
        spec.deadline = nil
        return SeriesRequest(
            patient: patient.code, track: track.id, sessions: [spec], earliest: today,
            referralDate: patient.referralDate,
            previous: SessionPlanner.previous(before, timeZone: timeZone), fixedClinician: appointment.clinicians.first)
    }

    func bookedAppointment(_ id: AppointmentID) throws(BookingError) -> Appointment {
        guard let appointment = try wrap({ () throws(StoreError) in try store.appointment(id) }) else {
            throw .appointmentNotFound(id)
        }
        guard appointment.status == .booked else {
            throw .notApplicable(
                Refusal(
                    .notBooked, "\(id) is already \(appointment.status.rawValue); only a booked session can change",
                    ["id": id.rawValue, "status": appointment.status.rawValue]))
        }
        return appointment
    }

    /// `Tue 2027-02-02 14:00`, local.
    /// `2026-11-26 14:00` in the centre's time: a refusal's value, worded by each front end.
    func stamp(_ instant: Date) -> String {
        let local = timeZone.local(instant)
        return "\(local.date) \(local.time)"
    }

    func describe(_ instant: Date) -> String {
        let local = timeZone.local(instant)
        return "\(local.date.weekday.shortName) \(local.date) \(local.time)"
    }
}
