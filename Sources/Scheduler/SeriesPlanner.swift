import CareModel

/// Where a series attempt got stuck: the session, its query and the sessions placed before it.
struct SeriesFailure {
    var index: Int
    var query: SessionQuery
}

/// Books the sessions of one request in order, with a small bounded backtrack.
///
/// Sessions whose window opens after the horizon are left out of the proposal (it is then shorter
/// than the request); they are booked later, when the horizon reaches them.
///
/// Greedy and chronological: each session takes its best candidate. When a session finds nothing
/// in its spacing window, the previous one is retried on a later day (or, when it fixed the
/// clinician for the sessions after it, with another clinician), at most `alternatives` times per
/// level and `budget` searches in all, so a hopeless request costs little.
struct SeriesPlanner {
    let prepared: PreparedProblem
    let request: SeriesRequest
    let patient: Int
    let shape: SeriesShape
    var qualified: [[Int]] { shape.qualified }
    var fixed: Int? { shape.fixed }
    var fixedQualifiesSomewhere: Bool { shape.fixedQualifiesSomewhere }
    var rooms: [[Int]] { shape.rooms }
    var interpreters: [Int] { shape.interpreters }
    var needsInterpreter: Bool { shape.needsInterpreter }
    var speaksLanguage: [Bool] { shape.speaksLanguage }
    var preferredDays: [Bool] { shape.preferredDays }
    var preferredWindows: [Span] { shape.preferredWindows }
    static let alternatives = 3
    static let budget = 40
    /// Every session after the first on its earliest workable day (``SessionQuery/tight``).
    let tight: Bool
    /// First workable days already found (``WorkableDays``): this planner's searches, and those
    /// of the other planners of the same booking when the caller shares one.
    let workable: WorkableDays
    /// The session that picks the therapist also weighs whether the therapist's week stays free
    /// at that hour for the rest of the chain (``SessionQuery/carryWeeks``). The improvement
    /// phase's put-backs on large batches only: the greedy pass stays what `--time-limit 0` gives.
    var carrying = false

    /// `shape` is what the request and patient fix once (``SeriesShape``); a caller booking the
    /// same request again and again (the improvement phase) passes it in rather than rebuild it.
    init(
        _ prepared: PreparedProblem, _ request: SeriesRequest, patient: Int, tight: Bool = false,
        shape: SeriesShape? = nil, workable: WorkableDays = WorkableDays()
    ) {
        self.workable = workable
        self.prepared = prepared
        self.tight = tight
        self.request = request
        self.patient = patient
        self.shape = shape ?? SeriesShape(prepared, request, patient: patient)
    }

    /// The clinician already fixed for `step` by this series or by the pathway so far.
    func clinician(for step: StepID, placed: [Candidate]) -> (index: Int?, known: Bool) {
        if let i = request.sessions.indices.first(where: { $0 < placed.count && request.sessions[$0].step == step }) {
            return (placed[i].clinician, true)
        }
        if let id = request.previous?.clinician(for: step) { return (prepared.clinicianIndex[id], true) }
        return (nil, false)
    }

    /// Whether placing session `k` fixes the clinician of later sessions (it starts a continuity chain).
    func isAnchor(_ k: Int, placed: [Candidate]) -> Bool {
        let step = request.sessions[k].step
        guard !clinician(for: step, placed: placed).known else { return false }
        return request.sessions[(k + 1)...].contains { $0.continuity == step }
    }

