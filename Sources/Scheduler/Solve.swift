import CareModel
import Foundation

/// How long and how wide a batch's improvement phase searches.
public struct ImprovementOptions: Hashable, Sendable {
    /// Wall-clock bound in seconds (monotonic clock, never the calendar); 0 keeps the constructive
    /// result exactly.
    public var timeLimit: Double
    /// Ruin-and-recreate steps per worker. When the search ends on this budget rather than on the
    /// clock, the same problem and seed give the same solution on any machine and under any load.
    public var steps: Int
    /// Searches run side by side (one per core), seeded `seed`, `seed + 1`..., and pool their
    /// accepted steps every ``Scheduler/stepsPerRound`` steps (``RoundChange``); the lowest
    /// (objective, worker) wins, so the answer never depends on which thread finished first.
    public var workers: Int

    /// `steps` defaults to more than this machine's release build does in `timeLimit` on any of
    /// the benchmark centres (L, the fastest per step, does about 550 a second per worker), so
    /// the clock ends a default search; a budget given with `steps` makes it reproducible.
    public init(timeLimit: Double = Self.batchDefault, steps: Int? = nil, workers: Int = 2) {
        self.timeLimit = max(0, timeLimit)
        self.steps = steps ?? Int(self.timeLimit * Double(Self.stepsPerSecond))
        self.workers = max(1, workers)
    }

    /// The batch default: 1.5 s.
    public static let batchDefault = 1.5
    /// The clock's ceiling when a step budget is meant to end the search (`schedule --waitlist`
    /// by default): reached only on a machine many times slower than the budget assumes.
    public static let reproducibleCeiling = 30.0
    /// The step budget per worker of a search meant to be reproducible (`schedule --waitlist`
    /// by default): what the release build does in about 1.5 s on a 150-patient centre.
    public static let reproducibleSteps = 600
    static let stepsPerSecond = 1_000
    /// Today's single greedy pass, nothing more.
    public static let constructiveOnly = ImprovementOptions(timeLimit: 0)
}

/// A line for the terminal while the search runs.
public struct ImprovementProgress: Hashable, Sendable {
    public var objective: Int
    public var bound: Int
    public var steps: Int
    public var seconds: Double
    /// (objective − bound) / objective, 0 when the objective is 0.
    public var gap: Double { objective > 0 ? Double(objective - bound) / Double(objective) : 0 }
}

/// A batch's answer with what was learned about it.
public struct SolveOutcome: Sendable {
    public var result: BatchResult
    /// The weighted objective of the greedy pass and of the answer (lower is better).
    public var constructiveObjective: Int
    public var objective: Int
    /// The answer's objective terms summed over every request (unbooked ones included).
    public var terms: ObjectiveTerms
    public var bound: LowerBound
    public var steps: Int
    public var seconds: Double
    /// (objective − bound) / objective.
    public var gap: Double { objective > 0 ? Double(objective - bound.value) / Double(objective) : 0 }
}

