import Foundation

/// Where a patient stands on their pathway.
public enum EnrolmentState: String, CaseIterable, Codable, Sendable {
    /// Referred to the centre, not yet placed on a track.
    case referred
    /// Placed on a track, no session attended yet.
    case enrolled
    /// At least one session of the track attended.
    case inTreatment = "in-treatment"
    /// Every required step attended, closing assessment included.
    case completed
    /// Stopped coming, or asked to stop.
    case droppedOut = "dropped-out"
    /// Oriented to another service instead of (or instead of finishing) the centre's care.
    case referredOut = "referred-out"

    /// A terminal state accepts no further event.
    public var isTerminal: Bool { [.completed, .droppedOut, .referredOut].contains(self) }

    public var label: String {
        switch self {
        case .referred: "referred"
        case .enrolled: "enrolled"
        case .inTreatment: "in treatment"
        case .completed: "completed"
        case .droppedOut: "dropped out"
        case .referredOut: "referred out"
        }
    }
}

/// One change of state, kept so coordinators can see when and why a pathway moved.
public struct EnrolmentTransition: Hashable, Sendable, Codable {
    public var from: EnrolmentState
    public var to: EnrolmentState
    public var at: Date
    public var reason: String?

    public init(from: EnrolmentState, to: EnrolmentState, at: Date, reason: String? = nil) {
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
    }
}

/// A patient's place on one care track.
public struct Enrolment: Hashable, Sendable, Codable {
    public var id: Int64?
    public var patient: PatientCode
    public var track: TrackID
    public var state: EnrolmentState
    public var enrolledOn: LocalDate
    public var history: [EnrolmentTransition]

    public init(
        id: Int64? = nil, patient: PatientCode, track: TrackID, state: EnrolmentState,
        enrolledOn: LocalDate, history: [EnrolmentTransition] = []
    ) {
        self.id = id
        self.patient = patient
        self.track = track
        self.state = state
        self.enrolledOn = enrolledOn
        self.history = history
    }
}

/// What became of a booked session.
public enum AppointmentStatus: String, CaseIterable, Codable, Sendable {
    case booked
    case attended
    case noShow = "no-show"
    case cancelledByPatient = "cancelled-by-patient"
    case cancelledByCentre = "cancelled-by-centre"

    public var isCancelled: Bool { self == .cancelledByPatient || self == .cancelledByCentre }
}

/// One session of one step of a patient's track, at an instant, with its resources.
public struct Appointment: Hashable, Sendable, Codable {
    public var id: AppointmentID
    public var patient: PatientCode
    public var track: TrackID
    public var step: StepID
    /// Which occurrence of the step (1-based): therapy session 3 of 10.
    public var occurrence: Int
    public var start: Date
    public var end: Date
    public var clinicians: [ClinicianID]
    public var room: RoomID?
    public var interpreter: InterpreterID?
    public var status: AppointmentStatus
    /// The group cohort a group session belongs to: its members share the room, the facilitators
    /// and the time, one row each, and that is not a double booking.
    public var cohort: String?

    public init(
        id: AppointmentID, patient: PatientCode, track: TrackID, step: StepID, occurrence: Int,
        start: Date, end: Date, clinicians: [ClinicianID], room: RoomID? = nil,
        interpreter: InterpreterID? = nil, status: AppointmentStatus = .booked, cohort: String? = nil
    ) {
        self.cohort = cohort
        self.id = id
        self.patient = patient
        self.track = track
        self.step = step
        self.occurrence = occurrence
        self.start = start
        self.end = end
        self.clinicians = clinicians
        self.room = room
        self.interpreter = interpreter
        self.status = status
    }
}

/// A session that counts towards a track: attended, on a given day.
public struct HeldSession: Hashable, Sendable, Codable {
    public var step: StepID
    public var date: LocalDate
    public var clinician: ClinicianID?

    public init(step: StepID, date: LocalDate, clinician: ClinicianID? = nil) {
        self.step = step
        self.date = date
        self.clinician = clinician
    }
}
