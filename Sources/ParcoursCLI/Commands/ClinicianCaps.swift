import ArgumentParser
import CareModel
import Store

/// `--max-sessions-per-day` and `--max-therapy-hours-per-week`, shared by `clinician add` and
/// `clinician edit`: the workload caps the scheduler and `doctor` hold the clinician to.
struct CapsOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "At most this many sessions on one day (1 to \(WorkloadCaps.maxSessionsPerDay); 6 is common).",
            valueName: "n"))
    var maxSessionsPerDay: Int?
    @Option(
        help: ArgumentHelp(
            "At most this many hours of sessions with patients in one week, Monday to Sunday (1 to \(WorkloadCaps.maxHoursPerWeek)).",
            valueName: "hours"))
    var maxTherapyHoursPerWeek: Int?

    func validate() throws {
        if let n = maxSessionsPerDay, !(1...WorkloadCaps.maxSessionsPerDay).contains(n) {
            throw ValidationError(
                "--max-sessions-per-day: '\(n)' is out of range; expected 1 to \(WorkloadCaps.maxSessionsPerDay)")
        }
        if let h = maxTherapyHoursPerWeek, !(1...WorkloadCaps.maxHoursPerWeek).contains(h) {
            throw ValidationError(
                "--max-therapy-hours-per-week: '\(h)' is out of range; expected 1 to \(WorkloadCaps.maxHoursPerWeek)")
        }
    }

    var given: Bool { maxSessionsPerDay != nil || maxTherapyHoursPerWeek != nil }

    /// `caps` with the options given applied.
    func applied(to caps: WorkloadCaps) -> WorkloadCaps {
        var caps = caps
        if let n = maxSessionsPerDay { caps.sessionsPerDay = n }
        if let h = maxTherapyHoursPerWeek { caps.hoursPerWeek = h }
        return caps
    }
}

/// `10 sessions a day, 24h a week`, or `none`.
func capsText(_ caps: WorkloadCaps) -> String {
    var parts: [String] = []
    if let n = caps.sessionsPerDay { parts.append("\(n) session\(n == 1 ? "" : "s") a day") }
    if let h = caps.hoursPerWeek { parts.append("\(h)h a week") }
    return parts.isEmpty ? "none" : parts.joined(separator: ", ")
}
