import CareModel

/// The minutes a set of resources can hold sessions in, day by day: what the capacity relaxation
/// of the lower bound compares demand with.
///
/// Each worked range of a day counts its length minus any absence overlapping it, rounded down to
/// a multiple of the greatest common divisor of the sessions' durations (no session set fits the
/// rest); closed days count nothing; a clinician's cap of sessions a day allows at most that many
/// of the longest session, and a cap of minutes a week holds each week's sum. Every other booking
/// is ignored, so capacity is only ever overestimated.
struct ResourceMinutes {
    /// Resources numbered clinicians first, then interpreters (`clinicians.count + i`).
    let resources: [Int]
    let today: Int
    let horizonEnd: Int
    /// Per resource, per day from `today`, the minutes it can hold.
    let perDay: [[Int]]
    let weekCaps: [Int]
    /// Running total of the uncapped resources' minutes: `prefix[d]` = days before `d`.
    let prefix: [Int]

    init(_ prepared: PreparedProblem, _ resources: [Int], durations: [Int]) {
        self.resources = resources
        today = prepared.today
        horizonEnd = prepared.horizonEnd
        let step = durations.reduce(0) { Self.gcd($0, $1) }
        let longest = durations.max() ?? 0
        var perDay: [[Int]] = []
        var caps: [Int] = []
        for r in resources {
            let clinician = r < prepared.clinicians.count
            let hours =
                clinician
                ? prepared.clinicians[r].hours : prepared.interpreters[r - prepared.clinicians.count].hours
            let absent =
                clinician
                ? prepared.absences[r] : prepared.absences[prepared.interpreterBase + r - prepared.clinicians.count]
            let dayCap = clinician ? prepared.dayCap[r] : Int.max
            var days = Array(repeating: 0, count: prepared.dayCount)
            for d in 0..<prepared.dayCount where !prepared.dayClosed[d] {
                let day = prepared.today + d
                var total = 0
                for range in hours.days[LocalDate(daysSinceEpoch: day).weekday.index] {
                    var free = range.end - range.start
                    if !absent.isEmpty, let s = prepared.utcMinute(day: day, time: range.start),
                        let e = prepared.utcMinute(day: day, time: range.end)
                    {
                        // The union of the absences, not their sum: two overlapping entries (a
                        // leave recorded twice) take the shared minutes once, as the checker does; `absences`
                        // are sorted by start (PreparedProblem).
                        var covered = s
                        for span in absent where span.start < e && s < span.end {
                            let from = max(covered, span.start)
                            let to = min(e, span.end)
                            if to > from { free -= to - from }
                            covered = max(covered, to)
                        }
                    }
                    total += step > 0 ? max(0, free) / step * step : 0
                }
                if dayCap != Int.max { total = min(total, dayCap * longest) }
                days[d] = total
            }
            perDay.append(days)
            caps.append(clinician ? prepared.weekCap[r] : Int.max)
        }
        self.perDay = perDay
        weekCaps = caps
        var running = [0]
        running.reserveCapacity(prepared.dayCount + 1)
        for d in 0..<prepared.dayCount {
            var sum = 0
            for (k, days) in perDay.enumerated() where caps[k] == Int.max { sum += days[d] }
            running.append(running[d] + sum)
        }
        prefix = running
    }

    /// The minutes the resources can hold from day `a` through day `b` (days since the epoch).
    func minutes(from a: Int, through b: Int) -> Int {
        let first = max(a, today) - today, last = min(b, horizonEnd) - today
        guard first <= last else { return 0 }
        var total = prefix[last + 1] - prefix[first]
        for (k, cap) in weekCaps.enumerated() where cap != Int.max {
            var week = PreparedProblem.week(first + today), inWeek = 0
            for d in first...last {
                let w = PreparedProblem.week(d + today)
                if w != week {
                    total += min(cap, inWeek)
                    week = w
                    inWeek = 0
                }
                inWeek += perDay[k][d]
            }
            total += min(cap, inWeek)
        }
        return total
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
}
