import CareModel

/// One ruin-and-recreate search over a batch's proposals (large neighbourhood search).
///
/// Each step takes out the series of a few related patients (same clinician, same weeks, same
/// interpreter), puts them back one by one with the constructive booking in another order (on
/// lookahead steps, with ``PreparedProblem/bookLookahead(_:patient:)`` too), rescores the load
/// term in batch order (``rescoreLoads()``) and keeps the result under late acceptance: better
/// than the current total, or than the total ``historyLength`` steps ago. Every put-back is a full hard-constraint booking, so any state
/// the search visits is a valid schedule. Deterministic for a given seed and step count.
struct ImprovementSearch {
    var prepared: PreparedProblem
    /// Requests in batch order, with their patient index.
    let requests: [SeriesRequest]
    let patients: [Int]
    /// Per request, what its bookings share whatever the agenda holds (built once, not per put-back).
    let shapes: [SeriesShape?]
    var current: [Proposal?]
    var cost: [Int]
    var total: Int
    var best: [Proposal?]
    var bestTotal: Int
    var signatures: [Signature]
    var history: [Int]
    var rng: SeededGenerator
    /// Per request, its sessions' share of the load term, and the load booked before the batch:
    /// what ``rescoreLoads()`` needs to score the load in batch order.
    var loads: [[LoadEntry]]
    let baseLoad: [Int]
    var steps = 0
    /// The steps accepted since the last ``sync(_:)`` (``RoundChange``).
    var accepted: [AcceptedStep] = []
    /// Late acceptance's memory: 40 steps on batches up to ``lookaheadBatch``; 5 above, where the
    /// 1.5 s default buys a few hundred steps per worker and the search is still descending, so
    /// it climbs rather than wanders (L seeds 1-3 in 1.5 s: docs/performance.md).
    var historyLength: Int { large ? 5 : 40 }
    /// A plain step ruins 2 to `ruinSize + 1` requests: 10 up to ``lookaheadBatch``, 4 above
    /// (cheaper steps, more of them in the same time, more improvement on L).
    var ruinSize: Int { large ? 4 : 10 }
    /// Put-backs weigh the therapist's weeks ahead (``SeriesPlanner/carrying``): on batches above
    /// ``lookaheadBatch``, which get no lookahead steps.
    var carrying: Bool { large }
    /// How often (in percent) a ruin starts from one of the eight costliest requests rather than
    /// any: 50 up to ``lookaheadBatch``, 20 above. On L the costliest are pathways whose series
    /// cannot be carried (a late intake, a missing follow-up); putting them back costs several
    /// failed series searches, so seeding there half the time bought fewer steps and less in
    /// 1.5 s than seeding there a fifth of the time (L seeds 1-3: docs/performance.md).
    var costlySeedPercent: UInt64 { large ? 20 : 50 }
    /// More requests than ``lookaheadBatch``: no lookahead steps, and the settings above for a
    /// search that the default clock stops while it still descends.
    let large: Bool

    /// What relatedness compares: who ran the series, over which days, with which interpreter.
    struct Signature {
        var clinicians: [Int] = []
        var interpreters: [Int] = []
        var firstDay: Int
        var lastDay: Int
    }

    init(prepared: PreparedProblem, requests: [SeriesRequest], proposals: [Proposal?], seed: UInt64) {
        self.prepared = prepared
        // Kept by the greedy pass already; a search started from elsewhere works them out.
        if prepared.freeRuns.isEmpty { self.prepared.computeFreeRuns() }
        self.requests = requests
        large = requests.count > Self.lookaheadBatch
        let patients = requests.map { prepared.patientIndex[$0.patient] ?? -1 }
        self.patients = patients
        shapes = requests.indices.map {
            patients[$0] >= 0 ? SeriesShape(prepared, requests[$0], patient: patients[$0]) : nil
        }
        current = proposals
        cost = zip(requests, proposals).map { prepared.cost(of: $1, for: $0) }
        total = cost.reduce(0, +)
        best = proposals
        bestTotal = total
        signatures = []
        history = []
        rng = SeededGenerator(seed: seed)
        loads = proposals.map { Self.loadEntries($0, prepared) }
        baseLoad = Self.baseLoad(prepared, loads)
        signatures = requests.indices.map { signature($0) }
        total = rescoreLoads()
        bestTotal = total
        best = current
        history = Array(repeating: total, count: historyLength)
    }

    func signature(_ i: Int) -> Signature {
        let request = requests[i]
        guard let proposal = current[i], let first = proposal.sessions.first, let last = proposal.sessions.last else {
            // Unbooked: related to whoever works in the weeks after the referral.
            let day = max(request.earliest.daysSinceEpoch, prepared.today)
            return Signature(firstDay: day, lastDay: day + 28)
        }
        var s = Signature(
            firstDay: prepared.localDay(PreparedProblem.minute(first.start)),
            lastDay: prepared.localDay(PreparedProblem.minute(last.start)))
        for session in proposal.sessions {
            for id in session.clinicians {
                if let c = prepared.clinicianIndex[id], !s.clinicians.contains(c) { s.clinicians.append(c) }
            }
            if let i = session.interpreter.flatMap({ prepared.interpreterIndex[$0] }), !s.interpreters.contains(i) {
                s.interpreters.append(i)
            }
        }
        return s
    }

