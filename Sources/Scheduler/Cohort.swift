import CareModel
import Foundation

/// A closed group to book at once: its patients, a fixed weekly slot, its sessions.
public struct CohortRequest: Hashable, Sendable, Codable {
    /// The cohort's identifier, carried on every proposed row.
    public var id: String
    public var track: TrackID
    public var step: StepID
    public var patients: [PatientCode]
    public var minSize: Int
    public var maxSize: Int
    /// The weekly slot, in local wall-clock time (stays 14:00 across DST changes).
    public var weekday: Weekday
    public var time: LocalTime
    /// The first day the group may meet; the first session is the first slot weekday from here.
    public var start: LocalDate
    public var sessionCount: Int
    public var durationMinutes: Int
    public var facilitators: Int
    public var roles: [ClinicianRole]
    public var skills: [Skill]
    public var languages: [LanguageCode]
    public var roomFeatures: [RoomFeature]
    /// The longest gap allowed between two sessions, in days; a closed week is skipped within it.
    public var maxDaysBetween: Int

    public init(
        id: String, track: TrackID, step: StepID, patients: [PatientCode], minSize: Int, maxSize: Int,
        weekday: Weekday, time: LocalTime, start: LocalDate, sessionCount: Int, durationMinutes: Int,
        facilitators: Int = 2, roles: [ClinicianRole] = [], skills: [Skill] = [.groupFacilitation],
        languages: [LanguageCode] = [], roomFeatures: [RoomFeature] = [.group], maxDaysBetween: Int = 14
    ) {
        self.id = id
        self.track = track
        self.step = step
        self.patients = patients
        self.minSize = minSize
        self.maxSize = maxSize
        self.weekday = weekday
        self.time = time
        self.start = start
        self.sessionCount = sessionCount
        self.durationMinutes = durationMinutes
        self.facilitators = facilitators
        self.roles = roles
        self.skills = skills
        self.languages = languages
        self.roomFeatures = roomFeatures
        self.maxDaysBetween = maxDaysBetween
    }
}

/// The outcome of a batch: what could be booked and why the rest could not.
public struct BatchResult: Hashable, Sendable, Codable {
    /// In booking order.
    public var proposals: [Proposal]
    public var explanations: [Explanation]

    public init(proposals: [Proposal] = [], explanations: [Explanation] = []) {
        self.proposals = proposals
        self.explanations = explanations
    }

    /// Every proposed session, the rows of the solution format.
    public var sessions: [ProposedSession] { proposals.flatMap(\.sessions) }
}

/// A closed group booked at once: the same facilitators and room throughout when possible.
public struct CohortProposal: Hashable, Sendable, Codable {
    public var cohort: String
    public var track: TrackID
    /// The local days the group meets, in order.
    public var dates: [LocalDate]
    /// Slot days skipped (closed, or a resource or patient unavailable), for the secretary to see.
    public var skippedDays: [LocalDate]
    /// One row per patient per session, all rows of a day sharing clinicians, room and time.
    public var sessions: [ProposedSession]

    public init(
        cohort: String, track: TrackID, dates: [LocalDate], skippedDays: [LocalDate],
        sessions: [ProposedSession]
    ) {
        self.cohort = cohort
        self.track = track
        self.dates = dates
        self.skippedDays = skippedDays
        self.sessions = sessions
    }
}
