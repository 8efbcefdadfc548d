import CareModel

/// One session to place, with every choice the series has already fixed resolved to indexes.
struct SessionQuery {
    var spec: SessionSpec
    var patient: Int
    /// Clinicians allowed, in input order (qualified, continuity, fixed clinician, exclusions).
    var pool: [Int]
    /// Set when continuity forced the pool to one clinician, so an explanation can say so.
    var continuityClinician: Int?
    var rooms: [Int]
    var needsInterpreter: Bool
    var interpreters: [Int]
    /// Per clinician, whether they speak the patient's language (empty when no interpreter is
    /// needed): such a clinician sees the patient without an interpreter.
    var speaksLanguage: [Bool] = []
    /// Local days (since 1970-01-01), inclusive.
    var lo: Int
    var hi: Int
    var deadline: Int?
    /// The referral day, when this is the first session of the pathway (waiting time counts).
    var waitingFrom: Int?
    /// Previous session + the regular gap, and its local start time.
    var idealDay: Int?
    var idealTime: Int?
    var prevRoom: Int?
    var prevInterpreter: Int?
    var preferredDays: [Bool]
    var preferredWindows: [Span]
    /// Days of this series already holding a session, and their clinicians' minutes per week.
    var takenDays: [Int]
    var tentativeLoad: [(clinician: Int, week: Int, minutes: Int)]
    /// Take the earliest day that works, not the regular one: a series compressed to its minimum
    /// spacing so that sessions the horizon can hold still fit in it (`Scheduler.book`).
    var tight = false
    /// Sessions after this one that keep its clinician at a weekly rhythm (the therapy a first
    /// therapy starts). Set only by ``SeriesPlanner/carrying``: each candidate then also pays a
    /// regularity miss per week in which its clinician, or every suitable room, is already taken
    /// at the same weekday and hour (``PreparedProblem/blockedWeeks(_:clinician:day:t:duration:)``).
    var carryWeeks = 0
}

/// A placed (or candidate) session, in indexes and minutes.
struct Candidate {
    var day: Int
    var localStart: Int
    var start: Int
    var end: Int
    var clinician: Int
    var second: Int
    var room: Int
    var interpreter: Int
    var late: Bool
    var score: Int
    var loadPercent: Int
    var preferenceMiss: Bool
    var regular: Bool
    var tiebreak: UInt64

    var clinicians: [Int] { second >= 0 ? [clinician, second] : [clinician] }

    func isBetter(than other: Candidate?) -> Bool {
        guard let other else { return true }
        if score != other.score { return score < other.score }
        if start != other.start { return start < other.start }
        return tiebreak < other.tiebreak
    }
}

/// Per grid time of one day, the room the first check there chose (the first of the query's rooms
/// free for the whole session) or, when none was, the first minute one may be free again. Every
/// clinician of the pool asks the same question at the same time and the answer does not depend
/// on who asks: on a centre whose rooms are full (L) this spares most room checks. Only on a day
/// whose local times all map to UTC alike, so the grid time names the session's minutes.
struct RoomMemo {
    let answers: UnsafeMutableBufferPointer<Int>
    let slot: Int
    /// Not asked yet; -1 is "no room and none frees up", -2 - m "no room before minute m".
    static let unknown = Int.min

    @inline(__always) func answer(at t: Int) -> Int { answers[t / slot] }
    @inline(__always) func record(_ answer: Int, at t: Int) { answers[t / slot] = answer }
}

/// Counts why candidates were turned down; names the resources only when explaining.
struct Diagnostics {
    var recordResources: Bool
    var counts = Array(repeating: 0, count: Constraint.allCases.count)
    var resources = Array(repeating: [Int](), count: Constraint.allCases.count)

    init(recordResources: Bool = false) { self.recordResources = recordResources }

    @inline(__always) mutating func reject(_ constraint: Constraint, _ resource: Int = -1) {
        let i = constraint.ordinal
        counts[i] &+= 1
        if recordResources, resource >= 0, resources[i].count < 8, !resources[i].contains(resource) {
            resources[i].append(resource)
        }
    }
}

