import ArgumentParser
import Booking
import CareModel
import Store

struct ClinicianCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinician",
        abstract: "Add, list and show the centre's clinicians, and record their absences.",
        discussion: """
            Examples:
              parcours clinician list
              parcours clinician show C-ROUX
            """,
        subcommands: [Add.self, Edit.self, List.self, Show.self, Deactivate.self, AbsenceCommand.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a clinician.",
            discussion: """
                Example:
                  parcours clinician add C-ROUX --name "Dr Anne Roux" --role psychiatrist \\
                    --skills emdr,tf-cbt --languages fr,en --hours "mon-thu 09:00-17:00; fri 09:00-12:00"
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A short stable id, e.g. C-ROUX.", transform: Parse.identifier) var id: String
        @Option(help: "Full name, shown to staff only.", transform: Parse.name) var name: String
        @Option(help: "One of: \(ClinicianRole.expectedValues).", transform: { try Parse.value($0) })
        var role: ClinicianRole
        @Option(help: "Comma-separated: \(Skill.expectedValues).", transform: { try Parse.values($0) })
        var skills: Set<Skill> = []
        @Option(help: "Comma-separated language codes.", transform: Parse.languages)
        var languages: Set<LanguageCode> = [.french]
        @Option(help: "Weekly hours, e.g. \"mon-fri 09:00-12:30,13:30-17:00\".", transform: Parse.hours)
        var hours: WeeklyHours
        @OptionGroup var caps: CapsOptions

        func run() async throws {
            let store = try global.openStore()
            let clinician = Clinician(
                id: ClinicianID(id), name: name, role: role, skills: skills,
                languages: languages, hours: hours)
            let set = caps.applied(to: WorkloadCaps())
            try store.addClinician(clinician, caps: set, actor: global.actor, reason: nil)
            say("Added clinician \(id) (\(role.rawValue)), \(hours).")
            if caps.given { say("Caps of \(id): \(capsText(set)).") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List clinicians.", discussion: "Example: parcours clinician list --format json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let clinicians = try global.openStoreReadOnly().clinicians()
            try emit(clinicians, format: output.format) {
                var table = TextTable("ID", "NAME", "ROLE", "SKILLS", "LANGUAGES", "HOURS/WEEK", "ACTIVE")
                for c in clinicians {
                    table.add(
                        c.id.rawValue, c.name, c.role.rawValue, c.skills.listed, c.languages.listed,
                        hoursText(c.hours.weeklyMinutes), c.active ? "yes" : "no")
                }
                return table
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one clinician.", discussion: "Example: parcours clinician show C-ROUX")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The clinician's id.", transform: Parse.identifier) var id: String

        func run() async throws {
            let store = try global.openStoreReadOnly()
            guard let c = try store.clinician(ClinicianID(id)) else {
                throw CLIError.notFound(kind: "clinician", id: id)
            }
            let caps = try store.caps(of: c.id)
            if output.format == .json {
                say(try renderJSON(c))
                return
            }
            say(
                """
                \(c.id)  \(c.name)
                  role       \(c.role.rawValue)
                  skills     \(c.skills.isEmpty ? "-" : c.skills.listed)
                  languages  \(c.languages.listed)
                  hours      \(c.hours)  (\(hoursText(c.hours.weeklyMinutes)) a week)
                  active     \(c.active ? "yes" : "no")
                  caps       \(capsText(caps))
                """)
        }
    }
}

extension ClinicianCommand {
    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a clinician as no longer working here, and revoke their calendar feeds.",
            discussion: """
                Sessions already booked with them stay booked unless --replan moves them first (to the
                nearest time with a qualified colleague, all or nothing).

                Example: parcours clinician deactivate C-ROUX --reason "left the centre" --replan
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The clinician's id.", transform: Parse.identifier) var id: String
        @Option(help: "Why, for the audit log.") var reason: String?
        @Flag(help: "First move every session ahead to qualified colleagues (all or nothing).") var replan = false

        func run() async throws {
            let store = try global.openStore()
            if replan {
                let service = try global.bookingService()
                let plan = try service.replanDeparture(
                    of: ClinicianID(id), from: global.now, today: global.todayInClinic,
                    reason: reason ?? "clinician deactivated")
                say(
                    "Moved \(plan.moved.count) session\(plan.moved.count == 1 ? "" : "s") ahead of \(id), "
                        + "\(plan.toColleague.count) to a colleague.")
                if !plan.moved.isEmpty { say(SessionTable.render(plan.moved).render()) }
            }
            let before = try store.feedTokens().filter { $0.isActive && $0.scope == .clinician(ClinicianID(id)) }.count
            try store.deactivateClinician(ClinicianID(id), actor: global.actor, reason: reason)
            say("Deactivated \(id); revoked \(before) feed\(before == 1 ? "" : "s").")
        }
    }
}

/// `37h30` from minutes.
func hoursText(_ minutes: Int) -> String {
    let h = minutes / 60, m = minutes % 60
    return m == 0 ? "\(h)h" : "\(h)h\(m < 10 ? "0" : "")\(m)"
}
