import CareModel

/// What a session is for; mirrors PathwayEngine's step kinds that are sessions at the centre.
///
/// Kept here rather than imported so the scheduler (and any other solver reading the instance
/// format) depends on CareModel only.
public enum SessionKind: String, CaseIterable, Hashable, Sendable, Codable {
    case assessment
    case psychoeducation
    case therapy
    case groupSession = "group-session"
    case followUp = "follow-up"
}

/// One session to place: the rules of its track step, already resolved for this patient.
public struct SessionSpec: Hashable, Sendable, Codable {
    public var step: StepID
    /// 1-based occurrence of the step (therapy session 3 of 10).
    public var occurrence: Int
    public var kind: SessionKind
    public var durationMinutes: Int
    /// Professions allowed to run it (any of them); empty means any.
    public var roles: [ClinicianRole]
    /// Techniques the clinician must hold (all of them).
    public var skills: [Skill]
    /// Languages the clinician must speak (any of them); empty means French, the working language.
    public var languages: [LanguageCode]
    /// The step whose clinician must run this session too; naming its own step keeps one
    /// clinician throughout.
    public var continuity: StepID?
    /// Whole local days after the previous session of the series (or ``SeriesRequest/previous``).
    public var minDaysAfterPrevious: Int?
    public var maxDaysAfterPrevious: Int?
    /// The last day the session should happen (intake within 21 days of referral); when it cannot
    /// be met the earliest possible day is proposed and flagged late.
    public var deadline: LocalDate?
    /// Features the room must have (all of them).
    public var roomFeatures: [RoomFeature]
    /// Clinicians running the session together: 1, or 2 for a group.
    public var facilitators: Int

    public init(
        step: StepID, occurrence: Int = 1, kind: SessionKind, durationMinutes: Int, roles: [ClinicianRole] = [],
        skills: [Skill] = [], languages: [LanguageCode] = [], continuity: StepID? = nil,
        minDaysAfterPrevious: Int? = nil, maxDaysAfterPrevious: Int? = nil, deadline: LocalDate? = nil,
        roomFeatures: [RoomFeature] = [], facilitators: Int = 1
    ) {
        self.step = step
        self.occurrence = occurrence
        self.kind = kind
        self.durationMinutes = durationMinutes
        self.roles = roles
        self.skills = skills
        self.languages = languages
        self.continuity = continuity
        self.minDaysAfterPrevious = minDaysAfterPrevious
        self.maxDaysAfterPrevious = maxDaysAfterPrevious
        self.deadline = deadline
        self.roomFeatures = roomFeatures
        self.facilitators = facilitators
    }

    enum CodingKeys: String, CodingKey {
        case step, occurrence, kind, durationMinutes, roles, skills, languages, continuity, minDaysAfterPrevious,
            maxDaysAfterPrevious, deadline, roomFeatures, facilitators
    }

    /// Empty lists, occurrence 1 and one facilitator may be left out of the JSON.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decode(StepID.self, forKey: .step)
        occurrence = try c.decodeIfPresent(Int.self, forKey: .occurrence) ?? 1
        kind = try c.decode(SessionKind.self, forKey: .kind)
        durationMinutes = try c.decode(Int.self, forKey: .durationMinutes)
        roles = try c.decodeIfPresent([ClinicianRole].self, forKey: .roles) ?? []
        skills = try c.decodeIfPresent([Skill].self, forKey: .skills) ?? []
        languages = try c.decodeIfPresent([LanguageCode].self, forKey: .languages) ?? []
        continuity = try c.decodeIfPresent(StepID.self, forKey: .continuity)
        minDaysAfterPrevious = try c.decodeIfPresent(Int.self, forKey: .minDaysAfterPrevious)
        maxDaysAfterPrevious = try c.decodeIfPresent(Int.self, forKey: .maxDaysAfterPrevious)
        deadline = try c.decodeIfPresent(LocalDate.self, forKey: .deadline)
        roomFeatures = try c.decodeIfPresent([RoomFeature].self, forKey: .roomFeatures) ?? []
        facilitators = try c.decodeIfPresent(Int.self, forKey: .facilitators) ?? 1
    }
}
