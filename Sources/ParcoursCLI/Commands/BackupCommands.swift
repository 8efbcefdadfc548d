import ArgumentParser
import Store

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the whole database to FILE, safely, even while others are booking.",
        discussion: """
            Uses SQLite's online backup API from one consistent read: secretaries can keep working.
            The copy is written beside FILE and renamed at the end, so FILE is never half-written.
            An existing FILE is kept unless --force is given.

            Example: parcours backup /srv/backups/parcours-2026-11-27.sqlite
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Where to write the copy.") var file: String
    @Flag(help: "Replace FILE if it already exists.") var force = false

    func run() async throws {
        let store = try global.openStore()
        try store.backup(to: file, replace: force)
        say("Backed up \(store.path) to \(file). Restore it with: parcours restore \(file)")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database with a backup, keeping a copy of the current one.",
        discussion: """
            FILE must be an intact Parcours database no newer than this version; otherwise nothing
            is changed. The current database is first copied to <db>.before-restore-<time>, and the
            restore is recorded in the audit log with --as and --reason.

            Example: parcours restore /srv/backups/parcours-2026-11-27.sqlite --reason "disk replaced"
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup to restore.") var file: String
    @Option(help: "Why, for the audit log.") var reason: String?

    func run() async throws {
        let store = try global.openStore()
        let summary: RestoreSummary
        do {
            summary = try store.restore(from: file, actor: global.actor, reason: reason)
        } catch {
            // The Store's wording points at --db; here the file at fault is the backup.
            if case let .notAParcoursDatabase(path, detail) = error, path == file {
                throw RestoreRefused(file: file, detail: detail)
            }
            throw error
        }
        say("Restored \(store.path) from \(summary.source) (schema \(summary.backupSchema)).")
        say("The database as it was before is kept in \(summary.previousCopy).")
        if summary.erasuresReapplied.isEmpty {
            say("No patient had been forgotten since the backup was taken.")
        } else {
            say(
                "Erased again \(summary.erasuresReapplied.count) patient(s) forgotten since the backup was taken "
                    + "(the erasure register of the replaced database): "
                    + summary.erasuresReapplied.map(\.rawValue).joined(separator: ", ") + ".")
        }
    }
}

/// The backup given to `restore` is not a Parcours database this build can restore.
struct RestoreRefused: CommandFailure {
    let file: String
    let detail: String
    var message: String {
        "\(file) cannot be restored, it is not a usable Parcours database (\(detail)); nothing was changed"
    }
    var exitCode: Int32 { ExitStatus.error }
}
