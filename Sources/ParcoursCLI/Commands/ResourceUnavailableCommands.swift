import ArgumentParser
import CareModel
import Foundation

/// `parcours room unavailable`: a room that cannot be used for a while (works, a leak).
struct RoomUnavailableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unavailable",
        abstract: "Record, list and remove when a room cannot be used (works, a leak, a broken lock).",
        discussion: """
            Examples:
              parcours room unavailable list
              parcours room unavailable add R-101 --from 07/12/2026 --to 08/12/2026 --reason fuite
              parcours room unavailable add R-101 --from "09/12/2026 14:00" --to "09/12/2026 17:00" --reason serrure --replan
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a room cannot be used, and list (or, with --replan, move) the sessions it hits.",
            discussion: """
                Example: parcours room unavailable add R-101 --from 07/12/2026 --to 08/12/2026 --reason fuite

                --from and --to are days (whole days, --to included) or local times like
                "2026-12-07 13:30" (--to is when the room is usable again). No booking, move or
                replacement uses the room then. Without --replan the sessions already booked there
                are listed; with --replan each gets another room at the same time first, else another
                time, all or none.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The room's id.", transform: Parse.identifier) var id: String
        @OptionGroup var options: UnavailabilityCLI.AddOptions

        func run() async throws {
            try UnavailabilityCLI.add(
                .room(RoomID(id)), options: options, global: global,
                command: UnavailabilityCLI.commandLine("room", id, options))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List when rooms cannot be used.", discussion: "Example: parcours room unavailable list R-101")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Only this room.", transform: Parse.identifier) var id: String?

        func run() async throws {
            try UnavailabilityCLI.list(
                id.map { .room(RoomID($0)) }, kind: "room", format: output.format, global: global)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a room's unavailability (the room can be booked then again).",
            discussion: "Example: parcours room unavailable remove 3 --reason \"travaux finis\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The unavailability's id (parcours room unavailable list).") var number: Int64
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            try UnavailabilityCLI.remove(number, kind: "room", reason: reason, global: global)
        }
    }
}

/// `parcours interpreter unavailable`: an interpreter who cannot come for a while.
struct InterpreterUnavailableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unavailable",
        abstract: "Record, list and remove when an interpreter cannot come (leave, illness).",
        discussion: """
            Examples:
              parcours interpreter unavailable list
              parcours interpreter unavailable add I-HADDAD --from 14/12/2026 --to 18/12/2026 --reason formation --replan
            """,
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Record that an interpreter cannot come, and list (or, with --replan, move) the sessions it hits.",
            discussion: """
                Example: parcours interpreter unavailable add I-HADDAD --from 14/12/2026 --to 18/12/2026 --reason formation

                --from and --to are days (whole days, --to included) or local times like
                "2026-12-14 13:30" (--to is when the interpreter is back). No booking, move or
                replacement uses the interpreter then. Without --replan the sessions already booked
                with them are listed; with --replan each gets another interpreter of the language at
                the same time first, else another time, all or none.
                """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The interpreter's id.", transform: Parse.identifier) var id: String
        @OptionGroup var options: UnavailabilityCLI.AddOptions

        func run() async throws {
            try UnavailabilityCLI.add(
                .interpreter(InterpreterID(id)), options: options, global: global,
                command: UnavailabilityCLI.commandLine("interpreter", id, options))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List when interpreters cannot come.",
            discussion: "Example: parcours interpreter unavailable list I-HADDAD")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Only this interpreter.", transform: Parse.identifier) var id: String?

        func run() async throws {
            try UnavailabilityCLI.list(
                id.map { .interpreter(InterpreterID($0)) }, kind: "interpreter", format: output.format,
                global: global)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an interpreter's unavailability (they can be booked then again).",
            discussion: "Example: parcours interpreter unavailable remove 4 --reason annulation")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The unavailability's id (parcours interpreter unavailable list).") var number: Int64
        @Option(help: "Why, for the audit log.") var reason: String?

        func run() async throws {
            try UnavailabilityCLI.remove(number, kind: "interpreter", reason: reason, global: global)
        }
    }
}
