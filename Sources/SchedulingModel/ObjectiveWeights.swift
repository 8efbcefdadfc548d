/// The weights of the soft objective, in one place so they can be read, argued about and tuned.
///
/// Every session is scored when it is placed (per candidate, lower is better) and the sum is the
/// proposal's score. The order of magnitude says what matters: getting a traumatised patient seen
/// early comes first (a day of waiting outweighs every other term of a session together); then
/// the patient's stated days and times (outside them the patient may simply not be able to come);
/// then a steady weekly rhythm, same weekday and hour (once a session sits in the preferred slot,
/// the next week's same slot satisfies both); then fairness between clinicians; then the same room.
/// Candidates of equal score go to the earliest start, then to a seeded draw.
public struct ObjectiveWeights: Hashable, Sendable, Codable {
    /// Per day between the referral and the first session (first session only).
    public var waitingDay: Int
    /// Per session not at previous + 7 days, same local time (sessions after the first).
    public var regularityMiss: Int
    /// Per session outside the preferred weekdays or time windows.
    public var preferenceMiss: Int
    /// Per percentage point of the clinician's weekly load when the session is placed.
    public var loadPercent: Int
    /// Per session in a different room from the previous one of the series.
    public var roomChange: Int
    /// Per session that misses its deadline (it is then placed at the earliest possible day).
    public var lateSession: Int
    /// Per session some schedule could hold inside the horizon that the series does not book
    /// (``ObjectiveTerms/missingSessions``): 100 days of waiting. Missing care outweighs any
    /// realistic wait for it (intakes are due within 21 days; the generated horizons run 16 to 26
    /// weeks), and anything one more session in order can cost (its gap in treatment days, at
    /// most 105 x 200 for a follow-up, plus a regularity, preference, room change, load and
    /// interpreter term: about 22,000), so booking more of a series always pays unless that
    /// session is late. A later start is tried against it, never forced.
    public var missingSession: Int
    /// Per day from the first to the last booked session of a new pathway (0.2 of a waiting
    /// day: a pathway that drags on is worse, much less than a late start).
    public var treatmentDay: Int
    /// Per session with an interpreter: a clinician who speaks the patient's language is
    /// preferred when one is free at an equally good time.
    public var interpretedSession: Int

    public init(
        waitingDay: Int, regularityMiss: Int, preferenceMiss: Int, loadPercent: Int, roomChange: Int,
        lateSession: Int, missingSession: Int = 100_000, treatmentDay: Int = 200,
        interpretedSession: Int = 100
    ) {
        self.waitingDay = waitingDay
        self.regularityMiss = regularityMiss
        self.preferenceMiss = preferenceMiss
        self.loadPercent = loadPercent
        self.roomChange = roomChange
        self.lateSession = lateSession
        self.missingSession = missingSession
        self.treatmentDay = treatmentDay
        self.interpretedSession = interpretedSession
    }

    /// The centre's weights.
    public static let standard = ObjectiveWeights(
        waitingDay: 1_000, regularityMiss: 300, preferenceMiss: 500, loadPercent: 3, roomChange: 50,
        lateSession: 100_000)
}
