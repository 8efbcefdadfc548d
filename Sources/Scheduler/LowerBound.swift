import CareModel

/// A value no schedule of the batch can beat, so a solution's gap to it says how much room is left.
///
/// Two relaxations, each a bound on its own: every patient alone (the earliest day their intake
/// fits in the agenda as it stands, ignoring every other request; then the least its due sessions
/// can cost from there: the ones the horizon still holds at minimum spacing booked, each gap
/// costing its treatment days, the rest missing) plus what the clinicians' and interpreters'
/// capacity forces on top of it (``CapacityBound``: pathways that cannot all finish inside the
/// horizon), and the centre's daily intake capacity (intakes that cannot all fit in their first
/// weeks push some patients later, whoever they are). The bound is the larger of the two.
public struct LowerBound: Hashable, Sendable, Codable {
    /// The weighted total; every solution's objective is at least this.
    public var value: Int
    /// Waiting days no schedule avoids: each patient alone, and the capacity relaxation.
    public var waitingDaysAlone: Int
    public var waitingDaysCapacity: Int
    /// Intakes that cannot meet their deadline even alone.
    public var lateSessions: Int
    /// Requests that leave a session missing in every schedule: the intake fits nowhere in the
    /// horizon, or the sessions due cannot all follow the earliest intake even at minimum spacing.
    public var unfinishedPathways: Int
    /// Sessions missing in every schedule (summed over those requests).
    public var missingSessions: Int
    /// What capacity adds to the patient-alone relaxation: the least extra cost of the pathways
    /// that the clinicians' and interpreters' hours cannot all carry to their end inside the
    /// horizon, and how many such pathways at least (``CapacityBound``).
    public var capacityCost: Int = 0
    public var capacityPathways: Int = 0

    static func compute(_ prepared: PreparedProblem, requests: [SeriesRequest]) -> LowerBound {
        let w = prepared.weights
        var bound = LowerBound(
            value: 0, waitingDaysAlone: 0, waitingDaysCapacity: 0, lateSessions: 0,
            unfinishedPathways: 0, missingSessions: 0)
        var releases: [(referral: Int, earliest: Int, minutes: Int)] = []
        var rest = 0, unbookable = 0
        var jobs: [CapacityJob] = []
        var qualifications: [Qualification: (pool: [Int], weekdays: [Bool])] = [:]
        for request in requests where request.previous == nil && !request.sessions.isEmpty {
            guard let patient = prepared.patientIndex[request.patient] else { continue }
            var intake = request
            intake.sessions = [request.sessions[0]]
            let query = SeriesPlanner(prepared, intake, patient: patient).query(0, placed: [], excluded: [])
            var scratch = Diagnostics()
            guard let first = prepared.findBest(query, diagnostics: &scratch) else {
                // No intake anywhere in the horizon: unbooked in every schedule.
                let terms = prepared.unbookedTerms(request)
                bound.unfinishedPathways += terms.unfinishedPathways
                bound.missingSessions += terms.missingSessions
                rest += terms.score(w)
                unbookable += terms.missingSessions * w.missingSession
                continue
            }
            let referral = request.referralDate.daysSinceEpoch
            bound.waitingDaysAlone += max(0, first.day - referral)
            releases.append((referral, first.day, request.sessions[0].durationMinutes))
            if first.late { bound.lateSessions += 1 }
            let series = Self.startAndLength(request, from: first.day, prepared)
            rest += series.cost
            if series.missing == 0 {
                let wait = max(0, first.day - referral) * w.waitingDay + (first.late ? w.lateSession : 0)
                let unbooked =
                    max(0, prepared.horizonEnd + 1 - referral) * w.waitingDay
                    + prepared.dueSessions(request) * w.missingSession
                let unfinished = min(unbooked, series.unfinished == Int.max ? Int.max : wait + series.unfinished)
                if let job = Self.capacityJob(
                    request, patient: patient, from: first.day, unfinishedCost: max(0, unfinished - wait - series.cost),
                    prepared, cache: &qualifications)
                {
                    jobs.append(job)
                }
            }
            // Missing in every schedule, whatever the others do: counted in the shared bound too.
            if series.missing > 0 {
                bound.unfinishedPathways += 1
                bound.missingSessions += series.missing
                unbookable += series.missing * w.missingSession
            }
        }
        bound.waitingDaysCapacity = Self.capacityWait(prepared, releases)
        (bound.capacityCost, bound.capacityPathways) = CapacityBound.extraCost(prepared, jobs)
        // Two bounds, never added to each other: each patient alone (wait, late, the least a
        // start and series length can cost), or the shared intake capacity (wait and late only,
        // with the sessions no schedule can book).
        let alone =
            bound.waitingDaysAlone * w.waitingDay + bound.lateSessions * w.lateSession + rest + bound.capacityCost
        let shared = bound.waitingDaysCapacity * w.waitingDay + bound.lateSessions * w.lateSession + unbookable
        bound.value = max(alone, shared)
        return bound
    }