    func query(_ k: Int, placed: [Candidate], excluded: Set<Int>) -> SessionQuery {
        let spec = request.sessions[k]
        var pool = qualified[k]
        var continuityClinician: Int?
        if let fixed, fixedQualifiesSomewhere {
            if pool.contains(fixed) { pool = [fixed] }
        } else if fixed != nil || request.fixedClinician != nil {
            pool = []
        }
        if let step = spec.continuity {
            let owner = clinician(for: step, placed: placed)
            if owner.known {
                continuityClinician = owner.index ?? -1
                pool = owner.index.map { qualified[k].contains($0) ? [$0] : [] } ?? []
            }
        }
        if continuityClinician == nil, !excluded.isEmpty { pool.removeAll { excluded.contains($0) } }

        let previous = request.previous
        let prevDay = placed.last?.day ?? previous?.date.daysSinceEpoch
        var lo = max(prepared.today, request.earliest.daysSinceEpoch)
        var hi = prepared.horizonEnd
        var idealDay: Int?
        var idealTime: Int?
        if let prevDay {
            let minDays = spec.minDaysAfterPrevious ?? 1
            lo = max(lo, prevDay + max(minDays, 1))
            if let maxDays = spec.maxDaysAfterPrevious { hi = min(hi, prevDay + maxDays) }
            idealDay = prevDay + min(max(7, minDays), spec.maxDaysAfterPrevious ?? Int.max)
            idealTime = placed.last?.localStart ?? previous?.time?.minutes
        }
        let week = { (c: Candidate) in PreparedProblem.week(c.day) }
        var load: [(clinician: Int, week: Int, minutes: Int)] = []
        for c in placed {
            for clinician in c.clinicians { load.append((clinician, week(c), c.end - c.start)) }
        }
        return SessionQuery(
            spec: spec, patient: patient, pool: pool, continuityClinician: continuityClinician, rooms: rooms[k],
            needsInterpreter: needsInterpreter, interpreters: interpreters, speaksLanguage: speaksLanguage, lo: lo,
            hi: hi,
            deadline: spec.deadline?.daysSinceEpoch,
            waitingFrom: placed.isEmpty && previous == nil ? request.referralDate.daysSinceEpoch : nil,
            idealDay: idealDay, idealTime: idealTime,
            prevRoom: placed.last?.room ?? previous?.room.flatMap { prepared.roomIndex[$0] },
            prevInterpreter: placed.last.flatMap { $0.interpreter >= 0 ? $0.interpreter : nil },
            preferredDays: preferredDays, preferredWindows: preferredWindows, takenDays: placed.map(\.day),
            tentativeLoad: load, tight: tight && prevDay != nil)
    }

    /// Places every session, or reports the deepest failure.
    enum Outcome {
        case placed([Candidate])
        case failed(SeriesFailure)
    }

    func plan() -> Outcome {
        var deepest: SeriesFailure?
        var banned = Set<Int>()
        // Outer retries: a continuity anchor whose clinician cannot carry the series is swapped.
        for _ in 0..<Self.alternatives {
            var placed: [Candidate] = []
            var budget = Self.budget
            var anchorOfFailure: Int?
            var hint: Int?
            if place(
                0, &placed, &budget, banned: banned, deepest: &deepest, anchorOfFailure: &anchorOfFailure,
                hint: &hint)
            {
                return .placed(placed)
            }
            guard let anchor = anchorOfFailure, !banned.contains(anchor) else { break }
            banned.insert(anchor)
        }
        guard let deepest else { return .placed([]) }
        return .failed(deepest)
    }

    /// Places every session after a first one chosen by the caller (``PreparedProblem/bookLookahead``
    /// tries several intakes), without backtracking into it; nil when the series cannot follow.
    /// `banned` clinicians may not start a continuity chain (``therapists`` less one forces it).
    func plan(after first: Candidate, banned: Set<Int> = []) -> [Candidate]? {
        var placed = [first]
        var budget = Self.budget
        var deepest: SeriesFailure?
        var anchorOfFailure: Int?
        var hint: Int?
        guard
            place(
                1, &placed, &budget, banned: banned, deepest: &deepest, anchorOfFailure: &anchorOfFailure,
                hint: &hint)
        else { return nil }
        return placed
    }

    /// Whether the session after `first` can take its regular slot (a week later, same hour),
    /// with the clinicians `banned` from starting a chain set aside as ``plan(after:banned:)`` does.
    func regularNext(after first: Candidate, banned: Set<Int>) -> Bool {
        guard request.sessions.count > 1 else { return false }
        let placed = [first]
        let q = query(1, placed: placed, excluded: isAnchor(1, placed: placed) ? banned : [])
        guard let ideal = q.idealDay, q.lo <= ideal, ideal <= q.hi else { return false }
        var best: Candidate?
        var scratch = Diagnostics()
        prepared.scanDay(ideal, q, late: false, best: &best, diagnostics: &scratch)
        return best?.regular ?? false
    }