extension Constraint {
    /// Position in `allCases`, without hashing: rejections are counted in the innermost loop.
    var ordinal: Int {
        switch self {
        case .clinicianHours: 0
        case .clinicianAbsent: 1
        case .clinicianBusy: 2
        case .noQualifiedClinician: 3
        case .continuity: 4
        case .roomBusy: 5
        case .noSuitableRoom: 6
        case .interpreterUnavailable: 7
        case .noInterpreterForLanguage: 8
        case .patientBusy: 9
        case .onePerDay: 10
        case .keepApart: 11
        case .closedDay: 12
        case .spacing: 13
        case .deadline: 14
        case .horizon: 15
        case .dstGap: 16
        case .cohortSize: 17
        case .patientUnavailable: 18
        case .clinicianCap: 19
        }
    }
}

extension PreparedProblem {
    /// The best candidate for `query`, deadline first and late only when the deadline cannot be met.
    func findBest(_ query: SessionQuery, from fromDay: Int? = nil, diagnostics: inout Diagnostics) -> Candidate? {
        let lo = max(query.lo, fromDay ?? query.lo)
        if let deadline = query.deadline, deadline < query.hi {
            if lo <= deadline, let onTime = scan(query, lo: lo, hi: deadline, late: false, diagnostics: &diagnostics) {
                return onTime
            }
            return scan(query, lo: max(lo, deadline + 1), hi: query.hi, late: true, diagnostics: &diagnostics)
        }
        return scan(query, lo: lo, hi: query.hi, late: false, diagnostics: &diagnostics)
    }

    /// Scans days `lo...hi`: the regular day first, then in order, stopping as soon as later days
    /// cannot do better (waiting time dominates a first session; otherwise a day that suits the
    /// patient's preferences ends the search).
    func scan(_ query: SessionQuery, lo: Int, hi: Int, late: Bool, diagnostics: inout Diagnostics) -> Candidate? {
        guard lo <= hi else { return nil }
        var best: Candidate?
        if query.tight {
            for day in lo...hi {
                scanDay(day, query, late: late, best: &best, diagnostics: &diagnostics)
                if best != nil { break }
            }
            return best
        }
        if let ideal = query.idealDay, ideal >= lo, ideal <= hi {
            scanDay(ideal, query, late: late, best: &best, diagnostics: &diagnostics)
            if let b = best, b.regular, !b.preferenceMiss { return b }
        }
        for day in lo...hi where day != query.idealDay {
            scanDay(day, query, late: late, best: &best, diagnostics: &diagnostics)
            if let b = best {
                if query.waitingFrom != nil || !b.preferenceMiss { break }
            }
        }
        return best
    }

    /// Tries every clinician of the pool at every grid time of their hours on `day`.
    func scanDay(_ day: Int, _ query: SessionQuery, late: Bool, best: inout Candidate?, diagnostics: inout Diagnostics)
    {
        let d = day - today
        guard d >= 0, d < dayCount else {
            diagnostics.reject(.horizon)
            return
        }
        if dayClosed[d] {
            diagnostics.reject(.closedDay)
            return
        }
        if patientDays[query.patient * dayCount + d] > 0 || query.takenDays.contains(day) {
            diagnostics.reject(.onePerDay, patientBase + query.patient)
            return
        }
        let weekday = LocalDate(daysSinceEpoch: day).weekday.index
        let uniform = dayOffset[d] != nil
        var score0 = late ? weights.lateSession : 0
        if let from = query.waitingFrom { score0 += max(0, day - from) * weights.waitingDay }

        withUnsafeTemporaryAllocation(of: Int.self, capacity: 1440 / slot + 1) { buffer in
            buffer.initialize(repeating: RoomMemo.unknown)
            scanClinicians(
                day, d: d, query, late: late, weekday: weekday, uniform: uniform, score0: score0,
                rooms: RoomMemo(answers: buffer, slot: slot), best: &best, diagnostics: &diagnostics)
        }
    }

