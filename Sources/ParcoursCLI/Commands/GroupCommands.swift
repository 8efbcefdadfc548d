import ArgumentParser
import Booking
import CareModel

struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Form closed therapy groups and book all their sessions at once.",
        discussion: """
            Examples:
              parcours group list
              parcours group create adult-trauma-group --start 05/01/2027
            """,
        subcommands: [Create.self, Add.self, Book.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a group on a group track.",
            discussion: "Example: parcours group create adult-trauma-group --start 2027-01-05")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A group track id.", transform: Parse.identifier) var track: String
        @Option(help: "First day the group may meet.", transform: Parse.date) var start: LocalDate

        func run() async throws {
            let cohort = try global.bookingService().createGroup(track: TrackID(track), start: start)
            say(
                "Opened group \(cohort.id) on \(track) from \(Shown.day(start)). Add patients with: parcours group add \(cohort.id) PATIENT"
            )
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an enrolled patient to a forming group.",
            discussion: "Example: parcours group add G-2027-01-05-7KQ2 P-VGPD")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The group id.") var group: String
        @Argument(help: "The patient's code.", transform: Parse.patientCode) var patient: PatientCode

        func run() async throws {
            let cohort = try global.bookingService().addToGroup(group, patient: patient)
            say(
                "\(patient) joined \(cohort.id): \(cohort.members.count) member\(cohort.members.count == 1 ? "" : "s")."
            )
        }
    }

    struct Book: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book every session of a group at its weekly slot, with two facilitators and a group room.",
            discussion: "Example: parcours group book G-2027-01-05-7KQ2 --dry-run")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The group id.") var group: String
        @Flag(help: "Show the plan without booking it.") var dryRun = false

        func run() async throws {
            let service = try global.bookingService()
            let result = try service.bookGroup(group, today: global.todayInClinic, dryRun: dryRun)
            if output.format == .json { return try SessionTable.emitJSON(result.appointments, store: service.store) }
            let days = result.proposal.dates
            let first = result.appointments.first
            say(
                "\(dryRun ? "Proposed" : "Booked") \(days.count) sessions for group \(group): "
                    + "\(days.first.map { "\($0.weekday.englishName)s from \(Shown.day($0))" } ?? "-") to \(days.last.map { Shown.day($0) } ?? "-"), "
                    + "\(first.map { Shown.hours($0.start, $0.end) } ?? "-"), "
                    + "facilitators \(first?.clinicians.map(\.rawValue).joined(separator: "+") ?? "-"), room \(first?.room?.rawValue ?? "-")."
            )
            if !result.proposal.skippedDays.isEmpty {
                say(
                    "Skipped: \(result.proposal.skippedDays.map { Shown.day($0) }.joined(separator: ", ")) (closed or unavailable)."
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List groups.", discussion: "Example: parcours group list")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let store = try global.openStoreReadOnly()
            let protected = try store.protectedPatientCodes()
            // An export: an address-protected member is counted but not named.
            let cohorts = try store.cohorts().map { cohort in
                var c = cohort
                c.members = c.members.map { protected.contains($0) ? PatientCode(SessionTable.protectedLabel) : $0 }
                return c
            }
            try emit(cohorts, format: output.format) {
                var table = TextTable("GROUP", "TRACK", "START", "STATUS", "MEMBERS")
                for c in cohorts {
                    table.add(
                        c.id, c.track.rawValue, Shown.day(c.startDate), c.status.rawValue, String(c.members.count))
                }
                return table
            }
        }
    }
}
