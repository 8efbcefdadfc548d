import CareModel

/// One new pathway as the capacity relaxation sees it: the day window each due session must fall
/// in for the pathway to finish, who may run it, and the least it costs to leave it unfinished.
struct CapacityJob: Sendable {
    /// Per due session, in order: earliest day (the patient-alone chain), latest day (the chain
    /// back from the horizon's end), minutes, and the clinicians able to run it (indices).
    var earliest: [Int]
    var latest: [Int]
    var minutes: [Int]
    var pools: [[Int]]
    /// The interpreter language when the patient needs one (sessions with a clinician who speaks
    /// it need none).
    var language: LanguageCode?
    /// The least extra cost, over this request's part of the patient-alone bound, of leaving one of
    /// its due sessions out (or the whole request unbooked).
    var unfinishedCost: Int
}

/// The extra cost that the centre's capacity forces on top of the patient-alone bound.
///
/// **The relaxation.** A new pathway that books all its due sessions (*finishes*) books session `j`
/// on a day in `[earliest_j, latest_j]`: no earlier than its patient-alone chain (each minimum
/// spacing from the earliest intake, walked on to a day some qualified clinician works) and no
/// later than the same chain run back from the horizon's end (else a later due session falls out).
/// So for every set of resources `R` (the clinicians of one pool, or the interpreters of one
/// language with the clinicians who speak it) and every interval of days `[a, b]`, the sessions of
/// finishing pathways that only `R` can serve and whose windows lie inside `[a, b]` fit in the
/// minutes `R` works in `[a, b]` (opening hours, closed days, absences, caps; every other booking
/// ignored, so capacity is only ever overestimated). When they do not fit, the pathways left
/// unfinished must free at least the excess: each frees at most its own sessions in that interval
/// and costs at least its `unfinishedCost`, so the fractional cover (cheapest cost per freed minute
/// first) is a lower bound of the extra cost (a fractional knapsack lower-bounds the integer one).
/// Constraints whose pathways are disjoint add up (each request's extra cost counted once); others
/// only give their maximum. Every step relaxes, so the result never exceeds the true optimum.
enum CapacityBound {
    /// A constraint: which sessions (job, session) it holds, and the resources that can serve them.
    struct Family {
        var entries: [(job: Int, session: Int)] = []
        var resources: [Int] = [] // global resource numbers (clinicians, then interpreters)
    }

    /// The forced extra cost and the fewest pathways it implies unfinished (the one constraint of
    /// the chosen set that forces most).
    static func extraCost(_ prepared: PreparedProblem, _ jobs: [CapacityJob]) -> (cost: Int, pathways: Int) {
        guard !jobs.isEmpty else { return (0, 0) }
        var values: [(cost: Int, pathways: Int, jobs: Set<Int>)] = []
        for family in families(prepared, jobs) {
            let best = tightest(prepared, jobs, family)
            if best.cost > 0 { values.append(best) }
        }
        // Constraints over disjoint sets of requests add up; pick greedily, largest first.
        values.sort { ($0.cost, $0.pathways) > ($1.cost, $1.pathways) }
        var used: Set<Int> = []
        var total = 0, pathways = 0
        for value in values where used.isDisjoint(with: value.jobs) {
            total += value.cost
            pathways += value.pathways
            used.formUnion(value.jobs)
        }
        return (total, pathways)
    }

