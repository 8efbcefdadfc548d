import CareModel
import Foundation

/// One session the scheduler proposes: the open solution format has one of these per row.
public struct ProposedSession: Hashable, Sendable, Codable {
    public var patient: PatientCode
    public var track: TrackID
    public var step: StepID
    public var occurrence: Int
    /// UTC instants; the local wall-clock time is a rule, the instant is what gets stored.
    public var start: Date
    public var end: Date
    public var clinicians: [ClinicianID]
    public var room: RoomID
    public var interpreter: InterpreterID?
    /// True when the session's deadline could not be met and this is the earliest possible day.
    public var late: Bool
    /// The group cohort, for group sessions (one row per patient, same resources).
    public var cohort: String?

    public init(
        patient: PatientCode, track: TrackID, step: StepID, occurrence: Int, start: Date, end: Date,
        clinicians: [ClinicianID], room: RoomID, interpreter: InterpreterID? = nil, late: Bool = false,
        cohort: String? = nil
    ) {
        self.patient = patient
        self.track = track
        self.step = step
        self.occurrence = occurrence
        self.start = start
        self.end = end
        self.clinicians = clinicians
        self.room = room
        self.interpreter = interpreter
        self.late = late
        self.cohort = cohort
    }

    enum CodingKeys: String, CodingKey {
        case patient, track, step, occurrence, start, end, clinicians, room, interpreter, late, cohort
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        patient = try c.decode(PatientCode.self, forKey: .patient)
        track = try c.decode(TrackID.self, forKey: .track)
        step = try c.decode(StepID.self, forKey: .step)
        occurrence = try c.decodeIfPresent(Int.self, forKey: .occurrence) ?? 1
        start = try c.decode(Date.self, forKey: .start)
        end = try c.decode(Date.self, forKey: .end)
        clinicians = try c.decode([ClinicianID].self, forKey: .clinicians)
        room = try c.decode(RoomID.self, forKey: .room)
        interpreter = try c.decodeIfPresent(InterpreterID.self, forKey: .interpreter)
        late = try c.decodeIfPresent(Bool.self, forKey: .late) ?? false
        cohort = try c.decodeIfPresent(String.self, forKey: .cohort)
    }

    /// The same session as an occupied interval, to feed back into a later snapshot.
    public var booked: BookedSession {
        BookedSession(
            patient: patient, track: track, step: step, occurrence: occurrence, start: start, end: end,
            clinicians: clinicians, room: room, interpreter: interpreter, cohort: cohort)
    }
}

/// The soft-objective terms of a proposal; lower is better for every one of them.
///
/// The weights that turn them into ``Proposal/score`` are in ``ObjectiveWeights``.
public struct ObjectiveTerms: Hashable, Sendable, Codable {
    /// Days from the referral to the first proposed session.
    public var waitingDays: Int
    /// Sessions after the first that are not exactly 7 days after the previous one at the same
    /// local time.
    public var regularityMisses: Int
    /// Sessions outside the patient's preferred days or times.
    public var preferenceMisses: Int
    /// Sum over sessions of the chosen clinicians' load that week (booked minutes as a percentage
    /// of their weekly hours) when the session was placed: low when work goes to the less loaded.
    public var loadImbalance: Int
    /// Sessions in a different room from the previous session of the series.
    public var roomChanges: Int
    /// Sessions flagged late (deadline missed).
    public var lateSessions: Int
    /// 1 when ``missingSessions`` is not 0: the series broke off. A figure to report (how many
    /// pathways a schedule leaves unfinished), not weighted: the missing sessions are.
    public var unfinishedPathways: Int
    /// Sessions some schedule could hold inside the horizon (each one's earliest possible day,
    /// from the request's earliest day by minimum spacings, is inside it) minus the leading
    /// sessions booked, in order. Judged on the request, not on the booked days, so an intake
    /// pushed to the horizon's end does not excuse the sessions after it; graded, so booking more
    /// of a series that cannot be carried through always pays.
    public var missingSessions: Int
    /// Days from the first to the last booked session of a new pathway: care that drags on
    /// costs, a little.
    public var treatmentDays: Int
    /// Sessions with an interpreter: the scarcest resource of migrant care, spared when a
    /// clinician speaks the patient's language.
    public var interpretedSessions: Int

