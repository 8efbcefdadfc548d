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

extension ClinicianCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a clinician's workload caps (sessions a day, hours a week).",
            discussion: """
                The scheduler books no session past a cap, and doctor reports a day or week over it
                (sessions booked before the cap was set stay booked).

                Example: parcours clinician edit C-ROUX --max-sessions-per-day 6 --max-therapy-hours-per-week 24
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The clinician's id.", transform: Parse.identifier) var id: String
        @OptionGroup var caps: CapsOptions
        @Flag(help: "Remove both caps.") var noCaps = false
        @Option(help: "Why, for the audit log.") var reason: String?

        func validate() throws {
            guard caps.given || noCaps else {
                throw ValidationError(
                    "nothing to change; give --max-sessions-per-day, --max-therapy-hours-per-week or --no-caps")
            }
            if caps.given && noCaps {
                throw ValidationError("--no-caps: cannot be given with a new cap")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            let clinician = ClinicianID(id)
            guard try store.clinician(clinician) != nil else { throw CLIError.notFound(kind: "clinician", id: id) }
            let updated = noCaps ? WorkloadCaps() : caps.applied(to: try store.caps(of: clinician))
            try store.setCaps(updated, of: clinician, actor: global.actor, reason: reason)
            say("Caps of \(id): \(capsText(updated)).")
        }
    }
}
