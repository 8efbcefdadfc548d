import CareModel
import Foundation

/// One session as the completion report reads it: whose, which step of which track, when, what
/// became of it, and the clinician listed first.
///
/// A whole-centre report reads every session there is (120,000 at the target size). Building a
/// full `Appointment` for each (id, end, room, interpreter, cohort, an array of clinicians) was
/// most of the load's cost, and the report reads none of those.
public struct ReportSession: Hashable, Sendable {
    public var patient: PatientCode
    public var track: TrackID
    public var step: StepID
    public var start: Date
    public var status: AppointmentStatus
    /// The first clinician of the session, the one `--by clinician` credits; nil if none, or if
    /// the caller did not read clinicians because the grouping does not use them.
    public var leadClinician: ClinicianID?

    public init(
        patient: PatientCode, track: TrackID, step: StepID, start: Date, status: AppointmentStatus,
        leadClinician: ClinicianID?
    ) {
        self.patient = patient
        self.track = track
        self.step = step
        self.start = start
        self.status = status
        self.leadClinician = leadClinician
    }

    /// The report's view of a stored appointment (tests, the in-memory benchmark).
    public init(_ appointment: Appointment) {
        self.init(
            patient: appointment.patient, track: appointment.track, step: appointment.step,
            start: appointment.start, status: appointment.status, leadClinician: appointment.clinicians.first)
    }
}
