import ArgumentParser
import Foundation

/// The `parcours` command: runs a psychotrauma centre's care pathways from the terminal.
public struct ParcoursCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "parcours",
        abstract: "Care pathways of a psychotrauma centre: tracks, enrolments, bookings, feeds and reports.",
        discussion: """
            Every command works on one SQLite file: --db PATH, else PARCOURS_DB, else ./parcours.sqlite.
            Care tracks are read from --pathways DIR, else PARCOURS_PATHWAYS, else ./Pathways.

            Start with `parcours demo` to build a sample centre, then `parcours patient list`.
            Dates as 2027-02-03 or 03/02/2027, times as 14:00 or 14h. Every command has --help.
            Exit codes: 0 ok, 1 error, 2 usage, 3 refused or conflict, 4 not found (docs/cli.md).

            Examples:
              parcours demo --replace
              parcours status P-VGPD
              parcours agenda --week 01/12/2026 --clinician C-ROUX

            Shell completion: parcours --generate-completion-script bash (or zsh, fish).
            """,
        version: "0.1.0",
        // Grouped by who uses them, so that `parcours --help` reads as a secretary, a clinician, a
        // coordinator or an administrator looks for a command.
        groupedSubcommands: [
            CommandGroup(
                name: "Front desk",
                subcommands: [
                    PatientCommand.self, EnrolCommand.self, StatusCommand.self, BookCommand.self, MoveCommand.self,
                    CancelCommand.self, AttendCommand.self, NoShowCommand.self, DropOutCommand.self,
                    ReferOutCommand.self, WaitlistCommand.self, ScheduleCommand.self, GroupCommand.self,
                    AgendaCommand.self,
                ]
            ),
            CommandGroup(
                name: "Clinician",
                subcommands: [MeasureCommand.self, FeedCommand.self, ExportCommand.self]
            ),
            CommandGroup(
                name: "Coordinator",
                subcommands: [ReportCommand.self, PathwayCommand.self, AuditCommand.self]
            ),
            CommandGroup(
                name: "Administration",
                subcommands: [
                    InitCommand.self, ClinicianCommand.self, RoomCommand.self, InterpreterCommand.self,
                    ClosedCommand.self, CalendarCommand.self, ServeCommand.self, UserCommand.self, DoctorCommand.self,
                    BackupCommand.self, RestoreCommand.self,
                ]
            ),
            CommandGroup(
                name: "Demo and measurement",
                subcommands: [DemoCommand.self, SolveCommand.self, CheckCommand.self, BenchCommand.self]
            ),
        ]
    )

    public init() {}

    /// Runs the command line `arguments` (without the program name) and returns the exit status.
    ///
    /// Errors never escape: each is printed as one line on stderr and mapped to a documented exit
    /// code, so the same path serves the real process and in-process tests.
    public static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.ok
        } catch {
            return report(error)
        }
    }

    /// Entry point of the `parcours` executable: runs the process's arguments and exits with
    /// the documented status.
    public static func runAndExit() async -> Never {
        let status = await run(Array(CommandLine.arguments.dropFirst()))
        Foundation.exit(status)
    }

    static func report(_ error: any Error) -> Int32 {
        if let exitCoded = error as? any CommandFailure {
            warn("parcours: error: \(exitCoded.message)")
            return exitCoded.exitCode
        }
        // Parsing errors, help and version requests: ArgumentParser knows how to say them.
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { say(message) }
            return ExitStatus.ok
        }
        if !message.isEmpty { warn(message) }
        if code == .validationFailure { return ExitStatus.usage }
        return code.rawValue == 0 ? ExitStatus.error : (code.rawValue == 64 ? ExitStatus.usage : code.rawValue)
    }
}

/// An error the CLI knows how to explain, with the exit code scripts rely on.
protocol CommandFailure: Error {
    var message: String { get }
    var exitCode: Int32 { get }
}

extension CLIError: CommandFailure {
    var message: String { description }
}
