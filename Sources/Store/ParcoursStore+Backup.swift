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
    /// Patients erased after the backup was taken, erased again in the restored database.
    public var erasuresReapplied: [PatientCode]
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
    ///
    /// With `replace`, the file there must be a Parcours database other than this one (never the
    /// live file or its -wal/-shm, a folder, a text file or another program's database). The copy
    /// is made readable by its owner only (0600).
    public func backup(to destination: String, replace: Bool = false) throws(StoreError) {
        if FileManager.default.fileExists(atPath: destination) {
            guard replace else { throw .fileExists(path: destination) }
            for suffix in ["", "-wal", "-shm", "-journal"] where Self.sameFile(destination, path + suffix) {
                throw .constraint(
                    "\(destination) is the live database\(suffix.isEmpty ? "" : "'s \(suffix) file"); "
                        + "a backup must go to another file")
            }
            try Self.checkReplaceable(destination)
        }
        let partial = Self.partialPath(for: destination)
        Self.removeStalePartials(of: destination)
        defer { Self.removeDatabaseFiles(partial) }
        try Self.createPrivateFile(partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            let check = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            try copy.close()
            guard check == ["ok"] else {
                throw StoreError.io(
                    "the copy written to \(partial) failed its check (\(check.joined(separator: "; "))); nothing was kept"
                )
            }
        } catch {
            throw StoreError(error, path: destination)
        }
        guard rename(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            throw .io("cannot move the finished backup to \(destination) (\(reason)); check the folder is writable")
        }
        // A replaced destination may have had its own journal files; they belong to no file now.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
    }

    /// A hidden name beside `destination` for a copy being written, carrying this process's id so
    /// that a later run can tell a copy abandoned by a killed process from one still being written.
    static func partialPath(for destination: String) -> String {
        let url = URL(fileURLWithPath: destination)
        return url.deletingLastPathComponent().path
            + "/.\(url.lastPathComponent).partial-\(getpid())-\(UUID().uuidString)"
    }

    /// Removes the hidden `.<name>.partial-<pid>-*` copies that a killed backup or restore left
    /// beside `destination` (their process is gone): each is a full copy of the identities.
    static func removeStalePartials(of destination: String) {
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && !name.hasSuffix("-wal") && !name.hasSuffix("-shm") {
            let owner = name.dropFirst(prefix.count).split(separator: "-").first.flatMap { Int32($0) }
            guard let owner, owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
            removeDatabaseFiles(folder + "/" + name)
        }
    }

    /// Runs `body`, then removes the -wal and -shm files SQLite created beside `path` while
    /// reading it (a backup is a WAL file): a refused or restored backup is left as it was found.
    static func leavingNoJournal<T>(beside path: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let existing = ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: path + $0) }
        defer {
            for suffix in ["-wal", "-shm"] where !existing.contains(suffix) {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        }
        return try body()
    }

    /// Checks that `path` is a Parcours database this build can restore: SQLite, intact, with a
    /// Parcours schema no newer than this build's. Returns its schema version.
    ///
    /// Opens the file read-only: a file that is refused is left exactly as it was.
    public static func verifyRestorable(_ path: String) throws(StoreError) -> String {
        try leavingNoJournal(beside: path) { () throws(StoreError) -> String in try verifyRestorableFile(path) }
    }

    private static func verifyRestorableFile(_ path: String) throws(StoreError) -> String {
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

    /// Row count and hash of every table, read in one transaction: what a restore must give back.
    public func tableDigests() throws(StoreError) -> [TableDigest] {
        try read { db in
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
            return try tables.map { table in
                var hash = SHA256()
                var count = 0
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid")
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