extension Scheduler {
    /// Books every request with the greedy pass, then improves it by large neighbourhood search
    /// within `options`. `progress` (between rounds, a few times a second) lets a terminal
    /// show the objective; the scheduler itself prints nothing.
    public static func solve(
        _ problem: SchedulingProblem, weights: ObjectiveWeights = .standard,
        options: ImprovementOptions = .init(),
        progress: @escaping @Sendable (ImprovementProgress) -> Void = { _ in }
    ) -> SolveOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        let base = PreparedProblem(problem, weights: weights)
        var prepared = base
        let ordered = Scheduler.batchOrder(problem.requests)
        let constructive = prepared.batch(problem.requests)
        // The improvement phase's clock starts once the greedy pass is done (`--time-limit`).
        let searchStarted = clock.now
        var byRequest: [Proposal?] = Array(repeating: nil, count: ordered.count)
        var next = 0
        for (i, request) in ordered.enumerated() {
            guard next < constructive.proposals.count, constructive.proposals[next].patient == request.patient,
                constructive.proposals[next].track == request.track
            else { continue }
            byRequest[i] = constructive.proposals[next]
            next += 1
        }
        let bound = LowerBound.compute(base, requests: ordered)
        let search = ImprovementSearch(prepared: prepared, requests: ordered, proposals: byRequest, seed: problem.seed)
        let constructiveTotal = search.total
        guard options.timeLimit > 0, options.steps > 0, !ordered.isEmpty, search.total > bound.value else {
            return outcome(search.current, search, constructive, constructiveTotal, bound, started, clock)
        }
        // Intakes the greedy pass booked with their series, moved earlier where the series can
        // stay: once, before the workers fork, so every worker starts from it.
        var advanced = search
        advanced.advanceIntakes()
        let start = advanced
        let limit = searchStarted + .milliseconds(Int(options.timeLimit * 1000))
        let workers = (0..<options.workers).map { worker in
            var mine = start
            if worker > 0 { mine.rng = SeededGenerator(seed: problem.seed &+ UInt64(worker) &* 0x9E37_79B9) }
            return Worker(mine)
        }
        var changes: [RoundChange] = []
        var kept: [[Bool]] = []
        var lastReport = clock.now
        rounds: while true {
            let (pooled, last) = (kept, changes)
            DispatchQueue.concurrentPerform(iterations: workers.count) { w in
                let worker = workers[w]
                if !last.isEmpty { worker.search.sync(last, kept: pooled, worker: w) }
                for _ in 0..<Self.stepsPerRound {
                    guard worker.search.steps < options.steps, worker.search.bestTotal > bound.value else { break }
                    worker.search.step()
                    // Every step: a lookahead step can take tens of milliseconds on a large batch.
                    if clock.now >= limit { break }
                }
            }
            changes = workers.indices.map { workers[$0].search.roundChange(worker: $0) }
            kept = workers[0].search.pool(changes)
            let now = clock.now
            let done = workers.allSatisfy { $0.search.steps >= options.steps || $0.search.bestTotal <= bound.value }
            if done || now >= limit { break rounds }
            if now - lastReport > .milliseconds(200) {
                lastReport = now
                progress(
                    ImprovementProgress(
                        objective: workers.map(\.search.bestTotal).min() ?? start.bestTotal, bound: bound.value,
                        steps: workers.reduce(0) { $0 + $1.search.steps }, seconds: (now - started).inSeconds))
            }
        }
        // The last round's pooled schedule: brought in so it can count as the best.
        if workers.count > 1 {
            let (pooled, last) = (kept, changes)
            DispatchQueue.concurrentPerform(iterations: workers.count) { w in
                workers[w].search.sync(last, kept: pooled, worker: w)
            }
        }
        // The lowest best total, ties to the lowest worker.
        let winner = workers.indices.min { (workers[$0].search.bestTotal, $0) < (workers[$1].search.bestTotal, $1) }
        let best = winner.map { workers[$0].search } ?? start
        let steps = workers.reduce(0) { $0 + $1.search.steps }
        return outcome(best.best, search, nil, constructiveTotal, bound, started, clock, steps: steps, base: base)
    }

    /// The batch result of a set of proposals (one per request in batch order, nil when unbooked):
    /// the greedy pass's own result when nothing was searched, else the proposals in batch order
    /// and an explanation for each request left unbooked, asked against the final occupancy.
    static func outcome(
        _ proposals: [Proposal?], _ search: ImprovementSearch, _ constructive: BatchResult?,
        _ constructiveTotal: Int, _ bound: LowerBound, _ started: ContinuousClock.Instant,
        _ clock: ContinuousClock, steps: Int = 0, base: PreparedProblem? = nil
    ) -> SolveOutcome {
        var result = constructive ?? BatchResult()
        var terms = ObjectiveTerms()
        var total = 0
        var final = base ?? search.prepared
        if constructive == nil { for p in proposals { if let p { final.commit(p) } } }
        for (i, request) in search.requests.enumerated() {
            var proposal = proposals[i]
            if proposal == nil, constructive == nil {
                // Asked again against the final occupancy: booked if it now fits, else explained.
                switch final.book(request, patient: search.patients[i], compress: true, shape: search.shapes[i]) {
                case .success(let p):
                    final.commit(p)
                    proposal = p
                case .failure(let e):
                    result.explanations.append(e)
                }
            }
            total += search.prepared.cost(of: proposal, for: request)
            if let p = proposal {
                if constructive == nil { result.proposals.append(p) }
                terms = terms + p.objective
                continue
            }
            terms = terms + search.prepared.unbookedTerms(request)
        }
        return SolveOutcome(
            result: result, constructiveObjective: constructiveTotal, objective: total, terms: terms,
            bound: bound, steps: steps, seconds: (clock.now - started).inSeconds)
    }
}

extension Scheduler {
    /// Steps each worker takes between two poolings of the workers' changes (``RoundChange``):
    /// 5 did best of 1, 2, 4, 5, 6, 8, 16 and 32 on L (docs/performance.md). Fewer, and the
    /// workers wait on each other more often; more, and more of their steps clash.
    static let stepsPerRound = 5
}

/// One worker's search, mutated only by the worker's own iteration of each round and read
/// between rounds, never while a round runs.
private final class Worker: @unchecked Sendable {
    var search: ImprovementSearch
    init(_ search: ImprovementSearch) { self.search = search }
}
