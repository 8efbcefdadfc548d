import CareModel

/// Books a closed group in its fixed weekly slot.
///
/// First every (facilitators, room) pair is tried for the whole run of sessions, skipping only the
/// weeks it cannot take, and the pair that skips fewest weeks (then the least loaded) wins; only
/// when no pair can carry the whole cohort are resources chosen week by week.
struct CohortPlanner {
    let prepared: PreparedProblem
    let request: CohortRequest
    let patients: [Int]
    let combos: [[Int]]
    let rooms: [Int]
    /// Per language needing an interpreter, the interpreters who speak it.
    let interpreterGroups: [[Int]]

    struct Week {
        var day: Int
        var start: Int
        var end: Int
    }

    struct Choice {
        var week: Week
        var clinicians: [Int]
        var room: Int
        var interpreters: [Int]
    }

    /// Slot days that the patients and the centre allow, each with the reasons others were skipped.
    func weeks(diagnostics: inout Diagnostics) -> [Week] {
        var result: [Week] = []
        var day = max(request.start.daysSinceEpoch, prepared.today)
        while LocalDate(daysSinceEpoch: day).weekday != request.weekday { day += 1 }
        while day <= prepared.horizonEnd {
            defer { day += 7 }
            let d = day - prepared.today
            if prepared.dayClosed[d] {
                diagnostics.reject(.closedDay)
                continue
            }
            guard let s = prepared.utcMinute(day: day, time: request.time.minutes) else {
                diagnostics.reject(.dstGap)
                continue
            }
            let e = s + request.durationMinutes
            if patientsFree(day: d, s, e, diagnostics: &diagnostics) { result.append(Week(day: day, start: s, end: e)) }
        }
        return result
    }

    func patientsFree(day d: Int, _ s: Int, _ e: Int, diagnostics: inout Diagnostics) -> Bool {
        let members = Set(patients)
        for p in patients {
            let resource = prepared.patientBase + p
            if prepared.patientDays[p * prepared.dayCount + d] > 0 {
                diagnostics.reject(.onePerDay, resource)
                return false
            }
            if !prepared.occupancy.isFree(resource, s, e) {
                diagnostics.reject(.patientBusy, resource)
                return false
            }
            if prepared.isAbsent(resource, s, e) {
                diagnostics.reject(.patientUnavailable, resource)
                return false
            }
            for other in prepared.patients[p].keepApart
            where !members.contains(other)
                && !prepared.occupancy.isFree(prepared.patientBase + other, s, e, pad: 30)
            {
                diagnostics.reject(.keepApart, prepared.patientBase + other)
                return false
            }
        }
        return true
    }

    func clinicianFree(_ c: Int, _ week: Week, diagnostics: inout Diagnostics) -> Bool {
        let weekday = request.weekday.index
        let t = request.time.minutes
        if !prepared.clinicians[c].hours.covers(weekday, t, t + request.durationMinutes) {
            diagnostics.reject(.clinicianHours, c)
            return false
        }
        if prepared.isAbsent(c, week.start, week.end) {
            diagnostics.reject(.clinicianAbsent, c)
            return false
        }
        if prepared.overCap(c, day: week.day, minutes: request.durationMinutes) {
            diagnostics.reject(.clinicianCap, c)
            return false
        }
        if !prepared.occupancy.isFree(c, week.start, week.end) {
            diagnostics.reject(.clinicianBusy, c)
            return false
        }
        return true
    }

    func interpretersFor(_ week: Week, preferring previous: [Int]?, diagnostics: inout Diagnostics) -> [Int]? {
        let t = request.time.minutes, weekday = request.weekday.index
        var chosen: [Int] = []
        for (g, group) in interpreterGroups.enumerated() {
            let order = (previous.map { [$0[g]] } ?? []) + group
            guard
                let i = order.first(where: {
                    prepared.interpreterFree(
                        $0, weekday: weekday, t: t, end: t + request.durationMinutes,
                        s: week.start, e: week.end)
                })
            else {
                diagnostics.reject(.interpreterUnavailable, group.first.map { prepared.interpreterBase + $0 } ?? -1)
                return nil
            }
            chosen.append(i)
        }
        return chosen
    }

