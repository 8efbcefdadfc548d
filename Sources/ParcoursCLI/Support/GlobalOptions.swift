import ArgumentParser
import Booking
import CareModel
import Foundation
import PathwayEngine
import Store

/// Options every command accepts: which database, which care tracks, who is acting.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (also PARCOURS_DB).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Directory of care tracks (also PARCOURS_PATHWAYS).", valueName: "dir"))
    var pathways: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Who is making the change, for the audit log (default: the OS user).", valueName: "name"))
    var actorName: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Treat this day as today (for rehearsals and tests).", valueName: "date", visibility: .hidden),
        transform: Parse.date)
    var today: LocalDate?

    /// The instant commands treat as now: the real clock, or noon on `--today`.
    var now: Date {
        guard let today else { return Date() }
        return ClinicTimeZone.paris.instant(on: today, at: LocalTime(hour: 12) ?? .midnight) ?? Date()
    }

    /// The clock the store stamps audit rows and records with: the real one, or frozen at `now`
    /// with `--today`, so that a rehearsal (and the guides' sessions) print the same every run.
    var clock: @Sendable () -> Date {
        guard today != nil else { return { Date() } }
        let frozen = now
        return { frozen }
    }

    /// Today on the centre's wall clock.
    var todayInClinic: LocalDate { today ?? ClinicTimeZone.paris.today(at: Date()) }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `--db`, else `PARCOURS_DB`, else `./parcours.sqlite`.
    var databasePath: String { db ?? environment["PARCOURS_DB"] ?? "parcours.sqlite" }

    /// `--pathways`, else `PARCOURS_PATHWAYS`, else `./Pathways` when there, else the care tracks
    /// shipped with the binary (``ShippedFiles``), so a command works from any directory.
    var pathwaysDirectory: URL {
        if let chosen = pathways ?? environment["PARCOURS_PATHWAYS"] {
            return URL(fileURLWithPath: chosen, isDirectory: true)
        }
        let local = URL(fileURLWithPath: "Pathways", isDirectory: true)
        guard !FileManager.default.fileExists(atPath: local.path), let shipped = ShippedFiles.pathways else {
            return local
        }
        return shipped
    }

    var actor: Actor {
        if let actorName, !actorName.isEmpty { return Actor(name: actorName) }
        return Actor.current()
    }

    /// Opens an existing database; a missing one is an error that says how to create it.
    func openStore() throws -> ParcoursStore {
        try ParcoursStore.open(at: databasePath, clock: clock)
    }

    /// Opens an existing database read-only, for the commands that only read: not a byte of the
    /// file changes, and a file the user may only read still opens.
    func openStoreReadOnly() throws -> ParcoursStore {
        try ParcoursStore.openReadOnly(at: databasePath, clock: clock)
    }

    /// The booking operations over this database and these tracks, acting as `--as`;
    /// `readOnly` for the commands that only look (the waiting list).
    func bookingService(readOnly: Bool = false) throws -> BookingService {
        BookingService(
            store: try readOnly ? openStoreReadOnly() : openStore(), catalog: try loadCatalog(), actor: actor,
            snapshots: SnapshotBuilder(notBefore: now))
    }

    /// Loads every care track, all or nothing.
    func loadCatalog() throws -> TrackCatalog {
        let dir = pathwaysDirectory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.missingPathways(dir.path)
        }
        return try TrackCatalog.load(directory: dir)
    }
}

/// `--format table|json`, for every command that lists or reports.
struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table
}