    /// How many sessions after `k` keep its clinician at a weekly rhythm: continuity to its step
    /// and a spacing window that holds a week.
    func chainLength(after k: Int) -> Int {
        let step = request.sessions[k].step
        var n = 0
        for spec in request.sessions[(k + 1)...] {
            guard spec.continuity == step, (spec.minDaysAfterPrevious ?? 1) <= 7,
                (spec.maxDaysAfterPrevious ?? 7) >= 7
            else { break }
            n += 1
        }
        return n
    }

    /// The clinicians who could start the first continuity chain after the first session (the
    /// therapist of a series), empty when there is none or the request fixes its clinician.
    var therapists: [Int] {
        guard fixed == nil, request.fixedClinician == nil, request.sessions.count > 1,
            let k = request.sessions.indices.dropFirst().first(where: { isAnchor($0, placed: []) })
        else { return [] }
        return qualified[k]
    }

    private func place(
        _ k: Int, _ placed: inout [Candidate], _ budget: inout Int, banned: Set<Int>,
        deepest: inout SeriesFailure?, anchorOfFailure: inout Int?, hint: inout Int?
    ) -> Bool {
        guard k < request.sessions.count else { return true }
        let anchor = isAnchor(k, placed: placed)
        var excluded = anchor ? banned : []
        var fromDay: Int?
        for _ in 0..<Self.alternatives {
            guard budget > 0 else { return false }
            budget -= 1
            var q = query(k, placed: placed, excluded: excluded)
            if carrying, anchor, !tight { q.carryWeeks = chainLength(after: k) }
            var diagnostics = Diagnostics()
            guard let candidate = prepared.findBest(q, from: fromDay, diagnostics: &diagnostics) else {
                // The pathway runs past the horizon (a follow-up three months after closing): book
                // what fits now and leave the rest to be booked when the horizon reaches it, rather
                // than refuse a patient whose care can start today.
                if k > 0, q.lo > prepared.horizonEnd { return true }
                if deepest.map({ k >= $0.index }) ?? true { deepest = SeriesFailure(index: k, query: q) }
                hint = firstWorkableDay(q, from: fromDay, budget: &budget)
                return false
            }
            placed.append(candidate)
            var childHint: Int?
            if place(
                k + 1, &placed, &budget, banned: banned, deepest: &deepest, anchorOfFailure: &anchorOfFailure,
                hint: &childHint)
            {
                return true
            }
            placed.removeLast()
            if anchor {
                if anchorOfFailure == nil { anchorOfFailure = candidate.clinician }
                excluded.insert(candidate.clinician)
                continue
            }
            // Jump: move this session late enough that the next one's spacing window reaches the
            // first day the next one could take. No such day before the horizon: moving is useless.
            guard k + 1 < request.sessions.count, let childDay = childHint else { return false }
            let reach = request.sessions[k + 1].maxDaysAfterPrevious ?? 0
            fromDay = max(candidate.day + 1, childDay - reach)
        }
        return false
    }

    /// The first day a session could take if the end of its spacing window and its deadline did
    /// not hold; the next level up uses it to jump rather than crawl.
    private func firstWorkableDay(_ q: SessionQuery, from fromDay: Int?, budget: inout Int) -> Int? {
        guard budget > 0, !q.pool.isEmpty, !q.rooms.isEmpty, !q.interpreterImpossible else {
            return nil
        }
        budget -= 1
        let lo = max(q.lo, fromDay ?? q.lo)
        let key = WorkableDays.Key(session: q.spec.occurrence, step: q.spec.step, pool: q.pool)
        let reusable = !prepared.hasCaps
        if reusable, case .known(let day) = workable.lookup(key, from: lo) { return day }
        var relaxed = q
        relaxed.hi = prepared.horizonEnd
        relaxed.deadline = nil
        relaxed.waitingFrom = q.lo
        relaxed.idealDay = nil
        var scratch = Diagnostics()
        let day = prepared.findBest(relaxed, from: fromDay, diagnostics: &scratch)?.day
        if reusable { workable.record(key, from: lo, day: day) }
        return day
    }
}

