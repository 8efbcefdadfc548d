import CareModel

/// Whether a track can be followed through an interpreter.
public enum InterpreterPolicy: String, CaseIterable, Codable, Sendable {
    /// A patient who needs an interpreter gets one booked with every session.
    case allowed
    /// The track runs in French only (a group, say): patients who need an interpreter are refused.
    case notOffered = "not-offered"
    /// A patient who does not speak French must be recorded as needing an interpreter in their
    /// language, so that no session is booked without one.
    case requiredUnlessFrench = "required-unless-french"
}

/// Who a track takes.
public struct TrackEligibility: Hashable, Sendable, Codable {
    public var minAge: Int
    public var maxAge: Int?
    public var categories: [VictimCategory]
    public var interpreter: InterpreterPolicy

    public init(
        minAge: Int = 18, maxAge: Int? = nil, categories: [VictimCategory],
        interpreter: InterpreterPolicy = .allowed
    ) {
        self.minAge = minAge
        self.maxAge = maxAge
        self.categories = categories
        self.interpreter = interpreter
    }

    enum CodingKeys: String, CodingKey {
        case minAge = "min-age"
        case maxAge = "max-age"
        case categories, interpreter
    }
}

/// The number of sessions a patient's pathway is planned for, shown as "sessions used 4 of 13".
public struct Budget: Hashable, Sendable, Codable {
    public var sessions: Int
    /// True when the file said `budget: computed` (or nothing): the typical counts of the required
    /// steps, added up.
    public var isComputed: Bool

    public init(sessions: Int, isComputed: Bool) {
        self.sessions = sessions
        self.isComputed = isComputed
    }

    enum CodingKeys: String, CodingKey {
        case sessions
        case isComputed = "computed"
    }
}

/// The closed cohort of a group track, meeting in a fixed weekly slot.
public struct Cohort: Hashable, Sendable, Codable {
    public var minSize: Int
    public var maxSize: Int
    /// Clinicians running each group session together.
    public var facilitators: Int
    public var weekday: Weekday
    public var time: LocalTime

    public init(minSize: Int, maxSize: Int, facilitators: Int, weekday: Weekday, time: LocalTime) {
        self.minSize = minSize
        self.maxSize = maxSize
        self.facilitators = facilitators
        self.weekday = weekday
        self.time = time
    }

    enum CodingKeys: String, CodingKey {
        case minSize = "min-size"
        case maxSize = "max-size"
        case facilitators, weekday, time
    }
}

/// A care track, as a coordinator wrote it in `Pathways/<id>.yaml` and the loader checked it.
public struct Track: Hashable, Sendable, Codable, Identifiable {
    /// The only schema version this engine reads; a file with another is refused, not guessed.
    public static let schemaVersion = 1

    public var id: TrackID
    public var title: String
    public var version: Int
    public var modality: Modality
    public var eligibility: TrackEligibility
    public var budget: Budget
    public var steps: [Step]
    public var cohort: Cohort?
    /// Cancelled and missed sessions: replaced or counted, and how many replacements (nil: the
    /// standard rules, every one replaced).
    public var missedSessions: MissedSessions?
    /// The file the track was loaded from, for messages; not part of the track's meaning.
    public var source: String?

    public init(
        id: TrackID, title: String, version: Int = Track.schemaVersion, modality: Modality,
        eligibility: TrackEligibility, budget: Budget? = nil, steps: [Step], cohort: Cohort? = nil,
        source: String? = nil, missedSessions: MissedSessions? = nil
    ) {
        self.id = id
        self.missedSessions = missedSessions
        self.title = title
        self.version = version
        self.modality = modality
        self.eligibility = eligibility
        self.steps = steps
        self.cohort = cohort
        self.source = source
        self.budget = budget ?? Budget(sessions: Track.computedBudget(steps), isComputed: true)
    }

    /// The typical counts of the required session steps, added up.
    public static func computedBudget(_ steps: [Step]) -> Int {
        steps.filter { $0.required && $0.kind != .referralOut }.reduce(0) { $0 + $1.count.typical }
    }

    public func step(_ id: StepID) -> Step? { steps.first { $0.id == id } }

    /// Steps that make up the plan, in order.
    public var requiredSteps: [Step] { steps.filter(\.required) }

    /// Referrals out offered on need (legal aid, forensic unit...), listed but never "due".
    public var availableReferrals: [Step] { steps.filter { $0.kind == .referralOut } }

    /// The step whose attendance completes the pathway: the last required step that is neither a
    /// follow-up nor a referral out (the closing assessment in every shipped track).
    public var completionStep: Step? {
        steps.last { $0.required && $0.kind != .followUp && $0.kind != .referralOut }
    }
}
