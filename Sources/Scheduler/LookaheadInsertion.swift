import CareModel

/// Lookahead insertion: a new pathway booked from each of its possible intakes, not the greedy one.
///
/// The greedy booking takes the intake's best slot on its own (the earliest day, then load and the
/// seeded tie-break) and the therapy follows from it; the weekly rhythm then starts from an hour
/// the therapist may not have free a week later, and every later session pays for it (a
/// regularity miss, a series that drifts to another weekday). Here every feasible intake on the
/// first days it can take is tried, the series is completed greedily from each, and the cheapest
/// whole series wins: on the S centres most of the gap to the exact optimum was that first step.
extension PreparedProblem {
    /// How many days from the intake's first feasible day are tried (each later day costs a day
    /// of waiting, so the second already needs the series to gain more than that).
    static let lookaheadDays = 2

    /// The cheapest whole series over the intakes of the first ``lookaheadDays`` feasible days, or
    /// nil for a continuing pathway, a single session, an intake that is late, or a series that
    /// cannot follow any of them (the greedy booking's partial and later-start offers cover those).
    func bookLookahead(_ request: SeriesRequest, patient: Int, shape: SeriesShape? = nil) -> Proposal? {
        guard request.previous == nil, request.sessions.count > 1 else { return nil }
        let planner = SeriesPlanner(self, request, patient: patient, shape: shape)
        let query = planner.query(0, placed: [], excluded: [])
        var scratch = Diagnostics()
        guard let first = findBest(query, diagnostics: &scratch), !first.late else { return nil }
        let last = min(first.day + Self.lookaheadDays - 1, query.hi, query.deadline ?? Int.max)
        let step = request.sessions[0].step
        let keepsClinician = request.sessions.dropFirst().contains { $0.continuity == step }
        var best: Proposal?
        func complete(_ intake: Candidate, banned: Set<Int>) -> Int? {
            guard let placed = planner.plan(after: intake, banned: banned) else { return nil }
            let candidate = proposal(request, placed)
            if best.map({ candidate.score < $0.score }) ?? true { best = candidate }
            return candidate.score
        }
        // The therapist: the greedy booking takes whoever suits the first therapy best, blind to
        // an absence or a full week later on; each one is tried for the whole series from the
        // greedy intake, and the best one is tried again below with every intake.
        var bans: [Set<Int>] = [[]]
        let therapists = planner.therapists
        if therapists.count > 1 {
            var bestBan: (score: Int, ban: Set<Int>)?
            for c in therapists {
                let ban = Set(therapists.filter { $0 != c })
                if let score = complete(first, banned: ban), bestBan.map({ score < $0.score }) ?? true {
                    bestBan = (score, ban)
                }
            }
            if let bestBan { bans.append(bestBan.ban) }
        }
        for day in first.day...max(first.day, last) {
            // Per therapist choice, whether an intake the first therapy cannot follow a week later
            // at the same hour was completed already: from any such intake the first therapy takes
            // the same best slot, so the cheapest of them stands for all.
            var irregularDone = Array(repeating: false, count: bans.count)
            for intake in intakeChoices(query, day: day, keepsClinician: keepsClinician) {
                for (b, ban) in bans.enumerated() {
                    // Waiting alone already costs more than the best series: no later intake can win.
                    if let best, intake.score >= best.score { break }
                    if !planner.regularNext(after: intake, banned: ban) {
                        if irregularDone[b] { continue }
                        irregularDone[b] = true
                    }
                    _ = complete(intake, banned: ban)
                }
            }
        }
        return best
    }

    /// Every feasible intake on `day`, scored as ``scanDay`` scores it, keeping per start time,
    /// room and interpreter (and clinician, when the series keeps the intake's) only the cheapest:
    /// the sessions after it depend on nothing else, so completing the others would repeat work.
    func intakeChoices(_ query: SessionQuery, day: Int, keepsClinician: Bool) -> [Candidate] {
        let d = day - today
        guard d >= 0, d < dayCount, !dayClosed[d], patientDays[query.patient * dayCount + d] == 0 else { return [] }
        let weekday = LocalDate(daysSinceEpoch: day).weekday.index
        let duration = query.spec.durationMinutes
        let uniform = dayOffset[d] != nil
        let week = Self.week(day)
        var score0 = 0
        if let from = query.waitingFrom { score0 += max(0, day - from) * weights.waitingDay }
        var cheapest: [IntakeKey: Candidate] = [:]
        var scratch = Diagnostics()
        for c in query.pool {
            let ranges = clinicians[c].hours.days[weekday]
            guard !ranges.isEmpty, !overCap(c, day: day, minutes: duration, tentative: query.tentativeLoad) else {
                continue
            }
            let load = loadPercent(c, week: week, query)
            let interpreterCost = query.interpreterNeeded(with: c) ? weights.interpretedSession : 0
            for range in ranges {
                var t = (range.start + slot - 1) / slot * slot
                while t + duration <= range.end {
                    defer { t += slot }
                    guard let s = utcMinute(day: day, time: t) else { continue }
                    let e = s + duration
                    if !uniform {
                        let local = localMinutes(e)
                        if local.day != day || local.time != t + duration
                            || !(range.start...range.end).contains(local.time)
                        {
                            continue
                        }
                    }
                    var skipTo = 0
                    guard
                        var candidate = check(
                            query, day: day, weekday: weekday, t: t, s: s, e: e, clinician: c, diagnostics: &scratch,
                            skipTo: &skipTo)
                    else { continue }
                    candidate.loadPercent = load
                    candidate.preferenceMiss =
                        !query.preferredDays[weekday] || !inWindows(t, duration, query.preferredWindows)
                    candidate.tiebreak = Self.mix(problem.seed, UInt64(c), UInt64(bitPattern: Int64(s)))
                    candidate.score =
                        score0 + load * weights.loadPercent + interpreterCost
                        + (candidate.preferenceMiss ? weights.preferenceMiss : 0)
                    // Key: start time, room, interpreter and (when continuity keeps it) clinician.
                    let key = IntakeKey(
                        time: t, room: candidate.room, interpreter: candidate.interpreter,
                        clinician: keepsClinician ? c : -1)
                    if candidate.isBetter(than: cheapest[key]) { cheapest[key] = candidate }
                }
            }
        }
        // A total order (the dictionary's is not): score, start, seeded draw, then the resources.
        return cheapest.values.sorted { a, b in
            if a.isBetter(than: b) != b.isBetter(than: a) { return a.isBetter(than: b) }
            return (a.clinician, a.room, a.interpreter) < (b.clinician, b.room, b.interpreter)
        }
    }
}

/// What the sessions after an intake depend on: its start time (the weekly rhythm), room (room
/// changes), interpreter (kept when free) and, when continuity keeps it, its clinician.
struct IntakeKey: Hashable {
    var time: Int
    var room: Int
    var interpreter: Int
    var clinician: Int
}