/// What a request and its patient fix whatever the agenda holds: who qualifies for each session,
/// which rooms suit it (smallest first), which interpreters speak the language, the preferences.
///
/// Building it sorts rooms and filters clinicians; the improvement phase books each request
/// hundreds of times, so it keeps one per request (``ImprovementSearch/shapes``). A later start or
/// a prefix of the same request shares it (the arrays are indexed by session position).
struct SeriesShape: Sendable {
    let qualified: [[Int]]
    let fixed: Int?
    let fixedQualifiesSomewhere: Bool
    let rooms: [[Int]]
    let interpreters: [Int]
    let needsInterpreter: Bool
    let speaksLanguage: [Bool]
    let preferredDays: [Bool]
    let preferredWindows: [Span]

    init(_ prepared: PreparedProblem, _ request: SeriesRequest, patient: Int) {
        let needs = prepared.patients[patient].needs
        let clinicians = prepared.clinicians, roomInfos = prepared.rooms
        needsInterpreter = needs.needsInterpreter
        speaksLanguage = needs.needsInterpreter ? clinicians.map { $0.languages.contains(needs.language) } : []
        let qualified = request.sessions.map { spec in
            clinicians.indices.filter {
                clinicians[$0].qualifies(roles: spec.roles, skills: spec.skills, languages: spec.languages)
            }
        }
        self.qualified = qualified
        let fixed = request.fixedClinician.flatMap { prepared.clinicianIndex[$0] }
        self.fixed = fixed
        fixedQualifiesSomewhere = fixed.map { f in qualified.contains { $0.contains(f) } } ?? false
        rooms = request.sessions.map { spec in
            var features = Set(spec.roomFeatures)
            if needs.needsAccessibleRoom { features.insert(.accessible) }
            let need = spec.facilitators + 1 + (needs.needsInterpreter ? 1 : 0)
            return roomInfos.indices
                .filter { roomInfos[$0].capacity >= need && features.isSubset(of: roomInfos[$0].features) }
                .sorted { (roomInfos[$0].capacity, $0) < (roomInfos[$1].capacity, $1) }
        }
        interpreters =
            needs.needsInterpreter
            ? prepared.interpreters.indices.filter { prepared.interpreters[$0].languages.contains(needs.language) } : []
        let prefs = request.preferences
        preferredDays = Weekday.allCases.map { prefs.weekdays.isEmpty || prefs.weekdays.contains($0) }
        preferredWindows = prefs.windows.map { Span(start: $0.start.minutes, end: $0.end.minutes) }
    }
}

/// The first workable days the planners of one booking have found, per session and clinician pool.
///
/// Backtracking asks the same session again and again from later days, and a booking plans the
/// same request several times (a later start, the sessions that fit, every session on its
/// earliest day); the agenda does not change meanwhile. The relaxed search behind the answer
/// depends on the session, its pool (continuity fixes it) and the day it starts from: the
/// patient's own earlier sessions all fall before that day, so they cannot change it. When a search from `lo` found `day` (or
/// nothing up to the horizon), no day in `[lo, day)` works, so a search from any `lo' >= lo` that
/// is still at most `day` finds the same. Clinician caps count the series' own tentative minutes,
/// so with caps the planner always searches.
final class WorkableDays {
    struct Key: Hashable {
        var session: Int
        var step: StepID
        var pool: [Int]
    }

    enum Lookup {
        /// No search so far answers for this day: search.
        case unknown
        /// The first workable day from `lo`, nil when none up to the horizon.
        case known(Int?)
    }

    private var found: [Key: (lo: Int, day: Int?)] = [:]
    /// Off, every question is searched (tests compare both).
    var enabled = true
    /// Questions answered from memory rather than searched.
    private(set) var answered = 0

    func lookup(_ key: Key, from lo: Int) -> Lookup {
        guard enabled, let known = found[key], known.lo <= lo else { return .unknown }
        guard let day = known.day else {
            answered += 1
            return .known(nil)
        }
        guard day >= lo else { return .unknown }
        answered += 1
        return .known(day)
    }

    func record(_ key: Key, from lo: Int, day: Int?) {
        if let known = found[key], known.lo <= lo, known.day.map({ $0 >= lo }) ?? true { return }
        found[key] = (lo, day)
    }
}