    /// ``scanDay(_:_:late:best:diagnostics:)`` past the checks that hold for the whole day.
    @inline(__always)
    private func scanClinicians(
        _ day: Int, d: Int, _ query: SessionQuery, late: Bool, weekday: Int, uniform: Bool, score0: Int,
        rooms: RoomMemo, best: inout Candidate?, diagnostics: inout Diagnostics
    ) {
        let duration = query.spec.durationMinutes
        // Shortcuts that skip times known to fail: not when explaining, whose counts of rejected
        // candidates must stay whole, nor on a clock-change day.
        let fast = uniform && !diagnostics.recordResources
        let week = Self.week(day)
        let dayPreferred = query.preferredDays[weekday]
        for c in query.pool {
            let ranges = clinicians[c].hours.days[weekday]
            if ranges.isEmpty {
                diagnostics.reject(.clinicianHours, c)
                continue
            }
            // Booked solid: the walk through the clinician's hours would find no free start.
            if fast, clinicianBookedSolid(c, d: d, duration: duration) {
                diagnostics.reject(.clinicianBusy, c)
                continue
            }
            if overCap(c, day: day, minutes: duration, tentative: query.tentativeLoad) {
                diagnostics.reject(.clinicianCap, c)
                continue
            }
            let load = loadPercent(c, week: week, query)
            // Known before any check: with this clinician the session needs an interpreter or not.
            let interpreterCost = query.interpreterNeeded(with: c) ? weights.interpretedSession : 0
            for range in ranges {
                var t = (range.start + slot - 1) / slot * slot
                while t + duration <= range.end {
                    defer { t += slot }
                    guard let s = utcMinute(day: day, time: t) else {
                        diagnostics.reject(.dstGap, c)
                        continue
                    }
                    let e = s + duration
                    if !uniform {
                        let local = localMinutes(e)
                        if local.day != day || local.time != t + duration
                            || !(range.start...range.end).contains(local.time)
                        {
                            diagnostics.reject(.clinicianHours, c)
                            continue
                        }
                    }
                    let regular = day == query.idealDay && (query.idealTime == nil || query.idealTime == t)
                    let preferenceMiss = !dayPreferred || !inWindows(t, duration, query.preferredWindows)
                    var lowerBound = score0 + load * weights.loadPercent + interpreterCost
                    if query.idealDay != nil, !regular { lowerBound += weights.regularityMiss }
                    if preferenceMiss { lowerBound += weights.preferenceMiss }
                    // The seeded draw only decides between equal scores at the same start.
                    if let b = best,
                        lowerBound > b.score
                            || (lowerBound == b.score
                                && (s > b.start
                                    || (s == b.start
                                        && Self.mix(problem.seed, UInt64(c), UInt64(bitPattern: Int64(s)))
                                            >= b.tiebreak)))
                    {
                        continue
                    }
                    // Every start before the end of what blocks the clinician here overlaps it
                    // too: jump past it instead of checking each grid time in turn.
                    if fast, let until = clinicianBlockedUntil(c, s, e) {
                        diagnostics.reject(.clinicianBusy, c)
                        t += ((until - s + slot - 1) / slot - 1) * slot
                        continue
                    }
                    var skipTo = 0
                    guard
                        var candidate = check(
                            query, day: day, weekday: weekday, t: t, s: s, e: e, clinician: c,
                            diagnostics: &diagnostics, skipTo: &skipTo,
                            rooms: fast ? rooms : nil, clinicianFree: fast)
                    else {
                        // Every suitable room is taken until `skipTo` at the earliest: same jump.
                        if fast, skipTo > s {
                            t += ((skipTo - s + slot - 1) / slot - 1) * slot
                        }
                        continue
                    }
                    candidate.late = late
                    candidate.loadPercent = load
                    candidate.regular = regular
                    candidate.preferenceMiss = preferenceMiss
                    candidate.tiebreak = Self.mix(problem.seed, UInt64(c), UInt64(bitPattern: Int64(s)))
                    candidate.score = lowerBound
                    if let prev = query.prevRoom, prev != candidate.room { candidate.score += weights.roomChange }
                    if query.carryWeeks > 0, uniform {
                        candidate.score +=
                            weights.regularityMiss
                            * blockedWeeks(query, clinician: c, day: day, t: t, duration: duration)
                    }
                    if candidate.isBetter(than: best) { best = candidate }
                }
            }
        }
    }

