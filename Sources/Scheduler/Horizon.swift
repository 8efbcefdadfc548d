extension PreparedProblem {
    /// How many of the request's sessions some schedule could hold inside the horizon: the
    /// sessions whose earliest possible day (the request's earliest day, or the previous session
    /// plus its minimum spacing, then each minimum spacing in turn) is no later than `horizonEnd`.
    ///
    /// Each of these sessions a series does not book (in order) is a *missing session*, and a
    /// series with one is an *unfinished pathway*. The count depends on the request alone, never
    /// on where the sessions were put, so pushing an intake towards the horizon's end cannot
    /// excuse the sessions that would no longer follow it.
    func dueSessions(_ request: SeriesRequest) -> Int {
        var day = max(today, request.earliest.daysSinceEpoch)
        for (k, spec) in request.sessions.enumerated() {
            let gap = max(spec.minDaysAfterPrevious ?? 1, 1)
            if k > 0 {
                day += gap
            } else if let previous = request.previous {
                day = max(day, previous.date.daysSinceEpoch + gap)
            }
            if day > horizonEnd { return k }
        }
        return request.sessions.count
    }
}
