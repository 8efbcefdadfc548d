/// Limits on one clinician's workload, kept with the clinician's record: trauma therapy is
/// draining, so a centre caps the sessions a day (6 is common) and the hours a week.
///
/// Both count every session with patients (a group session once), as the scheduler and the
/// independent checker do; nil is no limit.
public struct WorkloadCaps: Hashable, Sendable, Codable {
    /// At most this many sessions on one local day.
    public var sessionsPerDay: Int?
    /// At most this many hours of sessions in one Monday-based week.
    public var hoursPerWeek: Int?

    /// The largest values accepted: a day of 15-minute sessions, a week of every hour.
    public static let maxSessionsPerDay = 96
    public static let maxHoursPerWeek = 168

    public init(sessionsPerDay: Int? = nil, hoursPerWeek: Int? = nil) {
        self.sessionsPerDay = sessionsPerDay
        self.hoursPerWeek = hoursPerWeek
    }

    /// No limit at all.
    public var isEmpty: Bool { sessionsPerDay == nil && hoursPerWeek == nil }
}