    /// The hard checks for one clinician at one time; picks the room and interpreter. When every
    /// suitable room is taken, `skipTo` is the first minute one of them may be free again (no
    /// start before it can find a room), so the caller can jump there.
    @inline(__always)
    func check(
        _ query: SessionQuery, day: Int, weekday: Int, t: Int, s: Int, e: Int, clinician c: Int,
        diagnostics: inout Diagnostics, skipTo: inout Int, rooms memo: RoomMemo? = nil, clinicianFree: Bool = false
    ) -> Candidate? {
        // `clinicianFree`: the day's scan has just asked (``clinicianBlockedUntil``).
        if !clinicianFree {
            if isAbsent(c, s, e) {
                diagnostics.reject(.clinicianAbsent, c)
                return nil
            }
            if !occupancy.isFree(c, s, e) {
                diagnostics.reject(.clinicianBusy, c)
                return nil
            }
        }
        let p = patientBase + query.patient
        if !occupancy.isFree(p, s, e) {
            diagnostics.reject(.patientBusy, p)
            return nil
        }
        if isAbsent(p, s, e) {
            diagnostics.reject(.patientUnavailable, p)
            return nil
        }
        for other in patients[query.patient].keepApart where !occupancy.isFree(patientBase + other, s, e, pad: 30) {
            diagnostics.reject(.keepApart, patientBase + other)
            return nil
        }
        var second = -1
        if query.spec.facilitators > 1 {
            for other in query.pool
            where other != c && clinicians[other].hours.covers(weekday, t, t + query.spec.durationMinutes)
                && !isAbsent(other, s, e) && occupancy.isFree(other, s, e)
                && !overCap(other, day: day, minutes: query.spec.durationMinutes, tentative: query.tentativeLoad)
            {
                second = other
                break
            }
            if second < 0 {
                diagnostics.reject(.clinicianBusy, c)
                return nil
            }
        }
        var room = -1
        if let prev = query.prevRoom, query.rooms.contains(prev), roomFree(prev, s, e) { room = prev }
        if room < 0 {
            let answer = memo?.answer(at: t) ?? RoomMemo.unknown
            if answer != RoomMemo.unknown {
                room = answer >= 0 ? answer : -1
                if answer < -1 { skipTo = -answer - 2 }
            } else {
                var soonest = Int.max
                for r in query.rooms {
                    guard let until = roomBlockedUntil(r, s, e) else {
                        room = r
                        break
                    }
                    soonest = min(soonest, until)
                }
                if room < 0, soonest != Int.max { skipTo = soonest }
                memo?.record(room >= 0 ? room : (soonest == Int.max ? -1 : -soonest - 2), at: t)
            }
            if room < 0 {
                diagnostics.reject(.roomBusy, query.rooms.first.map { roomBase + $0 } ?? -1)
                return nil
            }
        }
        var interpreter = -1
        if query.interpreterNeeded(with: c) {
            let end = t + query.spec.durationMinutes
            if let prev = query.prevInterpreter, query.interpreters.contains(prev),
                interpreterFree(prev, weekday: weekday, t: t, end: end, s: s, e: e)
            {
                interpreter = prev
            }
            if interpreter < 0 {
                for i in query.interpreters where interpreterFree(i, weekday: weekday, t: t, end: end, s: s, e: e) {
                    interpreter = i
                    break
                }
            }
            if interpreter < 0 {
                diagnostics.reject(.interpreterUnavailable, query.interpreters.first.map { interpreterBase + $0 } ?? -1)
                return nil
            }
        }
        return Candidate(
            day: day, localStart: t, start: s, end: e, clinician: c, second: second, room: room,
            interpreter: interpreter, late: false, score: 0, loadPercent: 0, preferenceMiss: false,
            regular: false, tiebreak: 0)
    }