    /// One family per distinct clinician pool (the sessions whose pool lies inside it), and one per
    /// interpreter language (its patients' sessions; served by its interpreters or by a clinician of
    /// the session's pool who speaks it).
    static func families(_ prepared: PreparedProblem, _ jobs: [CapacityJob]) -> [Family] {
        var pools: [[Int]] = []
        var seen: Set<[Int]> = []
        for job in jobs {
            for pool in job.pools where seen.insert(pool).inserted { pools.append(pool) }
        }
        var result: [Family] = []
        for pool in pools {
            let members = Set(pool)
            var family = Family(resources: pool)
            for (j, job) in jobs.enumerated() {
                for (s, other) in job.pools.enumerated() where other.allSatisfy(members.contains) {
                    family.entries.append((j, s))
                }
            }
            result.append(family)
        }
        let languages = Set(jobs.compactMap(\.language)).sorted { $0.rawValue < $1.rawValue }
        for language in languages {
            var family = Family()
            var speakers: Set<Int> = []
            for (j, job) in jobs.enumerated() where job.language == language {
                for (s, pool) in job.pools.enumerated() {
                    family.entries.append((j, s))
                    speakers.formUnion(pool.filter { prepared.clinicians[$0].languages.contains(language) })
                }
            }
            let interpreters = prepared.interpreters.indices.filter {
                prepared.interpreters[$0].languages.contains(language)
            }
            family.resources = speakers.sorted() + interpreters.map { prepared.clinicians.count + $0 }
            result.append(family)
        }
        return result
    }

    /// The largest forced cost of one family over every interval `[a, b]`, `a` an earliest day and
    /// `b` a latest day of its sessions.
    static func tightest(
        _ prepared: PreparedProblem, _ jobs: [CapacityJob], _ family: Family
    ) -> (cost: Int, pathways: Int, jobs: Set<Int>) {
        guard !family.entries.isEmpty else { return (0, 0, []) }
        let minutes = family.entries.map { jobs[$0.job].minutes[$0.session] }
        let capacity = ResourceMinutes(prepared, family.resources, durations: minutes)
        let ends = Set(family.entries.map { jobs[$0.job].latest[$0.session] }).sorted()
        var best: (cost: Int, pathways: Int, jobs: Set<Int>) = (0, 0, [])
        for b in ends {
            // The sessions that must be done by `b`, latest start first.
            let inside = family.entries.indices
                .filter { jobs[family.entries[$0].job].latest[family.entries[$0].session] <= b }
                .sorted {
                    jobs[family.entries[$0].job].earliest[family.entries[$0].session]
                        > jobs[family.entries[$1].job].earliest[family.entries[$1].session]
                }
            var demand = 0
            var k = 0
            while k < inside.count {
                let a = jobs[family.entries[inside[k]].job].earliest[family.entries[inside[k]].session]
                while k < inside.count,
                    jobs[family.entries[inside[k]].job].earliest[family.entries[inside[k]].session] == a
                {
                    demand += minutes[inside[k]]
                    k += 1
                }
                let excess = demand - capacity.minutes(from: a, through: b)
                guard excess > 0 else { continue }
                let cover = cheapestCover(excess, inside.prefix(k).map { (family.entries[$0].job, minutes[$0]) }, jobs)
                if cover.cost > best.cost { best = cover }
            }
        }
        return best
    }

    /// The least cost of leaving unfinished pathways that free `excess` minutes among `held`
    /// (job, minutes) sessions, pathways taken fractionally, cheapest per minute first; with the
    /// fewest whole pathways that can free it.
    static func cheapestCover(
        _ excess: Int, _ held: [(job: Int, minutes: Int)], _ jobs: [CapacityJob]
    ) -> (cost: Int, pathways: Int, jobs: Set<Int>) {
        var freed: [Int: Int] = [:]
        for (job, minutes) in held { freed[job, default: 0] += minutes }
        let items = freed.sorted { $0.key < $1.key }
        var remaining = excess
        var cost = 0.0
        for (job, minutes) in items.sorted(by: {
            jobs[$0.key].unfinishedCost * $1.value < jobs[$1.key].unfinishedCost * $0.value
        }) {
            guard remaining > 0 else { break }
            let take = min(remaining, minutes)
            cost += Double(jobs[job].unfinishedCost) * Double(take) / Double(minutes)
            remaining -= take
        }
        // Fewest pathways: the largest first.
        var count = 0
        var left = excess
        for minutes in items.map(\.value).sorted(by: >) where left > 0 {
            left -= minutes
            count += 1
        }
        // Rounded down: a bound may never round up past the true value.
        return (remaining > 0 ? 0 : Int(cost.rounded(.down)), count, Set(items.map(\.key)))
    }
}