    /// The least that running the series from an intake on `day` can cost, and how many of its
    /// due sessions (`dueSessions`) no schedule starting that day or later can book. Booking the
    /// first `k` due sessions costs each gap's least (its minimum spacing in treatment days plus
    /// a regularity miss, or its regular day, previous + 7 clamped into the spacing window), and
    /// each due session left out costs a missing session; `k` runs up to the longest chain that
    /// still ends inside the horizon, each session at its minimum spacing moved on to the next
    /// open day on which some clinician qualified for it works a range it fits in (everything
    /// else ignored, so no schedule's chain is shorter). A later start only adds waiting.
    /// `unfinished` is the least of those costs with at least one due session left out (Int.max
    /// when only the intake is due).
    static func startAndLength(
        _ request: SeriesRequest, from day: Int, _ prepared: PreparedProblem
    ) -> (cost: Int, missing: Int, unfinished: Int) {
        let w = prepared.weights
        let due = prepared.dueSessions(request)
        guard due > 0 else { return (0, 0, Int.max) }
        // One session booked (the intake): the rest of the due sessions missing.
        var booked = 1, reach = day, chainCost = 0
        var best = (due - 1) * w.missingSession
        var unfinished = due > 1 ? best : Int.max
        for spec in request.sessions.prefix(due).dropFirst() {
            let gap = max(spec.minDaysAfterPrevious ?? 1, 1)
            let weekdays = workedWeekdays(spec, prepared)
            reach += gap
            while reach <= prepared.horizonEnd, !isWorkable(reach, weekdays, prepared) { reach += 1 }
            guard reach <= prepared.horizonEnd else { break }
            let regular = min(max(7, gap), spec.maxDaysAfterPrevious ?? Int.max)
            chainCost += min(regular * w.treatmentDay, gap * w.treatmentDay + w.regularityMiss)
            booked += 1
            best = min(best, chainCost + (due - booked) * w.missingSession)
            if booked < due { unfinished = min(unfinished, best) }
        }
        return (best, due - booked, unfinished)
    }

    /// Weekdays (Monday first) on which some active clinician qualified for `spec` works a range
    /// at least as long as the session.
    static func workedWeekdays(_ spec: SessionSpec, _ prepared: PreparedProblem) -> [Bool] {
        var weekdays = Array(repeating: false, count: 7)
        for clinician in prepared.clinicians
        where clinician.qualifies(roles: spec.roles, skills: spec.skills, languages: spec.languages) {
            for (weekday, ranges) in clinician.hours.days.enumerated()
            where ranges.contains(where: { $0.end - $0.start >= spec.durationMinutes }) {
                weekdays[weekday] = true
            }
        }
        return weekdays
    }

    /// Whether `day` is inside the horizon, not closed, and one of `weekdays`.
    static func isWorkable(_ day: Int, _ weekdays: [Bool], _ prepared: PreparedProblem) -> Bool {
        let d = day - prepared.today
        guard d >= 0, d < prepared.dayCount, !prepared.dayClosed[d] else { return false }
        return weekdays[LocalDate(daysSinceEpoch: day).weekday.index]
    }
}

extension LowerBound {
    /// The least total wait when intakes, each no earlier than its own earliest day, share the
    /// centre's intake capacity: per open day, how many of the shortest intake fit in the hours of
    /// the clinicians who may run one (every other session ignored, so it only ever overestimates
    /// capacity). Identical one-day jobs: filling each day with any released intake is optimal.
    /// Intakes that find no day in the horizon wait to its end.
    static func capacityWait(
        _ prepared: PreparedProblem,
        _ releases: [(referral: Int, earliest: Int, minutes: Int)]
    ) -> Int {
        guard let shortest = releases.map(\.minutes).min(), shortest > 0 else { return 0 }
        let intakeRoles = Set(prepared.problem.requests.compactMap { $0.sessions.first?.roles }.flatMap { $0 })
        let able = prepared.clinicians.indices.filter { c in
            prepared.clinicians[c].active && (intakeRoles.isEmpty || intakeRoles.contains(prepared.clinicians[c].role))
        }
        var perWeekday = Array(repeating: 0, count: 7)
        for c in able {
            for (day, ranges) in prepared.clinicians[c].hours.days.enumerated() {
                perWeekday[day] += ranges.reduce(0) { $0 + max(0, $1.end - $1.start) / shortest }
            }
        }
        let pending = releases.sorted { ($0.earliest, $0.referral) < ($1.earliest, $1.referral) }
        var waiting = 0
        var next = 0
        var queue: [Int] = [] // referral days of released, unserved intakes
        var day = pending.first?.earliest ?? prepared.horizonEnd + 1
        while day <= prepared.horizonEnd, next < pending.count || !queue.isEmpty {
            while next < pending.count, pending[next].earliest <= day {
                queue.append(pending[next].referral)
                next += 1
            }
            let d = day - prepared.today
            let open = d >= 0 && d < prepared.dayCount && !prepared.dayClosed[d]
            var capacity = open ? perWeekday[LocalDate(daysSinceEpoch: day).weekday.index] : 0
            // Serve the longest-waiting first; with equal jobs any order gives the same sum.
            while capacity > 0, !queue.isEmpty {
                waiting += max(0, day - queue.removeFirst())
                capacity -= 1
            }
            day += 1
        }
        for referral in queue + pending[next...].map(\.referral) {
            waiting += max(0, prepared.horizonEnd + 1 - referral)
        }
        return waiting
    }
}
