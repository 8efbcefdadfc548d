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
    /// Searches run side by side (one per core), seeded `seed`, `seed + 1`...; the lowest
    /// (objective, worker) wins, so the answer never depends on which thread finished first.
    public var workers: Int

    /// `steps` defaults to more than this machine's release build does in `timeLimit` on any of
    /// the benchmark centres (L, the fastest per step, does about 450 a second per worker), so
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
    /// within `options`. `progress` (from the first worker, a few times a second) lets a terminal
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
        let limit = started + .milliseconds(Int(options.timeLimit * 1000))
        let board = Board(count: options.workers)
        DispatchQueue.concurrentPerform(iterations: options.workers) { worker in
            var mine = start
            if worker > 0 { mine.rng = SeededGenerator(seed: problem.seed &+ UInt64(worker) &* 0x9E37_79B9) }
            var lastReport = clock.now
            while mine.steps < options.steps, mine.bestTotal > bound.value {
                mine.step()
                // Every step: a lookahead step can take tens of milliseconds on a large batch.
                let now = clock.now
                if now >= limit { break }
                if worker == 0, now - lastReport > .milliseconds(200) {
                    lastReport = now
                    progress(
                        ImprovementProgress(
                            objective: mine.bestTotal, bound: bound.value, steps: mine.steps,
                            seconds: (now - started).inSeconds))
                }
            }
            board.put(worker, mine)
        }
        let best = board.best() ?? start
        return outcome(best.best, search, nil, constructiveTotal, bound, started, clock, steps: board.steps, base: base)
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

/// Where the workers leave their searches; read once all have finished.
private final class Board: @unchecked Sendable {
    private let lock = NSLock()
    private var searches: [ImprovementSearch?]

    init(count: Int) { searches = Array(repeating: nil, count: count) }

    func put(_ worker: Int, _ search: ImprovementSearch) {
        lock.lock()
        searches[worker] = search
        lock.unlock()
    }

    /// The lowest best total, ties to the lowest worker number.
    func best() -> ImprovementSearch? {
        lock.lock()
        defer { lock.unlock() }
        return searches.compactMap { $0 }.min { a, b in a.bestTotal < b.bestTotal }
    }

    var steps: Int {
        lock.lock()
        defer { lock.unlock() }
        return searches.reduce(0) { $0 + ($1?.steps ?? 0) }
    }
}
