import Foundation
import GRDB
import Logging

/// The Parcours database: the only code that speaks SQL.
///
/// One SQLite file in WAL mode, opened once per process through a GRDB `DatabasePool`, so that
/// readers never wait for a writer. Several `parcours` processes may write the same file: each
/// write is one `BEGIN IMMEDIATE` transaction that waits up to 5 seconds for the lock, and every
/// mutation writes its audit row inside that same transaction, so a change and its record of
/// who/when/why are saved together or not at all.
///
/// ```swift
/// let store = try ParcoursStore.open(at: "./parcours.sqlite")
/// try store.addRoom(Room(id: "R-1", name: "Salle 1", capacity: 1, features: [.individual]),
///                   actor: .current(), reason: "new premises")
/// ```
public final class ParcoursStore: Sendable {
    /// The database file, as given by the caller.
    public let path: String
    /// A `DatabasePool` (WAL, readers never wait), or a read-only `DatabaseQueue` for the commands
    /// that only read (``openReadOnly(at:logger:clock:)``).
    let pool: any DatabaseWriter
    /// Whether this store was opened read-only: every write is refused by SQLite itself.
    public let isReadOnly: Bool
    let migrator: DatabaseMigrator
    let logger: Logger
    /// "Now", injected so tests can pin audit and creation times.
    let clock: @Sendable () -> Date

    private init(
        path: String, pool: any DatabaseWriter, migrator: DatabaseMigrator, logger: Logger,
        clock: @escaping @Sendable () -> Date, isReadOnly: Bool = false
    ) {
        self.path = path
        self.pool = pool
        self.isReadOnly = isReadOnly
        self.migrator = migrator
        self.logger = logger
        self.clock = clock
    }

    /// A logger that discards everything, for callers that pass none.
    public static let silentLogger = Logger(label: "parcours.store", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Creates the database at `path` if there is none, and brings its schema up to date.
    ///
    /// Used by `parcours init`: an existing Parcours file is kept (and migrated), but a file that
    /// is not one, or that a newer Parcours wrote, is refused untouched.
    public static func create(
        at path: String, logger: Logger = silentLogger, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(StoreError) -> ParcoursStore {
        try create(at: path, migrator: Schema.migrator(), logger: logger, clock: clock)
    }

    /// Opens an existing Parcours database, migrating an older schema forward.
    ///
    /// Every command but `init` uses this, so that a mistyped `--db` is reported instead of
    /// silently creating an empty database next to the real one.
    public static func open(
        at path: String, logger: Logger = silentLogger, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(StoreError) -> ParcoursStore {
        try open(at: path, migrator: Schema.migrator(), logger: logger, clock: clock)
    }

    package static func create(
        at path: String, migrator: DatabaseMigrator, logger: Logger,
        clock: @escaping @Sendable () -> Date
    ) throws(StoreError) -> ParcoursStore {
        if FileManager.default.fileExists(atPath: path) {
            _ = try inspect(path: path, migrator: migrator)
        } else {
            try createPrivateFile(path)
        }
        return try connect(path: path, migrator: migrator, logger: logger, clock: clock)
    }

    static func open(
        at path: String, migrator: DatabaseMigrator, logger: Logger,
        clock: @escaping @Sendable () -> Date
    ) throws(StoreError) -> ParcoursStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingDatabase(path: path) }
        if try inspect(path: path, migrator: migrator) == .empty {
            throw .notAParcoursDatabase(path: path, detail: "the file is empty")
        }
        return try connect(path: path, migrator: migrator, logger: logger, clock: clock)
    }

    /// Opens an existing, up-to-date Parcours database read-only, for the commands that only
    /// read (doctor, status, listings, agenda, reports, export).
    ///
    /// SQLite opens the file with `SQLITE_OPEN_READONLY` and no migration runs, so not one byte of
    /// it changes (a `DatabasePool` would create and drop a table to start its write-ahead log),
    /// and a file the user may only read still opens. A file whose schema is older than this
    /// build's is refused with the command that upgrades it.
    public static func openReadOnly(
        at path: String, logger: Logger = silentLogger, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(StoreError) -> ParcoursStore {
        let migrator = Schema.migrator()
        guard FileManager.default.fileExists(atPath: path) else { throw .missingDatabase(path: path) }
        if try inspect(path: path, migrator: migrator) == .empty {
            throw .notAParcoursDatabase(path: path, detail: "the file is empty")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "parcours-readonly"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            guard try queue.read({ db in try migrator.hasCompletedMigrations(db) }) else {
                try? queue.close()
                throw StoreError.io(
                    "\(path) has an older schema; run `parcours init --db \(path)` once to upgrade it, then try again")
            }
            return ParcoursStore(
                path: path, pool: queue, migrator: migrator, logger: logger, clock: clock, isReadOnly: true)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    enum Inspection { case empty, parcours }

    /// Looks at an existing file read-only, so that a foreign or newer file is never modified.
    static func inspect(path: String, migrator: DatabaseMigrator) throws(StoreError) -> Inspection {
        try requireRegularFile(path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db throws -> Inspection in
                let stamp = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if stamp != 0, stamp != Schema.applicationID {
                    throw StoreError.notAParcoursDatabase(
                        path: path, detail: "its header names another program (application id \(stamp))")
                }
                let applied = try migrator.appliedIdentifiers(db)
                if applied.isEmpty {
                    let tables =
                        try Int.fetchOne(
                            db,
                            sql: """
                                SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                                """) ?? 0
                    if tables == 0 { return .empty }
                    throw StoreError.notAParcoursDatabase(path: path, detail: "it holds tables of another program")
                }
                guard applied.contains(Schema.v1) else {
                    throw StoreError.notAParcoursDatabase(path: path, detail: "its schema history is another program's")
                }
                let unknown = applied.subtracting(migrator.migrations).sorted()
                if !unknown.isEmpty {
                    throw StoreError.newerSchema(
                        path: path, found: unknown, known: migrator.migrations.last ?? Schema.v1)
                }
                return .parcours
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    private static func connect(
        path: String, migrator: DatabaseMigrator, logger: Logger,
        clock: @escaping @Sendable () -> Date
    ) throws(StoreError) -> ParcoursStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "parcours"
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            let before = try pool.read { db in try migrator.appliedMigrations(db) }
            do {
                try migrator.migrate(pool)
            } catch {
                // Another parcours may have migrated the same new file a moment earlier (each
                // migration is its own transaction); that is success, anything else is not.
                guard try pool.read({ db in try migrator.hasCompletedMigrations(db) }) else { throw error }
            }
            let after = try pool.read { db in try migrator.appliedMigrations(db) }
            for identifier in after where !before.contains(identifier) {
                logger.info("applied migration", metadata: ["migration": "\(identifier)", "db": "\(path)"])
            }
            return ParcoursStore(path: path, pool: pool, migrator: migrator, logger: logger, clock: clock)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// The latest migration applied to the file, e.g. `v3-appointment-calendar-uid`.
    public var schemaVersion: String {
        get throws(StoreError) {
            try read { db in try migrator.appliedMigrations(db).last ?? "none" }
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one read transaction: a stable view even while another process writes.
    package func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, committed only if `body` returns.
    ///
    /// IMMEDIATE takes the write lock up front, so a check made inside `body` ("is this id
    /// free?") still holds when the insert runs, even with another process writing.
    package func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            var result: T?
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            guard let result else { throw StoreError.sqlite("the write ended without a result") }
            return result
        } catch {
            let storeError = StoreError(error, path: path)
            logger.debug("write refused", metadata: ["error": "\(storeError)"])
            throw storeError
        }
    }
}
