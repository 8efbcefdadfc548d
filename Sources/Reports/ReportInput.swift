import CareModel

/// What a report needs to know about a care track, as plain values: the Reports target imports
/// CareModel only, so the CLI translates `PathwayEngine.Track` into this.
public struct TrackFacts: Hashable, Sendable {
    public var id: TrackID
    public var modality: Modality
    /// Sessions the track plans (the `budget` of its YAML file), to compare completions against.
    public var budget: Int
    /// The step whose attended session is the intake assessment.
    public var intake: StepID
    /// Steps that count as therapy (individual or group sessions) for "intake to first therapy".
    public var therapy: Set<StepID>
    /// The step whose attended session is the closing assessment.
    public var closing: StepID

    public init(id: TrackID, modality: Modality, budget: Int, intake: StepID, therapy: Set<StepID>, closing: StepID) {
        self.id = id
        self.modality = modality
        self.budget = budget
        self.intake = intake
        self.therapy = therapy
        self.closing = closing
    }
}

/// How patients are grouped into rows.
public enum Grouping: String, CaseIterable, Sendable, Codable {
    case category
    case track
    case modality
    /// The clinician who held most of the patient's therapy sessions (else the intake).
    case clinician
    case referralSource = "referral-source"
}

/// The patients a report covers: those *referred* between `from` and `to`, both included.
///
/// The referral date is the one date every patient has, and a cohort by referral shows what
/// became of the people who asked for help in a period, waits included; a filter on session
/// dates would hide those still waiting for their first appointment.
public struct ReferralPeriod: Hashable, Sendable, Codable {
    public var from: LocalDate?
    public var to: LocalDate?

    public init(from: LocalDate? = nil, to: LocalDate? = nil) {
        self.from = from
        self.to = to
    }

    public func contains(_ day: LocalDate) -> Bool {
        (from.map { $0 <= day } ?? true) && (to.map { day <= $0 } ?? true)
    }
}

/// Every record the completion report reads, as the Store returns them.
public struct ReportInput: Sendable {
    public var patients: [Patient]
    public var enrolments: [Enrolment]
    public var sessions: [ReportSession]
    public var measures: [OutcomeMeasure]
    public var tracks: [TrackFacts]
    /// Sessions still booked or held against a rule on purpose (`move --force --reason`).
    public var overrides: [ReportOverride]

    public init(
        patients: [Patient], enrolments: [Enrolment], sessions: [ReportSession],
        measures: [OutcomeMeasure], tracks: [TrackFacts], overrides: [ReportOverride] = []
    ) {
        self.patients = patients
        self.enrolments = enrolments
        self.sessions = sessions
        self.measures = measures
        self.tracks = tracks
        self.overrides = overrides
    }

    /// From full appointments, as tests and callers that already hold them have them.
    public init(
        patients: [Patient], enrolments: [Enrolment], appointments: [Appointment],
        measures: [OutcomeMeasure], tracks: [TrackFacts], overrides: [ReportOverride] = []
    ) {
        self.init(
            patients: patients, enrolments: enrolments, sessions: appointments.map(ReportSession.init),
            measures: measures, tracks: tracks, overrides: overrides)
    }
}
