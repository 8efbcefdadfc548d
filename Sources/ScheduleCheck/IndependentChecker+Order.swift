import CareModel
import Foundation
import Scheduler

/// One step of a care track as the order check reads it: how many sessions it has and how far
/// each must be from the one before it. Written from docs/scheduling.md ("Series under change"),
/// not from the booking code.
public struct SeriesStep: Hashable, Sendable, Codable {
    public var step: StepID
    /// Sessions of the step in a usual series (therapy 10).
    public var count: Int
    /// The most a clinician may extend it to (therapy 12); sessions beyond ``count`` are optional.
    public var maxCount: Int
    public var minDaysAfterPrevious: Int?
    public var maxDaysAfterPrevious: Int?

    public init(
        step: StepID, count: Int, maxCount: Int? = nil, minDaysAfterPrevious: Int? = nil,
        maxDaysAfterPrevious: Int? = nil
    ) {
        self.step = step
        self.count = max(1, count)
        self.maxCount = max(self.count, maxCount ?? count)
        self.minDaysAfterPrevious = minDaysAfterPrevious
        self.maxDaysAfterPrevious = maxDaysAfterPrevious
    }
}

extension IndependentChecker {
    /// The order invariants of stored series, for a calendar checked without requests
    /// (`parcours doctor`): along each patient's series, sessions come in the track's order
    /// (step, then occurrence: therapy n before n+1, the closing after the last therapy, the
    /// follow-up after the closing), and two sessions with nothing missing between them are as
    /// far apart as the later step's spacing asks. A gap (a session cancelled and not replaced)
    /// only suspends the spacing rule across it, and a group session follows its cohort's slot.
    ///
    /// - Parameter tracks: each track's steps, in order; sessions of other tracks are skipped.
    public static func checkOrder(
        sessions: [ProposedSession], tracks: [TrackID: [SeriesStep]],
        timeZone: ClinicTimeZone
    ) -> [Violation] {
        var violations: [Violation] = []
        var series: [String: [ProposedSession]] = [:]
        for session in sessions where tracks[session.track] != nil {
            series["\(session.patient)|\(session.track)", default: []].append(session)
        }
        for key in series.keys.sorted() {
            guard let rows = series[key], let first = rows.first, let steps = tracks[first.track] else { continue }
            var position: [String: Int] = [:]
            var rules: [Int: SeriesStep] = [:]
            var optional: Set<Int> = []
            var index = 0
            for step in steps {
                for occurrence in 1...step.maxCount {
                    position["\(step.step)#\(occurrence)"] = index
                    rules[index] = step
                    if occurrence > step.count { optional.insert(index) }
                    index += 1
                }
            }
            let placed = rows.compactMap { row in
                position["\(row.step)#\(row.occurrence)"].map { (index: $0, row: row) }
            }
            .sorted { ($0.index, $0.row.start) < ($1.index, $1.row.start) }
            for (a, b) in zip(placed, placed.dropFirst()) {
                let label = { (s: ProposedSession) in
                    let local = timeZone.local(s.start)
                    return "\(s.step)#\(s.occurrence) on \(local.date.iso) \(local.time)"
                }
                if b.row.start < a.row.end {
                    violations.append(
                        Violation(
                            kind: .outOfOrder,
                            detail: "\(b.row.patient) \(b.row.track): \(label(b.row)) "
                                + "comes before \(label(a.row)), which the track puts first"))
                    continue
                }
                // Spacing holds between sessions with nothing expected missing between them; a
                // group session keeps its cohort's weekly slot instead (the group starts once it
                // is full, not so many days after each member's intake).
                guard b.row.cohort == nil, b.index > a.index, (a.index + 1..<b.index).allSatisfy(optional.contains),
                    let rule = rules[b.index]
                else { continue }
                let days = timeZone.local(a.row.start).date.days(to: timeZone.local(b.row.start).date)
                if let min = rule.minDaysAfterPrevious, days < min {
                    violations.append(
                        Violation(
                            kind: .spacingTooShort,
                            detail: "\(b.row.patient) \(b.row.track): \(label(b.row)) "
                                + "is \(days) day(s) after \(label(a.row)), at least \(min) needed"))
                }
                if let max = rule.maxDaysAfterPrevious, days > max {
                    violations.append(
                        Violation(
                            kind: .spacingTooLong,
                            detail: "\(b.row.patient) \(b.row.track): \(label(b.row)) "
                                + "is \(days) day(s) after \(label(a.row)), at most \(max) allowed"))
                }
            }
        }
        return violations
    }
}
