import CareModel

/// What a step of a care track is for; the scheduler and the reports treat each kind differently.
public enum StepKind: String, CaseIterable, Codable, Sendable {
    /// Intake or closing assessment, where outcome measures (PCL-5) are collected.
    case assessment
    case psychoeducation
    /// Individual therapy sessions (TF-CBT, EMDR, narrative exposure...).
    case therapy
    /// A session of a closed group cohort, run by several facilitators.
    case groupSession = "group-session"
    /// The check some months after the closing assessment; recorded after completion.
    case followUp = "follow-up"
    /// An orientation to a partner (social worker, legal aid...): on need, not a session here.
    case referralOut = "referral-out"

    public var label: String {
        switch self {
        case .assessment: "assessment"
        case .psychoeducation: "psychoeducation"
        case .therapy: "therapy"
        case .groupSession: "group session"
        case .followUp: "follow-up"
        case .referralOut: "referral out"
        }
    }
}

/// How many sessions a step has: a typical number, and the range a clinician may end within.
///
/// Brief therapy is "about ten sessions": the plan counts `typical`, the clinician may close
/// anywhere from `min` to `max`.
public struct StepCount: Hashable, Sendable, Codable {
    public var typical: Int
    public var min: Int
    public var max: Int

    public init(typical: Int, min: Int? = nil, max: Int? = nil) {
        self.typical = typical
        self.min = min ?? typical
        self.max = max ?? typical
    }

    /// `10` or `10 (8-12)`.
    public var text: String { min == max ? "\(typical)" : "\(typical) (\(min)-\(max))" }
}

/// Days allowed between the previous session of the track and this one.
public struct Spacing: Hashable, Sendable, Codable {
    public var minDays: Int?
    public var maxDays: Int?

    public init(minDays: Int? = nil, maxDays: Int? = nil) {
        self.minDays = minDays
        self.maxDays = maxDays
    }

    enum CodingKeys: String, CodingKey {
        case minDays = "min-days"
        case maxDays = "max-days"
    }
}

/// A limit counted from the referral date, such as "intake within 21 days".
public struct Deadline: Hashable, Sendable, Codable {
    public var daysAfterReferral: Int

    public init(daysAfterReferral: Int) { self.daysAfterReferral = daysAfterReferral }

    enum CodingKeys: String, CodingKey {
        case daysAfterReferral = "days-after-referral"
    }
}

/// One step of a care track: an assessment, a series of therapy sessions, a referral out...
public struct Step: Hashable, Sendable, Codable, Identifiable {
    public var id: StepID
    public var title: String
    public var kind: StepKind
    public var count: StepCount
    /// Minutes per session; nil only for referral-out steps, which are not sessions here.
    public var duration: Int?
    /// Professions that may run the step (any of them); empty means any.
    public var roles: [ClinicianRole]
    /// Techniques the clinician must hold (all of them).
    public var skills: [Skill]
    /// Languages the clinician must speak (any of them); empty means the centre's working language.
    public var languages: [LanguageCode]
    /// The step whose clinician runs this one too. Naming the step itself means every occurrence
    /// is run by the same clinician (the usual rule for a brief therapy).
    public var continuity: StepID?
    public var spacing: Spacing?
    public var deadline: Deadline?
    /// Outcome measures collected during the step, such as `PCL-5`.
    public var measures: [String]
    /// Room features the step needs.
    public var room: [RoomFeature]
    /// The partner a referral-out step orients to.
    public var partner: Partner?
    /// Required steps make up the plan; the others (referrals out) are offered on need.
    public var required: Bool
    /// Clinicians running each session together (two facilitators for a group session).
    public var facilitators: Int

    public init(
        id: StepID, title: String, kind: StepKind, count: StepCount = StepCount(typical: 1),
        duration: Int?, roles: [ClinicianRole] = [], skills: [Skill] = [], languages: [LanguageCode] = [],
        continuity: StepID? = nil, spacing: Spacing? = nil, deadline: Deadline? = nil, measures: [String] = [],
        room: [RoomFeature] = [], partner: Partner? = nil, required: Bool = true, facilitators: Int = 1
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.count = count
        self.duration = duration
        self.roles = roles
        self.skills = skills
        self.languages = languages
        self.continuity = continuity
        self.spacing = spacing
        self.deadline = deadline
        self.measures = measures
        self.room = room
        self.partner = partner
        self.required = required
        self.facilitators = facilitators
    }

    /// True when all occurrences of this step are run by one clinician (continuity on itself).
    public var sameClinicianThroughout: Bool { continuity == id }
}