    /// Walks the usable weeks with fixed resources (or free choice when `fixed` is nil), keeping
    /// the gap between sessions within the limit.
    func walk(
        _ weeks: [Week], fixed: (clinicians: [Int], room: Int)?, diagnostics: inout Diagnostics
    )
        -> (choices: [Choice], failedAfter: Int?)
    {
        var choices: [Choice] = []
        var lastDay: Int?
        var previous: Choice?
        for week in weeks {
            if choices.count == request.sessionCount { break }
            if let lastDay, week.day - lastDay > request.maxDaysBetween {
                diagnostics.reject(.spacing)
                return (choices, lastDay)
            }
            var candidates: [(clinicians: [Int], room: Int)] = []
            if let fixed {
                candidates = [fixed]
            } else {
                if let previous { candidates.append((previous.clinicians, previous.room)) }
                for combo in combos { for room in rooms { candidates.append((combo, room)) } }
            }
            for candidate in candidates {
                guard candidate.clinicians.allSatisfy({ clinicianFree($0, week, diagnostics: &diagnostics) }) else {
                    continue
                }
                guard !prepared.isAbsent(prepared.roomBase + candidate.room, week.start, week.end),
                    prepared.occupancy.isFree(prepared.roomBase + candidate.room, week.start, week.end)
                else {
                    diagnostics.reject(.roomBusy, prepared.roomBase + candidate.room)
                    continue
                }
                guard
                    let interpreters = interpretersFor(
                        week, preferring: previous?.interpreters, diagnostics: &diagnostics)
                else { continue }
                let choice = Choice(
                    week: week, clinicians: candidate.clinicians, room: candidate.room,
                    interpreters: interpreters)
                choices.append(choice)
                previous = choice
                lastDay = week.day
                break
            }
        }
        return (choices, choices.count == request.sessionCount ? nil : lastDay)
    }
}

extension PreparedProblem {
    func bookCohort(_ request: CohortRequest) -> Result<CohortProposal, Explanation> {
        var copy = self
        var members: [Int] = []
        for code in request.patients where !members.contains(copy.patientIndex[code] ?? -1) {
            members.append(copy.patientIndex[code] ?? copy.addPatient(code))
        }
        return copy.planCohort(request, members: members)
    }

