import ArgumentParser
import CareModel
import Foundation
import ICalendar
import Store

/// `parcours closed`: the days the centre is closed, typed one by one.
struct ClosedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closed",
        abstract: "Add, list and remove the days the centre is closed (nothing is booked on them).",
        discussion: """
            Examples:
              parcours closed list --from 01/12/2026 --to 31/12/2026
              parcours closed add 24/12/2026 --label "Veille de Noël"
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close the centre for one day.",
            discussion: """
                Example: parcours closed add 2026-12-24 --label "Veille de Noël"

                A day already closed keeps its label. Public holidays come in at once with
                `parcours calendar import-closed Calendars/jours-feries-2026-2030.ics`.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The day, e.g. 2026-12-24 or 24/12/2026.", transform: Parse.date) var date: LocalDate
        @Option(help: "What the closure is, e.g. \"Pont de l'Ascension\".", transform: Parse.name) var label =
            "Fermeture"

        func run() async throws {
            if let expected = PlausibleDates.closedDay(date, today: global.todayInClinic) {
                throw CLIError.invalidArgument(name: "<date>", value: date.iso, expected: expected)
            }
            let result = try global.openStore().addClosedDays(
                [ClosedDay(date: date, label: label)], actor: global.actor)
            say(
                result.added.isEmpty
                    ? "\(Shown.day(date)) was already closed; nothing changed."
                    : "Closed \(Shown.day(date)) (\(label)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List closed days.", discussion: "Example: parcours closed list --from 2026-01-01 --to 2026-12-31"
        )
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "First day to list.", transform: Parse.date) var from: LocalDate?
        @Option(help: "Last day to list.", transform: Parse.date) var to: LocalDate?

        func run() async throws {
            let days = try global.openStoreReadOnly().closedDays(from: from, to: to)
            try emit(days, format: output.format) {
                var table = TextTable("DAY", "LABEL")
                for day in days { table.add(Shown.day(day.date), day.label) }
                return table
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the centre again on a closed day.",
            discussion: """
                Example: parcours closed remove 2026-12-24 --reason "open after all"

                Audited as remove-closed-day with the day's label. A day that is not closed is
                refused and nothing changes. The desk's Administration › Jours fermés does the same.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The closed day, e.g. 2026-12-24 or 24/12/2026.", transform: Parse.date) var date: LocalDate
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            try global.openStore().removeClosedDay(date, actor: global.actor, reason: reason)
            say("Opened \(Shown.day(date)) again; it is no longer closed.")
        }
    }
}