    /// One ruin-and-recreate step; returns whether it was accepted.
    @discardableResult
    mutating func step() -> Bool {
        steps += 1
        // Every other step, on average, ruins fewer requests and puts each back with the lookahead
        // insertion as well (the cheaper of it and the greedy booking): slower, but it reaches
        // series the greedy booking never builds.
        let lookahead = !large && rng.next() % 4 != 0
        let removed = pickRelated(maxSize: lookahead ? Self.lookaheadRuin : ruinSize)
        let (savedCurrent, savedCost, savedLoads) = (current, cost, loads)
        for i in removed { if let p = current[i] { prepared.release(p.sessions) } }
        let order = insertionOrder(removed)
        for i in order {
            let proposal = reinsert(i, lookahead: lookahead)
            current[i] = proposal
            cost[i] = prepared.cost(of: proposal, for: requests[i])
        }
        for i in order { _ = advanceIntake(i) }
        for i in removed { loads[i] = Self.loadEntries(current[i], prepared) }
        let after = rescoreLoads()
        let slot = steps % historyLength
        if after <= total || after <= history[slot] {
            total = after
            for i in removed { signatures[i] = signature(i) }
            accepted.append(
                AcceptedStep(
                    indices: removed, before: removed.map { savedCurrent[$0] }, after: removed.map { current[$0] }))
            if total < bestTotal {
                bestTotal = total
                best = current
            }
            history[slot] = total
            return true
        }
        // Rejected: put the previous series back exactly as they were.
        for i in removed { if let p = current[i] { prepared.release(p.sessions) } }
        (current, cost, loads) = (savedCurrent, savedCost, savedLoads)
        for i in removed { if let p = current[i] { prepared.commit(p) } }
        history[slot] = total
        return false
    }

    /// Books request `i` against the current occupancy and commits it: the greedy booking, or
    /// with `lookahead` the cheaper of it and ``PreparedProblem/bookLookahead(_:patient:)``.
    mutating func reinsert(_ i: Int, lookahead: Bool) -> Proposal? {
        var proposal: Proposal?
        if case .success(let p) = prepared.book(
            requests[i], patient: patients[i], compress: true, shape: shapes[i], carrying: carrying)
        {
            proposal = p
        }
        if lookahead, let other = prepared.bookLookahead(requests[i], patient: patients[i], shape: shapes[i]),
            other.score < prepared.cost(of: proposal, for: requests[i])
        {
            proposal = other
        }
        if let proposal { prepared.commit(proposal) }
        return proposal
    }

    /// At most this many requests are ruined in a lookahead step (each put-back tries every intake).
    static let lookaheadRuin = 3
    /// Lookahead steps only on batches up to this size: on 500 patients and 25 clinicians a
    /// lookahead put-back tries some 70 intakes, a step costs 3-5 times a plain one, and the 1.5 s
    /// default then buys fewer improvements than plain steps do (docs/performance.md).
    static let lookaheadBatch = 200

    /// A seed request (often one of the costliest), then the most related others, with noise:
    /// 2 to `maxSize + 1` requests in all (fewer on a small batch).
    mutating func pickRelated(maxSize: Int = 10) -> [Int] {
        let n = requests.count
        let size = min(n, 2 + Int(rng.next() % UInt64(min(maxSize, max(1, n / 4)))))
        let seedIndex: Int
        if rng.next() % 100 < costlySeedPercent {
            // Among the eight costliest requests: where the objective has the most to gain.
            let worst = cost.indices.sorted { (cost[$0], $0) > (cost[$1], $1) }.prefix(8)
            seedIndex = worst[worst.startIndex + Int(rng.next() % UInt64(worst.count))]
        } else {
            seedIndex = Int(rng.next() % UInt64(n))
        }
        let s = signatures[seedIndex]
        var scored: [(score: UInt64, index: Int)] = []
        scored.reserveCapacity(n)
        for j in 0..<n where j != seedIndex {
            let o = signatures[j]
            var r: UInt64 = 0
            if o.clinicians.contains(where: s.clinicians.contains) { r += 4 }
            if o.interpreters.contains(where: s.interpreters.contains) { r += 2 }
            if o.firstDay <= s.lastDay && s.firstDay <= o.lastDay { r += 3 }
            scored.append((r << 32 | (rng.next() >> 32), j))
        }
        scored.sort { $0.score > $1.score }
        return [seedIndex] + scored.prefix(size - 1).map(\.index)
    }

    /// Batch order, a random order, or the costliest first (the ones with most to lose go first,
    /// a cheap stand-in for regret).
    mutating func insertionOrder(_ removed: [Int]) -> [Int] {
        switch rng.next() % 3 {
        case 0: return removed.sorted()
        case 1: return removed.sorted { (cost[$0], $0) > (cost[$1], $1) }
        default:
            var order = removed
            order.shuffle(using: &rng)
            return order
        }
    }
}

extension PreparedProblem {
    /// A proposal's score, or for a request left unbooked: every session the horizon could hold
    /// missing, and for a new one a wait that runs to the end of the horizon.
    func cost(of proposal: Proposal?, for request: SeriesRequest) -> Int {
        if let proposal { return proposal.score }
        return unbookedTerms(request).score(weights)
    }

    /// The objective terms of a request left unbooked; ``cost(of:for:)`` and the solve's totals.
    func unbookedTerms(_ request: SeriesRequest) -> ObjectiveTerms {
        let due = dueSessions(request)
        var terms = ObjectiveTerms(unfinishedPathways: due > 0 ? 1 : 0, missingSessions: due)
        if request.previous == nil, !request.sessions.isEmpty {
            terms.waitingDays = max(0, horizonEnd + 1 - request.referralDate.daysSinceEpoch)
        }
        return terms
    }
}
