import CareModel
import Foundation
import SchedulingModel

/// The solver's weighted objective recomputed from the rows alone, so that any solver's solution
/// (ours, the exact CP-SAT reference of Scripts/exact-reference.py) is scored by one rule.
///
/// Every term of ``ObjectiveTerms`` but the load term: that one is scored by the solver when a
/// session is placed (the clinician's week as booked so far), so it depends on the order of
/// booking, not on the rows. Regularity is counted as the checker counts it (spacing allowing 7
/// days); the solver also scores a follow-up off its ideal day, which the rows here never hold
/// inside the horizon of the generated centres.
extension CheckRun {
    mutating func recountScore() {
        let weights = ObjectiveWeights.standard
        var waiting = 0, unfinished = 0, missing = 0, treatment = 0, interpreted = 0
        for (r, request) in problem.requests.enumerated() {
            let indices = booked[r].compactMap { $0 }
            interpreted += indices.filter { rows[$0].session.interpreter != nil }.count
            // The series as booked: the leading sessions, in the track's order.
            let lead = booked[r].prefix { $0 != nil }.compactMap { $0 }
            // Missing: the sessions some schedule could hold inside the horizon, less those booked.
            let short = max(0, sessionsTheHorizonHolds(request) - lead.count)
            missing += short
            if short > 0 { unfinished += 1 }
            guard let firstIndex = lead.first, let lastIndex = lead.last else {
                // Nothing booked: a new pathway waits past the horizon.
                if request.previous == nil, !request.sessions.isEmpty {
                    waiting += max(0, request.referralDate.days(to: problem.horizonEnd) + 1)
                }
                continue
            }
            let first = rows[firstIndex].date, last = rows[lastIndex].date
            if request.previous == nil { waiting += max(0, request.referralDate.days(to: first)) }
            if request.previous == nil { treatment += first.days(to: last) }
        }
        objective.totalWaitingDays = waiting
        objective.unfinishedPathways = unfinished
        objective.missingSessions = missing
        objective.treatmentDays = treatment
        objective.interpretedSessions = interpreted
        let terms = ObjectiveTerms(
            waitingDays: waiting, regularityMisses: objective.regularityMisses,
            preferenceMisses: objective.preferenceMisses, loadImbalance: 0, roomChanges: objective.roomChanges,
            lateSessions: objective.lateSessions, unfinishedPathways: unfinished, missingSessions: missing,
            treatmentDays: treatment, interpretedSessions: interpreted)
        objective.score = terms.score(weights)
    }
}

extension CheckRun {
    /// How many leading sessions of `request` could lie inside the horizon in any schedule: each
    /// one's earliest possible day is the request's earliest day (not before `today`, and for a
    /// continuing pathway its minimum spacing after the previous session), then each minimum
    /// spacing in turn (at least a day). It depends on the request alone, so a solver cannot
    /// escape missing sessions by pushing the intake towards the horizon's end.
    func sessionsTheHorizonHolds(_ request: SeriesRequest) -> Int {
        var day = max(problem.today, request.earliest)
        for (k, spec) in request.sessions.enumerated() {
            let gap = max(spec.minDaysAfterPrevious ?? 1, 1)
            if k > 0 {
                day = day.adding(days: gap)
            } else if let previous = request.previous {
                day = max(day, previous.date.adding(days: gap))
            }
            if day > problem.horizonEnd { return k }
        }
        return request.sessions.count
    }
}
