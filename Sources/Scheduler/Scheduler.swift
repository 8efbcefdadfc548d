import CareModel
import Foundation

/// Books care sessions against a frozen snapshot: pure, deterministic, no I/O and no clock.
///
/// Every hard constraint is checked for every session, against the snapshot's existing sessions
/// and against what the same run has already placed. The soft objective and its weights are in
/// ``ObjectiveWeights``.
public enum Scheduler {
    /// Books a patient's whole series at once, or explains the session that cannot be placed.
    public static func bookSeries(
        _ request: SeriesRequest, in problem: SchedulingProblem,
        weights: ObjectiveWeights = .standard
    ) -> Result<Proposal, Explanation> {
        let prepared = PreparedProblem(problem, weights: weights)
        return prepared.bookSeries(request)
    }

    /// Books every request of the problem, most urgent first, each against what the previous ones
    /// took. `progress` is called after each request with (done, total).
    public static func batch(
        _ problem: SchedulingProblem, weights: ObjectiveWeights = .standard,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) -> BatchResult {
        var prepared = PreparedProblem(problem, weights: weights)
        return prepared.batch(problem.requests, progress: progress)
    }

    /// Books a closed group: every session checked and placed at once, or an explanation.
    public static func bookCohort(
        _ request: CohortRequest, in problem: SchedulingProblem,
        weights: ObjectiveWeights = .standard
    ) -> Result<CohortProposal, Explanation> {
        PreparedProblem(problem, weights: weights).bookCohort(request)
    }

    /// The order a batch books in: higher priority, then the earliest deadline, then the earliest
    /// referral, then the patient code (so the order never depends on input order).
    public static func batchOrder(_ requests: [SeriesRequest]) -> [SeriesRequest] {
        requests.sorted { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            let da = a.sessions.compactMap(\.deadline).min(), db = b.sessions.compactMap(\.deadline).min()
            if da != db { return (da?.daysSinceEpoch ?? Int.max) < (db?.daysSinceEpoch ?? Int.max) }
            if a.referralDate != b.referralDate { return a.referralDate < b.referralDate }
            if a.patient != b.patient { return a.patient < b.patient }
            return a.track < b.track
        }
    }
}

extension PreparedProblem {
    /// Books `request` against the current occupancy without changing it.
    public func bookSeries(_ request: SeriesRequest) -> Result<Proposal, Explanation> {
        var copy = self
        let patient = copy.patientIndex[request.patient] ?? copy.addPatient(request.patient)
        return copy.book(request, patient: patient)
    }

    /// Books every request in ``Scheduler/batchOrder(_:)``, committing each proposal before the next.
    public mutating func batch(
        _ requests: [SeriesRequest],
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) -> BatchResult {
        var result = BatchResult()
        if freeRuns.isEmpty { computeFreeRuns() }
        let ordered = Scheduler.batchOrder(requests)
        for (i, request) in ordered.enumerated() {
            let patient = patientIndex[request.patient] ?? addPatient(request.patient)
            switch book(request, patient: patient, compress: true) {
            case .success(let proposal):
                commit(proposal)
                result.proposals.append(proposal)
            case .failure(let explanation):
                result.explanations.append(explanation)
            }
            progress(i + 1, ordered.count)
        }
        return result
    }

    /// Books one series at its regular weekly rhythm. With `compress` (batches and their
    /// improvement phase), when that leaves the pathway unfinished (fewer sessions than the
    /// horizon could hold), once more with every session on its earliest workable day, and the
    /// lower objective wins. Single-series booking (`bookSeries`, the desk) does not pay for it.
    /// `carrying` (the improvement phase on large batches) lets the therapist's choice weigh the
    /// weeks ahead (``SeriesPlanner/carrying``).
    func book(
        _ request: SeriesRequest, patient: Int, compress: Bool = false, shape: SeriesShape? = nil,
        carrying: Bool = false, workable: WorkableDays = WorkableDays()
    ) -> Result<Proposal, Explanation> {
        let shape = shape ?? SeriesShape(self, request, patient: patient)
        // Every planner of this booking sees the same agenda: they share what they learn of it
        // (`workable`, fresh for each booking; tests pass one switched off to compare).
        let regular = book(
            request, patient: patient, tight: false, shape: shape, carrying: carrying, workable: workable)
        guard compress, case .success(let proposal) = regular, proposal.objective.unfinishedPathways > 0,
            request.sessions.count > 1,
            case .success(let tight) = book(
                request, patient: patient, tight: true, shape: shape, carrying: carrying, workable: workable),
            tight.score < proposal.score
        else { return regular }
        return .success(tight)
    }

