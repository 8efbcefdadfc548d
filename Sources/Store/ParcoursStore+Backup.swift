import CareModel
import Crypto
import Foundation
import GRDB

/// What `parcours restore` did, so the secretary knows where the previous calendar went.
public struct RestoreSummary: Hashable, Sendable {
    /// The backup that was restored.
    public var source: String
    /// The copy of the database as it was just before, `<db>.before-restore-<time>`.
    public var previousCopy: String
    /// The schema version of the backup (the restored database is then migrated forward).
    public var backupSchema: String
}

/// One table's contents in a comparable form: two databases with the same digests hold the same rows.
public struct TableDigest: Hashable, Sendable, Codable {
    public var table: String
    public var rows: Int
    /// SHA-256 of every row in rowid order, values in column order.
    public var sha256: String
}

extension ParcoursStore {
    /// Copies the whole database to `destination` through SQLite's online backup API.
    ///
    /// The copy is taken from one read transaction, so it is a consistent picture even while other
    /// `parcours` processes keep booking. It is written to a temporary file next to `destination`
    /// and renamed at the end: a crash or a full disk never leaves a half-written file under the
    /// backup's name, and an existing file is replaced only when `replace` is true.
    public func backup(to destination: String, replace: Bool = false) throws(StoreError) {
        if FileManager.default.fileExists(atPath: destination), !replace { throw .fileExists(path: destination) }
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        let partial = folder + "/.\(URL(fileURLWithPath: destination).lastPathComponent).partial-\(UUID().uuidString)"
        defer { Self.removeDatabaseFiles(partial) }
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            let check = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            try copy.close()
            guard check == ["ok"] else {
                throw StoreError.io("the copy written to \(partial) failed its check (\(check.joined(separator: "; "))); nothing was kept")
            }
        } catch {
            throw StoreError(error, path: destination)
        }
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            throw .io("cannot move the finished backup to \(destination) (\(reason)); check the folder is writable")
        }
    }

    /// Checks that `path` is a Parcours database this build can restore: SQLite, intact, with a
    /// Parcours schema no newer than this build's. Returns its schema version.
    ///
    /// Opens the file read-only: a file that is refused is left exactly as it was.
    public static func verifyRestorable(_ path: String) throws(StoreError) -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .io("there is no file at \(path); check the backup's path")
        }
        let migrator = Schema.migrator()
        if try inspect(path: path, migrator: migrator) == .empty {
            throw .notAParcoursDatabase(path: path, detail: "the file is empty")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db throws -> String in
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check(10)")
                guard problems == ["ok"] else {
                    throw StoreError.notAParcoursDatabase(
                        path: path, detail: "it is damaged: " + problems.prefix(3).joined(separator: "; "))
                }
                return try migrator.appliedMigrations(db).last ?? Schema.v1
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Replaces the whole database with the backup at `source`, after keeping a copy of the
    /// current one as `<db>.before-restore-<time>`.
    ///
    /// The backup is verified first, so a wrong or damaged file changes nothing. The pages are
    /// copied with the online backup API under the write lock (other processes wait, then see the
    /// restored calendar), an older schema is migrated forward, and the restore is written to the
    /// restored database's own audit log: the log shows when the history was rewound, and by whom.
    @discardableResult
    public func restore(from source: String, actor: Actor, reason: String? = nil) throws(StoreError) -> RestoreSummary {
        let backupSchema = try Self.verifyRestorable(source)
        let stamp = StoredText.instant(clock()).replacingOccurrences(of: ":", with: "")
        var previous = "\(path).before-restore-\(stamp)"
        var attempt = 1
        while FileManager.default.fileExists(atPath: previous) {
            attempt += 1
            previous = "\(path).before-restore-\(stamp)-\(attempt)"
        }
        try backup(to: previous)
        let summary = RestoreSummary(source: source, previousCopy: previous, backupSchema: backupSchema)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let backup = try DatabaseQueue(path: source, configuration: configuration)
            defer { try? backup.close() }
            try backup.backup(to: pool)
            try migrator.migrate(pool)
        } catch {
            throw StoreError(error, path: path)
        }
        try write { db in
            try audit(db, actor: actor, action: "restore", entity: "database", id: URL(fileURLWithPath: path).lastPathComponent, patient: nil,
                      after: Self.json(["backup": source, "backupSchema": backupSchema, "previousCopy": previous]),
                      reason: reason)
        }
        logger.notice("database restored", metadata: ["db": "\(path)", "from": "\(source)", "previous": "\(previous)"])
        return summary
    }

    /// Row count and hash of every table, read in one transaction: what a restore must give back.
    public func tableDigests() throws(StoreError) -> [TableDigest] {
        try read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            return try tables.map { table in
                var hash = SHA256()
                var count = 0
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid")
                while let row = try rows.next() {
                    count += 1
                    for value in row.databaseValues { hash.update(data: Data("\(value)\u{1F}".utf8)) }
                    hash.update(data: Data([0x1E]))
                }
                let hex = hash.finalize().map { String(format: "%02x", $0) }.joined()
                return TableDigest(table: table, rows: count, sha256: hex)
            }
        }
    }

    /// Removes a database file and the WAL and shared-memory files SQLite may leave beside it.
    package static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