    @inline(__always) func isAbsent(_ resource: Int, _ s: Int, _ e: Int) -> Bool {
        for span in absences[resource] where span.start < e && s < span.end { return true }
        return false
    }

    /// When clinician `c` cannot take `[s, e)`: the end of an absence or booked span overlapping
    /// it (no start before that minute can avoid it); nil when the clinician is free.
    @inline(__always) func clinicianBlockedUntil(_ c: Int, _ s: Int, _ e: Int) -> Int? {
        for span in absences[c] where span.start < e && s < span.end { return span.end }
        return occupancy.blockedUntil(c, s, e)
    }

    /// Of the ``SessionQuery/carryWeeks`` weeks after `day`, those in which clinician `c` could not
    /// see the patient again at local time `t` on the same weekday: closed, past the horizon, on a
    /// clock-change day, absent, busy, over a cap, or every suitable room taken. A cheap look at
    /// the weekly rhythm the therapist would have to keep, not a booking: the series is still
    /// planned session by session, every hard constraint checked.
    func blockedWeeks(_ query: SessionQuery, clinician c: Int, day: Int, t: Int, duration: Int) -> Int {
        var blocked = 0
        for week in 1...query.carryWeeks {
            let next = day + 7 * week
            let d = next - today
            guard d < dayCount, !dayClosed[d], let offset = dayOffset[d] else {
                blocked += 1
                continue
            }
            let s = next * 1440 + t - offset, e = s + duration
            if clinicianBlockedUntil(c, s, e) != nil || overCap(c, day: next, minutes: duration)
                || !query.rooms.contains(where: { roomBlockedUntil($0, s, e) == nil })
            {
                blocked += 1
            }
        }
        return blocked
    }

    /// When room `r` cannot take `[s, e)`: the end of what blocks it (an absence or a booking).
    @inline(__always) func roomBlockedUntil(_ r: Int, _ s: Int, _ e: Int) -> Int? {
        for span in absences[roomBase + r] where span.start < e && s < span.end { return span.end }
        return occupancy.blockedUntil(roomBase + r, s, e)
    }

    @inline(__always) func roomFree(_ r: Int, _ s: Int, _ e: Int) -> Bool {
        !isAbsent(roomBase + r, s, e) && occupancy.isFree(roomBase + r, s, e)
    }

    @inline(__always) func interpreterFree(_ i: Int, weekday: Int, t: Int, end: Int, s: Int, e: Int) -> Bool {
        interpreters[i].hours.covers(weekday, t, end) && !isAbsent(interpreterBase + i, s, e)
            && occupancy.isFree(interpreterBase + i, s, e)
    }

    @inline(__always) func inWindows(_ t: Int, _ duration: Int, _ windows: [Span]) -> Bool {
        if windows.isEmpty { return true }
        for w in windows where w.start <= t && t + duration <= w.end { return true }
        return false
    }

    /// The clinician's booked minutes that week as a percentage of their weekly hours.
    func loadPercent(_ c: Int, week: Int, _ query: SessionQuery) -> Int {
        let w = week - baseWeek
        var minutes = (0..<weekCount).contains(w) ? weekLoad[c * weekCount + w] : 0
        for entry in query.tentativeLoad where entry.clinician == c && entry.week == week { minutes += entry.minutes }
        let weekly = clinicians[c].weeklyMinutes
        return weekly > 0 ? min(minutes * 100 / weekly, 100) : 100
    }

    /// A reproducible tie-break from the problem's seed (SplitMix64 finaliser).
    @inline(__always) static func mix(_ seed: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = seed &+ a &* 0x9E37_79B9_7F4A_7C15 &+ b &* 0xD6E8_FEB8_6659_FD93
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
