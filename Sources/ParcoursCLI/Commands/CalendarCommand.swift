import ArgumentParser
import CareModel
import Foundation
import ICalendar
import Store

/// `parcours calendar`: calendars that come from outside (public holidays, closures).
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Import closed days from an .ics file; subscribe clinicians to their own calendars.",
        discussion: """
            Examples:
              parcours calendar import-closed Calendars/jours-feries-2026-2030.ics
              parcours calendar subscribe --clinician C-ROUX --url https://calendar.example.org/roux/busy.ics
            """,
        subcommands: [
            ImportClosed.self, Subscribe.self, Subscriptions.self, SetReplan.self, Unsubscribe.self, Refresh.self,
        ]
    )

    struct ImportClosed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-closed",
            abstract: "Close the centre on every all-day event of an .ics file.",
            discussion: """
                Example: parcours calendar import-closed Calendars/jours-feries-2026-2030.ics

                Every day an all-day event covers becomes a closed day labelled with its title;
                repeating events are expanded between --from and --to (default: 1 January this year
                to 31 December four years on). Days already closed are left as they are. What cannot
                matter (an empty or unknown property or parameter) is skipped and listed with its
                line; a malformed date, zone or rule, or an event with hours, imports nothing.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The .ics file.") var file: String
        @Option(help: "First day of the period to import.", transform: Parse.date) var from: LocalDate?
        @Option(help: "Last day of the period to import.", transform: Parse.date) var to: LocalDate?

        func run() async throws {
            let store = try global.openStore()
            let today = global.todayInClinic
            let first = from ?? LocalDate(year: today.year, month: 1, day: 1) ?? today
            let last = to ?? LocalDate(year: today.year + 4, month: 12, day: 31) ?? today
            guard last >= first else {
                throw CLIError.invalidArgument(
                    name: "--to", value: last.iso, expected: "a day on or after --from \(first.iso)")
            }
            let reading = try CalendarFiles.reading(
                file, from: CalendarFiles.midnight(first),
                to: CalendarFiles.midnight(last.adding(days: 1)))
            let days: [ClosedDay]
            do { days = try UnavailabilityImport.closedDays(from: reading.events) } catch {
                throw CLIError.calendarFile(path: file, problem: error.description)
            }
            let result = try store.addClosedDays(days, actor: global.actor, reason: "imported from \(file)")
            let details = ImportSummary(
                file: file, noun: "closed day", imported: result.added.count,
                alreadyPresent: result.alreadyPresent,
                duplicatesInFile: UnavailabilityImport.repeatedDays(in: reading.events),
                cancelled: reading.events.filter(\.isCancelled).count, warnings: reading.warnings
            ).lines
            guard let firstDay = days.first?.date, let lastDay = days.last?.date else {
                say(
                    (["No closed day in \(file) between \(Shown.day(first)) and \(Shown.day(last)); nothing changed."]
                        + details)
                        .joined(separator: "\n"))
                return
            }
            say(
                ([
                    "Imported \(result.added.count) closed day\(result.added.count == 1 ? "" : "s") from \(Shown.day(firstDay)) "
                        + "to \(Shown.day(lastDay)) (\(file)); \(result.alreadyPresent) already closed."
                ] + details).joined(separator: "\n"))
        }
    }
}
