import CareModel

extension ImprovementSearch {
    /// Tries ``advanceIntake(_:)`` on every booked new pathway, in batch order; returns how many
    /// intakes moved. Run once after the greedy pass: cheap (one session search per pathway).
    @discardableResult
    mutating func advanceIntakes() -> Int {
        var moved = 0
        for i in requests.indices {
            guard advanceIntake(i) != nil else { continue }
            loads[i] = Self.loadEntries(current[i], prepared)
            signatures[i] = signature(i)
            moved += 1
        }
        total = rescoreLoads()
        if total < bestTotal {
            bestTotal = total
            best = current
        }
        history = Array(repeating: total, count: historyLength)
        return moved
    }

    /// Moves request `i`'s intake to an earlier day while the rest of its series stays where it
    /// is: the first therapy must still fall inside its spacing window after the new intake, and
    /// a clinician the series keeps from the intake stays. The wait shrinks and nothing else
    /// moves, so a series booked late because its therapist's weeks were full still gets its
    /// intake early (issue 14: do not delay care to carry a series). Kept only when the request's
    /// score drops, and the drop is returned (`cost` and `current` updated, `total` and the
    /// signature left to the caller); otherwise the old intake is put back exactly and nil returned.
    mutating func advanceIntake(_ i: Int) -> Int? {
        let request = requests[i]
        guard request.previous == nil, patients[i] >= 0, let old = current[i], let intake = old.sessions.first,
            let oldClinician = intake.clinicians.first.flatMap({ prepared.clinicianIndex[$0] })
        else { return nil }
        let oldLocal = prepared.localMinutes(PreparedProblem.minute(intake.start))
        // The planner holds a copy of `prepared`: let it go before `release` below, or that
        // mutation would copy the whole occupancy (copy-on-write).
        let (initial, preferredDays, preferredWindows) = { (planner: SeriesPlanner) in
            (planner.query(0, placed: [], excluded: []), planner.preferredDays, planner.preferredWindows)
        }(SeriesPlanner(prepared, request, patient: patients[i], shape: shapes[i]))
        var query = initial
        guard oldLocal.day > max(query.lo, request.referralDate.daysSinceEpoch) else { return nil }
        query.hi = min(query.hi, oldLocal.day - 1)
        let intakeStep = request.sessions[0].step
        if request.sessions.dropFirst().contains(where: { $0.continuity == intakeStep }) {
            query.pool = query.pool.filter { $0 == oldClinician }
        }
        var next: (day: Int, time: Int, room: RoomID, ideal: Int)?
        if old.sessions.count > 1 {
            let spec = request.sessions[1], session = old.sessions[1]
            let local = prepared.localMinutes(PreparedProblem.minute(session.start))
            let minDays = spec.minDaysAfterPrevious ?? 1
            query.hi = min(query.hi, local.day - max(minDays, 1))
            if let maxDays = spec.maxDaysAfterPrevious { query.lo = max(query.lo, local.day - maxDays) }
            next = (local.day, local.time, session.room, min(max(7, minDays), spec.maxDaysAfterPrevious ?? Int.max))
        }
        guard query.lo <= query.hi, !query.pool.isEmpty else { return nil }
        prepared.release([intake])
        var scratch = Diagnostics()
        guard let c = prepared.findBest(query, diagnostics: &scratch) else {
            prepared.commit([intake])
            return nil
        }
        // The request's terms with the intake swapped: wait, late, preference, load and
        // interpreter of the intake; regularity and room change of the session after it;
        // treatment days (the booked sessions do not change, so neither do the missing ones).
        let weekday = LocalDate(daysSinceEpoch: oldLocal.day).weekday.index
        let duration = request.sessions[0].durationMinutes
        let oldMiss =
            !preferredDays[weekday] || !prepared.inWindows(oldLocal.time, duration, preferredWindows)
        let oldLoad = prepared.loadPercent(oldClinician, week: PreparedProblem.week(oldLocal.day), query)
        let newRoom = prepared.rooms[c.room].id
        var terms = old.objective
        let referral = request.referralDate.daysSinceEpoch
        terms.waitingDays = max(0, c.day - referral)
        terms.lateSessions += (c.late ? 1 : 0) - (intake.late ? 1 : 0)
        terms.preferenceMisses += (c.preferenceMiss ? 1 : 0) - (oldMiss ? 1 : 0)
        terms.loadImbalance = max(0, terms.loadImbalance - oldLoad + c.loadPercent)
        terms.interpretedSessions += (c.interpreter >= 0 ? 1 : 0) - (intake.interpreter != nil ? 1 : 0)
        if let next {
            let wasRegular = next.day == oldLocal.day + next.ideal && next.time == oldLocal.time
            let isRegular = next.day == c.day + next.ideal && next.time == c.localStart
            terms.regularityMisses += (isRegular ? 0 : 1) - (wasRegular ? 0 : 1)
            terms.roomChanges += (next.room != newRoom ? 1 : 0) - (next.room != intake.room ? 1 : 0)
        }
        if old.sessions.count > 1 { terms.treatmentDays += oldLocal.day - c.day }
        let score = terms.score(prepared.weights)
        guard score < old.score else {
            prepared.commit([intake])
            return nil
        }
        var sessions = old.sessions
        sessions[0] = ProposedSession(
            patient: intake.patient, track: intake.track, step: intake.step, occurrence: intake.occurrence,
            start: PreparedProblem.date(c.start), end: PreparedProblem.date(c.end),
            clinicians: c.clinicians.map { prepared.clinicians[$0].id }, room: newRoom,
            interpreter: c.interpreter >= 0 ? prepared.interpreters[c.interpreter].id : nil, late: c.late)
        prepared.commit([sessions[0]])
        let proposal = Proposal(
            patient: old.patient, track: old.track, sessions: sessions, objective: terms, score: score)
        let saved = cost[i] - score
        cost[i] = score
        current[i] = proposal
        return saved
    }
}
