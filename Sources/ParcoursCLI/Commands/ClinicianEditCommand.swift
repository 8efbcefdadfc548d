import ArgumentParser
import Booking
import CareModel
import Store

extension ClinicianCommand {
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a clinician's name, role, skills, languages, weekly hours or workload caps.",
            discussion: """
                Each option given replaces that field; the others stay as they are. Sessions already
                booked outside new hours stay booked: they are listed here as needing another time or
                colleague (doctor's calendar check flags them too). The scheduler books no session past
                a cap, and doctor reports a day or week over it.

                Examples:
                  parcours clinician edit C-ROUX --hours "tue-fri 09:00-17:00" --languages fr,en,es
                  parcours clinician edit C-ROUX --max-sessions-per-day 6 --max-therapy-hours-per-week 24
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The clinician's id.", transform: Parse.identifier) var id: String
        @Option(help: "Full name, shown to staff only.", transform: Parse.name) var name: String?
        @Option(help: "One of: \(ClinicianRole.expectedValues).", transform: { try Parse.value($0) })
        var role: ClinicianRole?
        @Option(
            help: "Comma-separated: \(Skill.expectedValues) (replaces them all).", transform: { try Parse.values($0) })
        var skills: Set<Skill>?
        @Option(help: "Comma-separated language codes (replaces them all).", transform: Parse.languages)
        var languages: Set<LanguageCode>?
        @Option(help: "Weekly hours, e.g. \"mon-fri 09:00-12:30,13:30-17:00\".", transform: Parse.hours)
        var hours: WeeklyHours?
        @OptionGroup var caps: CapsOptions
        @Flag(help: "Remove both caps.") var noCaps = false
        @Option(help: "Why, for the audit log.") var reason: String?

        var detailsGiven: Bool { name != nil || role != nil || skills != nil || languages != nil || hours != nil }

        func validate() throws {
            guard detailsGiven || caps.given || noCaps else {
                throw ValidationError(
                    "nothing to change; give --name, --role, --skills, --languages, --hours, "
                        + "--max-sessions-per-day, --max-therapy-hours-per-week or --no-caps")
            }
            if caps.given && noCaps {
                throw ValidationError("--no-caps: cannot be given with a new cap")
            }
        }

        func run() async throws {
            let store = try global.openStore()
            let clinicianID = ClinicianID(id)
            guard var clinician = try store.clinician(clinicianID) else {
                throw CLIError.notFound(kind: "clinician", id: id)
            }
            let newCaps = noCaps ? WorkloadCaps() : caps.given ? caps.applied(to: try store.caps(of: clinicianID)) : nil
            if detailsGiven {
                if let name { clinician.name = name }
                if let role { clinician.role = role }
                if let skills { clinician.skills = skills }
                if let languages { clinician.languages = languages }
                if let hours { clinician.hours = hours }
                // Details and caps in one transaction: both change or neither.
                try store.updateClinician(clinician, caps: newCaps, actor: global.actor, reason: reason)
                say(
                    "Updated clinician \(id) (\(clinician.role.rawValue)): skills "
                        + "\(clinician.skills.isEmpty ? "-" : clinician.skills.listed), languages "
                        + "\(clinician.languages.listed), \(clinician.hours).")
            } else if let newCaps {
                try store.setCaps(newCaps, of: clinicianID, actor: global.actor, reason: reason)
            }
            if let newCaps { say("Caps of \(id): \(capsText(newCaps)).") }
            if hours != nil {
                let outside = try AbsenceClashes.sessions(
                    outside: clinician.hours, of: clinicianID, from: global.now, zone: SessionTable.zone, in: store)
                if let report = try Self.outsideReport(outside, store: store) { say(report) }
            }
        }

        /// The sessions ahead the new hours leave out, for a secretary's decision (nothing moves;
        /// address-protected patients masked as in every listing).
        static func outsideReport(_ outside: [Appointment], store: ParcoursStore) throws -> String? {
            guard !outside.isEmpty else { return nil }
            let protected = try store.protectedPatientCodes()
            var table = TextTable("ID", "DAY", "TIME", "PATIENT", "STEP")
            for a in outside {
                let hidden = protected.contains(a.patient)
                table.add(
                    row: [
                        a.id.rawValue, Shown.day(a.start), Shown.hours(a.start, a.end),
                        hidden ? SessionTable.protectedLabel : a.patient.rawValue,
                        hidden ? SessionTable.protectedLabel : "\(a.step) \(a.occurrence)",
                    ])
            }
            let count = outside.count
            return [
                "\(count) session\(count == 1 ? "" : "s") booked ahead fall\(count == 1 ? "s" : "") outside the new "
                    + "hours and need\(count == 1 ? "s" : "") another time or colleague (parcours move ID):",
                table.render(),
            ].joined(separator: "\n")
        }
    }
}