    public init(
        waitingDays: Int = 0, regularityMisses: Int = 0, preferenceMisses: Int = 0, loadImbalance: Int = 0,
        roomChanges: Int = 0, lateSessions: Int = 0, unfinishedPathways: Int = 0, missingSessions: Int = 0,
        treatmentDays: Int = 0, interpretedSessions: Int = 0
    ) {
        self.waitingDays = waitingDays
        self.regularityMisses = regularityMisses
        self.preferenceMisses = preferenceMisses
        self.loadImbalance = loadImbalance
        self.roomChanges = roomChanges
        self.lateSessions = lateSessions
        self.unfinishedPathways = unfinishedPathways
        self.missingSessions = missingSessions
        self.treatmentDays = treatmentDays
        self.interpretedSessions = interpretedSessions
    }

    enum CodingKeys: String, CodingKey {
        case waitingDays, regularityMisses, preferenceMisses, loadImbalance, roomChanges, lateSessions,
            unfinishedPathways, missingSessions, treatmentDays, interpretedSessions
    }

    /// The four later terms may be missing from a proposal written before they existed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            waitingDays: try c.decode(Int.self, forKey: .waitingDays),
            regularityMisses: try c.decode(Int.self, forKey: .regularityMisses),
            preferenceMisses: try c.decode(Int.self, forKey: .preferenceMisses),
            loadImbalance: try c.decode(Int.self, forKey: .loadImbalance),
            roomChanges: try c.decode(Int.self, forKey: .roomChanges),
            lateSessions: try c.decode(Int.self, forKey: .lateSessions),
            unfinishedPathways: try c.decodeIfPresent(Int.self, forKey: .unfinishedPathways) ?? 0,
            missingSessions: try c.decodeIfPresent(Int.self, forKey: .missingSessions) ?? 0,
            treatmentDays: try c.decodeIfPresent(Int.self, forKey: .treatmentDays) ?? 0,
            interpretedSessions: try c.decodeIfPresent(Int.self, forKey: .interpretedSessions) ?? 0)
    }

    /// Term by term sum, for a batch's total.
    public static func + (a: Self, b: Self) -> Self {
        ObjectiveTerms(
            waitingDays: a.waitingDays + b.waitingDays, regularityMisses: a.regularityMisses + b.regularityMisses,
            preferenceMisses: a.preferenceMisses + b.preferenceMisses, loadImbalance: a.loadImbalance + b.loadImbalance,
            roomChanges: a.roomChanges + b.roomChanges, lateSessions: a.lateSessions + b.lateSessions,
            unfinishedPathways: a.unfinishedPathways + b.unfinishedPathways,
            missingSessions: a.missingSessions + b.missingSessions,
            treatmentDays: a.treatmentDays + b.treatmentDays,
            interpretedSessions: a.interpretedSessions + b.interpretedSessions)
    }

    /// The weighted total; lower is better.
    public func score(_ weights: ObjectiveWeights = .standard) -> Int {
        waitingDays * weights.waitingDay + regularityMisses * weights.regularityMiss
            + preferenceMisses * weights.preferenceMiss + loadImbalance * weights.loadPercent
            + roomChanges * weights.roomChange + lateSessions * weights.lateSession
            + missingSessions * weights.missingSession + treatmentDays * weights.treatmentDay
            + interpretedSessions * weights.interpretedSession
    }
}

/// What the scheduler proposes for one request: sessions to commit together, and how good they are.
public struct Proposal: Hashable, Sendable, Codable {
    public var patient: PatientCode
    public var track: TrackID
    public var sessions: [ProposedSession]
    public var objective: ObjectiveTerms
    /// ``ObjectiveTerms/score(_:)`` with the standard weights; lower is better.
    public var score: Int

    public init(
        patient: PatientCode, track: TrackID, sessions: [ProposedSession], objective: ObjectiveTerms,
        score: Int? = nil
    ) {
        self.patient = patient
        self.track = track
        self.sessions = sessions
        self.objective = objective
        self.score = score ?? objective.score()
    }
}
