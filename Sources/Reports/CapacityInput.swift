import CareModel
import Foundation

/// A patient on the waiting list, as the capacity report shows it: a pseudonymous code only.
public struct WaitingEntry: Hashable, Sendable, Codable {
    public var patient: PatientCode
    public var track: TrackID
    /// The referral day: how long the person has waited is counted from it.
    public var referred: LocalDate
    /// The intake deadline of the track, when the intake is still to book.
    public var deadline: LocalDate?
    /// Waiting for a group to form rather than for an individual slot.
    public var awaitingGroup: Bool

    public init(patient: PatientCode, track: TrackID, referred: LocalDate, deadline: LocalDate?, awaitingGroup: Bool) {
        self.patient = patient
        self.track = track
        self.referred = referred
        self.deadline = deadline
        self.awaitingGroup = awaitingGroup
    }
}

/// The earliest intake a new referral on a track could get, found by the scheduler without
/// booking anything; nil `day` with the scheduler's reason when nothing fits the horizon.
public struct IntakeForecast: Hashable, Sendable, Codable {
    public var track: TrackID
    public var day: LocalDate?
    public var reason: String?

    public init(track: TrackID, day: LocalDate?, reason: String? = nil) {
        self.track = track
        self.day = day
        self.reason = reason
    }
}

/// Every record the capacity report reads, as plain values (the CLI assembles them from the
/// Store and Booking).
public struct CapacityInput: Sendable {
    public var clinicians: [Clinician]
    public var rooms: [Room]
    public var closedDays: [LocalDate]
    public var absences: [ClinicianAbsence]
    /// Appointments overlapping the report's weeks, any status; booked, attended and no-show
    /// sessions count as used time (a no-show still held the clinician and the room).
    public var appointments: [Appointment]
    public var waiting: [WaitingEntry]
    public var forecasts: [IntakeForecast]
    /// Sessions placed against a rule on purpose (`move --force --reason`), counted per week.
    public var overrides: Set<AppointmentID>

    public init(
        clinicians: [Clinician], rooms: [Room], closedDays: [LocalDate], absences: [ClinicianAbsence],
        appointments: [Appointment], waiting: [WaitingEntry] = [], forecasts: [IntakeForecast] = [],
        overrides: Set<AppointmentID> = []
    ) {
        self.overrides = overrides
        self.clinicians = clinicians
        self.rooms = rooms
        self.closedDays = closedDays
        self.absences = absences
        self.appointments = appointments
        self.waiting = waiting
        self.forecasts = forecasts
    }
}
