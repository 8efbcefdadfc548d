import CareModel

extension PreparedProblem {
    /// Whether one more session of `minutes` on `day` would take clinician `c` past a cap, counting
    /// the sessions this series has placed so far (`tentative`, minutes per week).
    func overCap(
        _ c: Int, day: Int, minutes: Int,
        tentative: [(clinician: Int, week: Int, minutes: Int)] = []
    ) -> Bool {
        let d = day - today
        if dayCap[c] != Int.max, d >= 0, d < dayCount, Int(capSessions[c * dayCount + d]) + 1 > dayCap[c] {
            return true
        }
        guard weekCap[c] != Int.max else { return false }
        let week = Self.week(day)
        let w = week - baseWeek
        var used = (0..<weekCount).contains(w) ? capMinutes[c * weekCount + w] : 0
        for entry in tentative where entry.clinician == c && entry.week == week { used += entry.minutes }
        return used + minutes > weekCap[c]
    }
}

extension SessionQuery {
    /// An interpreter is needed unless clinician `c` speaks the patient's language.
    @inline(__always) func interpreterNeeded(with c: Int) -> Bool {
        needsInterpreter && !(c < speaksLanguage.count && speaksLanguage[c])
    }

    /// Nobody can bridge the language: no interpreter of it and no clinician of the pool speaking it.
    var interpreterImpossible: Bool {
        needsInterpreter && interpreters.isEmpty && !pool.contains { $0 < speaksLanguage.count && speaksLanguage[$0] }
    }
}