    private func planCohort(_ request: CohortRequest, members: [Int]) -> Result<CohortProposal, Explanation> {
        let firstPatient = request.patients.first ?? PatientCode("")
        func failure(
            _ binding: [Constraint], _ resources: [ResourceRef], occurrence: Int = 1,
            patient: PatientCode? = nil, rejections: [RejectionCount] = [], earliest: LocalDate? = nil
        )
            -> Result<CohortProposal, Explanation>
        {
            .failure(
                Explanation(
                    patient: patient ?? firstPatient, track: request.track, step: request.step, occurrence: occurrence,
                    binding: binding, resources: resources, rejections: rejections, earliestWorkable: earliest,
                    horizonEnd: LocalDate(daysSinceEpoch: horizonEnd), searchedFrom: request.start,
                    searchedTo: LocalDate(daysSinceEpoch: horizonEnd), cohort: request.id))
        }
        guard (request.minSize...max(request.minSize, request.maxSize)).contains(members.count) else {
            return failure([.cohortSize], members.map { resourceRef(patientBase + $0) })
        }
        for p in members {
            if let other = patients[p].keepApart.first(where: { members.contains($0) }) {
                return failure(
                    [.keepApart], [.patient(patients[p].needs.code), .patient(patients[other].needs.code)],
                    patient: patients[p].needs.code)
            }
        }
        let qualified = clinicians.indices.filter {
            clinicians[$0].qualifies(roles: request.roles, skills: request.skills, languages: request.languages)
        }
        guard qualified.count >= request.facilitators, request.facilitators >= 1 else {
            return failure([.noQualifiedClinician], qualified.map { .clinician(clinicians[$0].id) })
        }
        var languages: [LanguageCode] = []
        for p in members where patients[p].needs.needsInterpreter && !languages.contains(patients[p].needs.language) {
            languages.append(patients[p].needs.language)
        }
        var interpreterGroups: [[Int]] = []
        for language in languages {
            let speakers = interpreters.indices.filter { interpreters[$0].languages.contains(language) }
            guard !speakers.isEmpty else {
                let patient = members.first { patients[$0].needs.language == language }.map { patients[$0].needs.code }
                return failure([.noInterpreterForLanguage], patient.map { [.patient($0)] } ?? [], patient: patient)
            }
            interpreterGroups.append(speakers)
        }
        var features = Set(request.roomFeatures)
        if members.contains(where: { patients[$0].needs.needsAccessibleRoom }) { features.insert(.accessible) }
        let need = members.count + request.facilitators + languages.count
        let suitable = rooms.indices.filter { rooms[$0].capacity >= need && features.isSubset(of: rooms[$0].features) }
            .sorted { (rooms[$0].capacity, $0) < (rooms[$1].capacity, $1) }
        guard !suitable.isEmpty else { return failure([.noSuitableRoom], []) }

        let week0 = Self.week(max(request.start.daysSinceEpoch, today))
        let combos = Self.combinations(qualified, request.facilitators)
            .map { combo in (combo, combo.reduce(0) { $0 + loadPercent($1, week: week0, .empty) }) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.lexicographicallyPrecedes($1.0) }
            .map(\.0)
        let planner = CohortPlanner(
            prepared: self, request: request, patients: members, combos: combos,
            rooms: suitable, interpreterGroups: interpreterGroups)
        var diagnostics = Diagnostics(recordResources: true)
        let weeks = planner.weeks(diagnostics: &diagnostics)

        var best: [CohortPlanner.Choice]?
        var scratch = Diagnostics()
        for combo in combos {
            for room in suitable {
                let run = planner.walk(weeks, fixed: (combo, room), diagnostics: &scratch)
                guard run.failedAfter == nil, run.choices.count == request.sessionCount else { continue }
                if best.map({ run.choices.last?.week.day ?? 0 < $0.last?.week.day ?? 0 }) ?? true { best = run.choices }
            }
        }
        var lastFailure: Int?
        if best == nil {
            let run = planner.walk(weeks, fixed: nil, diagnostics: &diagnostics)
            if run.failedAfter == nil, run.choices.count == request.sessionCount {
                best = run.choices
            } else {
                lastFailure = run.choices.count
            }
        }
        guard let choices = best else {
            let placedCount = lastFailure ?? 0
            let ranked = Constraint.allCases.filter { diagnostics.counts[$0.ordinal] > 0 }
                .sorted { diagnostics.counts[$0.ordinal] > diagnostics.counts[$1.ordinal] }
            var binding = Array(ranked.prefix(2))
            if binding.isEmpty { binding = [.horizon] }
            var involved: [ResourceRef] = []
            for c in binding { for r in diagnostics.resources[c.ordinal] { involved.append(resourceRef(r)) } }
            let rejections = ranked.map { RejectionCount(constraint: $0, count: diagnostics.counts[$0.ordinal]) }
            return failure(binding, involved, occurrence: placedCount + 1, rejections: rejections)
        }

        let used = Set(choices.map(\.week.day))
        let firstDay = choices.first?.week.day ?? 0
        let lastDay = choices.last?.week.day ?? 0
        var skipped: [LocalDate] = []
        var day = firstDay
        while day <= lastDay {
            if !used.contains(day) { skipped.append(LocalDate(daysSinceEpoch: day)) }
            day += 7
        }
        var rows: [ProposedSession] = []
        for (k, choice) in choices.enumerated() {
            for p in members {
                let code = patients[p].needs.code
                let language = patients[p].needs.language
                let interpreter =
                    patients[p].needs.needsInterpreter
                    ? languages.firstIndex(of: language).map { interpreters[choice.interpreters[$0]].id } : nil
                rows.append(
                    ProposedSession(
                        patient: code, track: request.track, step: request.step, occurrence: k + 1,
                        start: Self.date(choice.week.start), end: Self.date(choice.week.end),
                        clinicians: choice.clinicians.map { clinicians[$0].id }, room: rooms[choice.room].id,
                        interpreter: interpreter, cohort: request.id))
            }
        }
        return .success(
            CohortProposal(
                cohort: request.id, track: request.track, dates: choices.map { LocalDate(daysSinceEpoch: $0.week.day) },
                skippedDays: skipped, sessions: rows))
    }

    static func combinations(_ items: [Int], _ k: Int) -> [[Int]] {
        guard k > 0 else { return [[]] }
        guard items.count >= k else { return [] }
        var result: [[Int]] = []
        for (i, first) in items.enumerated() {
            for rest in combinations(Array(items[(i + 1)...]), k - 1) { result.append([first] + rest) }
        }
        return result
    }
}

extension SessionQuery {
    /// A query with nothing tentative, for load figures outside a series.
    static let empty = SessionQuery(
        spec: SessionSpec(step: "", kind: .therapy, durationMinutes: 0), patient: 0, pool: [], continuityClinician: nil,
        rooms: [], needsInterpreter: false, interpreters: [], lo: 0, hi: 0, deadline: nil, waitingFrom: nil,
        idealDay: nil, idealTime: nil, prevRoom: nil, prevInterpreter: nil, preferredDays: [], preferredWindows: [],
        takenDays: [], tentativeLoad: [])
}
