import CareModel

/// One accepted ruin-and-recreate step: the requests it put back, their series before and after.
struct AcceptedStep: Sendable {
    var indices: [Int]
    var before: [Proposal?]
    var after: [Proposal?]
}

/// What one worker's accepted steps changed in a round of the improvement phase.
///
/// Workers search side by side from the same schedule for a few steps, then pool what they
/// found: every step of the worker with the lowest total, then each step of the next worker that
/// can stand beside the steps kept so far and beside what its own dropped steps leave in place
/// (``pool(_:)``). Every worker then carries on from the pooled schedule. On a large centre,
/// where the clock stops the search while it still descends, two workers' steps added together
/// gain more than the better of two searches kept apart (L, ten seeds: docs/performance.md).
struct RoundChange: Sendable {
    var worker: Int
    /// The worker's total at the end of the round.
    var total: Int
    var steps: [AcceptedStep]
}

extension ImprovementSearch {
    /// This round's change, read before ``sync(_:)``.
    func roundChange(worker: Int) -> RoundChange {
        RoundChange(worker: worker, total: total, steps: accepted)
    }

    /// Brings this search to the round's pooled schedule: its own dropped steps undone (last
    /// first), then every kept step of another worker applied (in order). `kept` says, per worker
    /// and step, whether the pooling kept it. Every worker ends the round on the same schedule.
    mutating func sync(_ changes: [RoundChange], kept: [[Bool]], worker: Int) {
        defer { accepted.removeAll(keepingCapacity: true) }
        let own = changes[worker].steps
        let others = changes.indices.filter { $0 != worker && kept[$0].contains(true) }
        guard kept[worker].contains(false) || !others.isEmpty else { return }
        var touched: [Int] = []
        for (k, step) in own.enumerated().reversed() where !kept[worker][k] {
            swap(step.indices, to: step.before)
            touched += step.indices
        }
        for w in others {
            for (k, step) in changes[w].steps.enumerated() where kept[w][k] {
                swap(step.indices, to: step.after)
                touched += step.indices
            }
        }
        total = rescoreLoads()
        for i in touched { signatures[i] = signature(i) }
        if total < bestTotal {
            bestTotal = total
            best = current
        }
        history[steps % historyLength] = total
    }

    /// Replaces the series of `indices` by `proposals`: every series leaving first, then every
    /// series arriving (a new series may take a time an old one held, and the occupancy keeps an
    /// identical span only once).
    private mutating func swap(_ indices: [Int], to proposals: [Proposal?]) {
        for i in indices { if let old = current[i] { prepared.release(old.sessions) } }
        for (i, proposal) in zip(indices, proposals) {
            if let proposal { prepared.commit(proposal) }
            current[i] = proposal
            cost[i] = prepared.cost(of: proposal, for: requests[i])
            loads[i] = Self.loadEntries(proposal, prepared)
        }
    }

    /// Which of each worker's steps a round keeps (see ``RoundChange``); ties between totals go
    /// to the lower worker, so the result never depends on which thread finished first.
    func pool(_ changes: [RoundChange]) -> [[Bool]] {
        var kept = changes.map { Array(repeating: false, count: $0.steps.count) }
        var keptSteps: [AcceptedStep] = []
        for change in changes.sorted(by: { ($0.total, $0.worker) < ($1.total, $1.worker) }) {
            var mine: [AcceptedStep] = []
            var dropped: [AcceptedStep] = []
            for (k, step) in change.steps.enumerated() {
                // Beside every other worker's kept step, and beside what this worker's dropped
                // steps leave in place (their old series stay; the step may have used their times).
                let fits =
                    keptSteps.allSatisfy { compatible($0.indices, $0.after, step) }
                    && dropped.allSatisfy { compatible($0.indices, $0.before, step) }
                if fits {
                    kept[change.worker][k] = true
                    mine.append(step)
                } else {
                    dropped.append(step)
                }
            }
            keptSteps += mine
        }
        return kept
    }

    /// Whether step `b` can stand beside the series `series` of requests `indices` (another
    /// worker's kept step, or what a dropped step of the same worker leaves): different patients,
    /// none kept apart from the other, and no clinician, room or interpreter in two sessions at
    /// once (with caps, no clinician in both in the same week). `b` was booked against everything
    /// else the pooled schedule holds: nothing else can clash.
    func compatible(_ indices: [Int], _ series: [Proposal?], _ b: AcceptedStep) -> Bool {
        let patientsA = indices.map { patients[$0] }
        for i in b.indices {
            let p = patients[i]
            if patientsA.contains(p) { return false }
            if p >= 0, prepared.patients[p].keepApart.contains(where: patientsA.contains) { return false }
        }
        for y in b.after.compactMap({ $0 }).flatMap(\.sessions) {
            for x in series.compactMap({ $0 }).flatMap(\.sessions) {
                let overlap = x.start < y.end && y.start < x.end
                let sameWeek =
                    prepared.hasCaps
                    && PreparedProblem.week(prepared.localDay(PreparedProblem.minute(x.start)))
                        == PreparedProblem.week(prepared.localDay(PreparedProblem.minute(y.start)))
                guard overlap || sameWeek else { continue }
                if x.clinicians.contains(where: y.clinicians.contains) { return false }
                guard overlap else { continue }
                if x.room == y.room { return false }
                if let i = x.interpreter, i == y.interpreter { return false }
            }
        }
        return true
    }
}