extension LowerBound {
    /// What decides who may run a session and on which weekdays.
    struct Qualification: Hashable {
        var roles: [ClinicianRole], skills: [Skill], languages: [LanguageCode], minutes: Int
        init(_ spec: SessionSpec) {
            (roles, skills, languages, minutes) = (spec.roles, spec.skills, spec.languages, spec.durationMinutes)
        }
    }

    /// The capacity relaxation's view of a new request whose due sessions can all follow its
    /// earliest intake (`day`): each due session's window, minutes and clinicians. Nil for a
    /// request the relaxation leaves out (a group session, or no due session).
    static func capacityJob(
        _ request: SeriesRequest, patient: Int, from day: Int, unfinishedCost: Int, _ prepared: PreparedProblem,
        cache: inout [Qualification: (pool: [Int], weekdays: [Bool])]
    ) -> CapacityJob? {
        let due = prepared.dueSessions(request)
        let specs = Array(request.sessions.prefix(due))
        // A group session is left out whatever its facilitators: its members share one clinician's
        // minutes, which counting each of them would overstate.
        guard due > 0, specs.allSatisfy({ $0.facilitators == 1 && $0.kind != .groupSession }) else { return nil }
        // Who qualifies, and on which weekdays, once per kind of session (most requests share them).
        let known = specs.map { spec in
            let key = Qualification(spec)
            if let hit = cache[key] { return hit }
            let pool = prepared.clinicians.indices.filter {
                prepared.clinicians[$0].qualifies(roles: spec.roles, skills: spec.skills, languages: spec.languages)
            }
            let entry = (pool, workedWeekdays(spec, prepared))
            cache[key] = entry
            return entry
        }
        let qualified = known.map(\.pool)
        // A fixed clinician runs every session it qualifies for (as the series planner books it).
        var pools = qualified
        if let fixed = request.fixedClinician.flatMap({ prepared.clinicianIndex[$0] }) {
            pools = pools.map { $0.contains(fixed) ? [fixed] : $0 }
        }
        // Continuity: the clinician of the first session of the named step runs this one too.
        for (j, spec) in specs.enumerated() {
            guard let step = spec.continuity, let i = specs.firstIndex(where: { $0.step == step }), i < j else {
                continue
            }
            let allowed = Set(pools[i])
            pools[j] = pools[j].filter(allowed.contains)
        }
        let weekdays = known.map(\.weekdays)
        var earliest = [day]
        for j in 1..<max(due, 1) {
            var reach = earliest[j - 1] + max(specs[j].minDaysAfterPrevious ?? 1, 1)
            while reach <= prepared.horizonEnd, !isWorkable(reach, weekdays[j], prepared) { reach += 1 }
            earliest.append(reach)
        }
        var latest = Array(repeating: prepared.horizonEnd, count: due)
        for j in stride(from: due - 1, through: 0, by: -1) {
            var back =
                j == due - 1 ? prepared.horizonEnd : latest[j + 1] - max(specs[j + 1].minDaysAfterPrevious ?? 1, 1)
            while back >= prepared.today, !isWorkable(back, weekdays[j], prepared) { back -= 1 }
            latest[j] = back
        }
        // The chain from the earliest intake fits (the caller checked), so every window is open.
        guard zip(earliest, latest).allSatisfy({ $0 <= $1 }) else { return nil }
        let needs = prepared.patients[patient].needs
        return CapacityJob(
            earliest: earliest, latest: latest, minutes: specs.map(\.durationMinutes), pools: pools,
            language: needs.needsInterpreter ? needs.language : nil, unfinishedCost: unfinishedCost)
    }
}
