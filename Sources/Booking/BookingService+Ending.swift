import CareModel
import Foundation
import PathwayEngine
import Store

extension BookingService {
    /// How a pathway ends before its closing assessment.
    public enum Ending: Sendable, Hashable {
        /// The patient stopped coming or chose to stop.
        case dropOut
        /// Care continues with a partner (forensic unit, GP…) instead of the centre.
        case referOut(Partner)
    }

    /// What ending a pathway did: the enrolment as stored, and the sessions it freed.
    public struct EndingOutcome: Sendable {
        public var enrolment: Enrolment
        public var cancelled: [Appointment]
    }

    /// Ends the patient's pathway and cancels the sessions still booked from `instant` on, in one
    /// transaction, so the freed slots go back to the waiting list at once and no clinician's feed
    /// keeps a session nobody will come to.
    ///
    /// A drop-out's sessions count as cancelled by the patient, a referral out's as cancelled by
    /// the centre: that is who decided, and the completion report counts them that way.
    public func end(
        _ patient: PatientCode, _ ending: Ending, reason: String, at instant: Date
    )
        throws(BookingError) -> EndingOutcome
    {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw .notApplicable(
                Refusal(.endingNeedsReason, "ending a pathway needs a reason, for the audit log and the coordinators"))
        }
        guard try wrap({ () throws(StoreError) in try store.patient(patient) }) != nil else {
            throw .patientNotFound(patient)
        }
        guard let enrolment = try wrap({ () throws(StoreError) in try store.currentEnrolment(patient: patient) }) else {
            throw .notEnrolled(patient)
        }
        guard let track = catalog.track(enrolment.track) else { throw .unknownTrack(enrolment.track) }
        let held = try wrap { () throws(StoreError) in
            try store.heldSessions(patient: patient, track: track.id, in: timeZone)
        }
        var machine = EnrolmentMachine(enrolment: enrolment, track: track, held: held)
        let status: AppointmentStatus
        do {
            switch ending {
            case .dropOut:
                _ = try machine.dropOut(reason: trimmed, at: instant)
                status = .cancelledByPatient
            case let .referOut(partner):
                _ = try machine.referOut(to: partner, reason: trimmed, at: instant)
                status = .cancelledByCentre
            }
        } catch {
            throw .notApplicable(Refusal(.other, String(describing: error)))
        }
        guard let ended = machine.enrolment(patient: patient, id: enrolment.id) else { throw .notEnrolled(patient) }
        let cancelled = try wrap { () throws(StoreError) in
            try store.endEnrolment(ended, cancellingAs: status, from: instant, actor: actor, reason: trimmed)
        }
        return EndingOutcome(enrolment: ended, cancelled: cancelled)
    }
}