    private func book(
        _ request: SeriesRequest, patient: Int, tight: Bool, shape: SeriesShape, carrying: Bool,
        workable: WorkableDays
    ) -> Result<Proposal, Explanation> {
        func planner(_ r: SeriesRequest) -> SeriesPlanner {
            var p = SeriesPlanner(self, r, patient: patient, tight: tight, shape: shape, workable: workable)
            p.carrying = carrying
            return p
        }
        guard !request.sessions.isEmpty else {
            return .success(Proposal(patient: request.patient, track: request.track, sessions: [], objective: .init()))
        }
        let failure: SeriesFailure
        switch planner(request).plan() {
        case .placed(let placed):
            return .success(proposal(request, placed))
        case .failed(let deepest):
            failure = deepest
        }
        // Continuing pathways keep their spacing: no partial series, no later start.
        guard request.previous == nil else { return .failure(explain(failure, request: request)) }
        // The intake is care of its own, due within 21 days: book it (and as much of the series
        // as can be carried from it) as early as possible. A series that cannot follow is an
        // objective term (`missingSessions`), weighed against starting the whole pathway later.
        var best: Proposal?
        if failure.index > 0 {
            var prefix = request
            prefix.sessions = Array(request.sessions.prefix(failure.index))
            if case .placed(let placed) = planner(prefix).plan(),
                !placed.isEmpty
            {
                best = proposal(request, placed)
            }
        }
        for delay in Self.startDelays {
            var later = request
            later.earliest = request.earliest.adding(days: delay)
            guard later.earliest.daysSinceEpoch <= horizonEnd else { break }
            // Waiting alone already costs more than the best so far: no later start can win.
            if let best, delay * weights.waitingDay >= best.score { break }
            if case .placed(let placed) = planner(later).plan() {
                // Scored against the request as referred: a later start does not move the
                // horizon's say on which sessions were due (`dueSessions`).
                let candidate = proposal(request, placed)
                if best.map({ candidate.score < $0.score }) ?? true { best = candidate }
                break
            }
        }
        if let best { return .success(best) }
        return .failure(explain(failure, request: request))
    }

    /// Days by which a new pathway's start is tried later, in turn, when it cannot be carried
    /// through from its earliest day; the objective then chooses between that and an early partial.
    static let startDelays = [7, 14, 21, 28, 42, 56]

    func proposal(_ request: SeriesRequest, _ placed: [Candidate]) -> Proposal {
        var terms = ObjectiveTerms()
        var sessions: [ProposedSession] = []
        sessions.reserveCapacity(placed.count)
        var previousRoom = request.previous?.room.flatMap { roomIndex[$0] }
        for (k, c) in placed.enumerated() {
            let spec = request.sessions[k]
            if k == 0, request.previous == nil {
                terms.waitingDays = max(0, c.day - request.referralDate.daysSinceEpoch)
            } else if !c.regular {
                terms.regularityMisses += 1
            }
            if c.preferenceMiss { terms.preferenceMisses += 1 }
            terms.loadImbalance += c.loadPercent
            if let previousRoom, previousRoom != c.room { terms.roomChanges += 1 }
            if c.late { terms.lateSessions += 1 }
            if c.interpreter >= 0 { terms.interpretedSessions += 1 }
            previousRoom = c.room
            sessions.append(
                ProposedSession(
                    patient: request.patient, track: request.track, step: spec.step, occurrence: spec.occurrence,
                    start: Self.date(c.start), end: Self.date(c.end),
                    clinicians: c.clinicians.map { clinicians[$0].id },
                    room: rooms[c.room].id, interpreter: c.interpreter >= 0 ? interpreters[c.interpreter].id : nil,
                    late: c.late))
        }
        // Each session some schedule could hold inside the horizon and this one leaves out is
        // missing. Sessions no schedule could hold (a follow-up past the horizon) are booked when
        // it reaches them. Judged on the request alone (`dueSessions`), never on the booked days.
        terms.missingSessions = max(0, dueSessions(request) - placed.count)
        terms.unfinishedPathways = terms.missingSessions > 0 ? 1 : 0
        if request.previous == nil, let first = placed.first, let last = placed.last {
            terms.treatmentDays = last.day - first.day
        }
        return Proposal(
            patient: request.patient, track: request.track, sessions: sessions, objective: terms,
            score: terms.score(weights))
    }
}
