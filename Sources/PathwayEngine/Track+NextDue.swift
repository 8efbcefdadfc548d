import CareModel

/// The next session a patient's pathway needs, and the days it may be held on.
public struct DueStep: Hashable, Sendable, Codable {
    public var step: Step
    /// 1-based: the 4th therapy session has occurrence 4.
    public var occurrence: Int
    /// The typical number of sessions of the step (10 for "therapy 4 of 10").
    public var of: Int
    /// First day the session may be held; nil when nothing limits it.
    public var earliest: LocalDate?
    /// Last day the session should be held, from spacing or the referral deadline.
    public var latest: LocalDate?
    /// True when `today` (passed in) is after `latest`.
    public var isOverdue: Bool
    /// Where the window comes from, in words: "6-14 days after the session of 2026-03-02".
    public var basis: String

    /// "TF-CBT session 4 of 10", or the title alone for a one-session step.
    public var label: String { of > 1 || occurrence > 1 ? "\(step.title) \(occurrence) of \(of)" : step.title }
}

extension Track {
    /// Sessions that count against the budget: attended sessions of this track's steps, referrals
    /// out excluded. Shown as "sessions used 4 of 13" next to ``budget``.
    public func sessionsUsed(held: [HeldSession]) -> Int {
        let sessionSteps = Set(steps.filter { $0.kind != .referralOut }.map(\.id))
        return held.filter { sessionSteps.contains($0.step) }.count
    }

    /// What must be booked next, or nil when every required step has been held.
    ///
    /// Steps are walked in order. Once a later step has been held, earlier ones count as done:
    /// a clinician who closes after 8 therapy sessions (within the step's range) moves the plan
    /// on to the follow-up. The window comes from the step's spacing after the last session held
    /// (for the first session, from the referral date) and is cut by the step's referral deadline.
    /// Referral-out steps are never due; see ``availableReferrals``.
    public func nextDue(held: [HeldSession], referralDate: LocalDate, today: LocalDate) -> DueStep? {
        let plan = steps.filter { $0.required && $0.kind != .referralOut }
        let ids = Set(plan.map(\.id))
        let relevant = held.filter { ids.contains($0.step) }
        var counts: [StepID: Int] = [:]
        for session in relevant { counts[session.step, default: 0] += 1 }

        let lastHeldIndex = plan.lastIndex { counts[$0.id, default: 0] > 0 } ?? 0
        guard let index = plan[lastHeldIndex...].firstIndex(where: { counts[$0.id, default: 0] < $0.count.typical })
        else { return nil }
        let step = plan[index]
        let occurrence = counts[step.id, default: 0] + 1

        var earliest: LocalDate? = referralDate
        var latest: LocalDate?
        var basis: [String] = []
        if let last = relevant.map(\.date).max() {
            let minDays = step.spacing?.minDays ?? 1
            earliest = last.adding(days: minDays)
            if let maxDays = step.spacing?.maxDays {
                latest = last.adding(days: maxDays)
                basis.append("\(minDays)-\(maxDays) days after the session of \(last)")
            } else {
                basis.append("at least \(minDays) day\(minDays == 1 ? "" : "s") after the session of \(last)")
            }
        } else if step.deadline == nil {
            basis.append("from the referral on \(referralDate)")
        }
        if let deadline = step.deadline {
            let limit = referralDate.adding(days: deadline.daysAfterReferral)
            if latest.map({ limit < $0 }) ?? true { latest = limit }
            basis.append("within \(deadline.daysAfterReferral) days of the referral on \(referralDate)")
        }
        return DueStep(
            step: step, occurrence: occurrence, of: max(step.count.typical, occurrence),
            earliest: earliest, latest: latest, isOverdue: latest.map { today > $0 } ?? false,
            basis: basis.joined(separator: ", "))
    }
}
