import CareModel
import Foundation
import GRDB
import GRDBSQLite

/// What a feed's bytes depend on, read in one cheap query, so that a feed server rebuilds a feed
/// only when it would come out different.
public struct FeedContentVersion: Hashable, Sendable {
    /// Equal keys give byte-identical feeds (for the same catalogue of step titles).
    public var key: String
    /// The newest change among the feed's sessions; nil for a feed without sessions.
    public var lastModified: Date?
}

extension ParcoursStore {
    /// The content version of `scope`'s feed for sessions ending after `from` (the feed window's
    /// start, which moves at local midnight): a booking adds a row, a move or a cancellation
    /// raises `sequence` and `updated_at`, a closed day, a rename or a patient's address protection
    /// changes the other parts.
    public func feedContentVersion(_ scope: FeedScope, from: Date) throws(StoreError) -> FeedContentVersion {
        let (condition, owner) =
            switch scope {
            case .clinician:
                (
                    "id IN (SELECT appointment FROM appointment_clinician WHERE clinician = ?2)",
                    "SELECT name || '/' || active FROM clinician WHERE id = ?2"
                )
            case .room: ("room = ?2", "SELECT name FROM room WHERE id = ?2")
            }
        return try read { db in
            let sessions = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), max(updated_at), total(sequence) FROM appointment WHERE end_utc > ?1 AND \(condition)
                    """, arguments: [StoredText.instant(from), scope.id])
            // Protecting a patient renames their sessions ("Séance réservée") without touching them.
            let protected =
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT group_concat(code, ',') FROM (SELECT code FROM patient WHERE address_protected = 1 AND code IN
                            (SELECT patient FROM appointment WHERE end_utc > ?1 AND \(condition)) ORDER BY code)
                        """, arguments: [StoredText.instant(from), scope.id]) ?? ""
            let closed = try Row.fetchOne(db, sql: "SELECT count(*), max(date), total(length(label)) FROM closed_day")
            let name = try String.fetchOne(db, sql: owner, arguments: [StoredText.instant(from), scope.id]) ?? ""
            let count: Int64 = sessions?[0] ?? 0
            let newest: String? = sessions?[1]
            let sequences: Double = sessions?[2] ?? 0
            let closedCount: Int64 = closed?[0] ?? 0
            let closedLast: String? = closed?[1]
            let closedLabels: Double = closed?[2] ?? 0
            let key = [
                StoredText.instant(from), String(count), newest ?? "-", String(Int64(sequences)),
                String(closedCount), closedLast ?? "-", String(Int64(closedLabels)), name, protected,
            ].joined(separator: "|")
            return FeedContentVersion(key: key, lastModified: newest.flatMap(StoredText.instant(parsing:)))
        }
    }
}

/// Tells cheaply whether anything was committed to the database since the last look, by this
/// process or by another `parcours`: SQLite's `PRAGMA data_version` on a connection of its own,
/// which moves whenever any other connection commits. A feed server asks on every request (a few
/// microseconds) and re-reads tokens and content versions only when the number moved, so a
/// booking made from another terminal still changes the ETag on the very next request.
///
/// The question is asked of SQLite directly, on one read-only connection under a lock: through a
/// GRDB queue (a dispatch hop per call) it took 40 % of a 304 answer.
public final class DatabaseChangeWatch: @unchecked Sendable {
    // @unchecked: `connection` and `statement` are only touched under `lock`, or in init/deinit.
    private let lock = NSLock()
    private let connection: OpaquePointer
    private let statement: OpaquePointer
    private let path: String

    package init(path: String) throws(StoreError) {
        self.path = path
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close(opened)
            throw .io("\(path): cannot open the database to watch for changes: \(message)")
        }
        sqlite3_busy_timeout(opened, 5000)
        var prepared: OpaquePointer?
        guard sqlite3_prepare_v2(opened, "PRAGMA data_version", -1, &prepared, nil) == SQLITE_OK, let prepared else {
            let message = String(cString: sqlite3_errmsg(opened))
            sqlite3_close(opened)
            throw .sqlite("\(path): \(message)")
        }
        connection = opened
        statement = prepared
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close(connection)
    }

    /// A number that differs from the previous answer if and only if something was committed in
    /// between (by any connection but this watch's own, which never writes).
    public func version() throws(StoreError) -> Int64 {
        let answer: Result<Int64, StoreError> = lock.withLock {
            defer { sqlite3_reset(statement) }
            guard sqlite3_step(statement) == SQLITE_ROW else {
                return .failure(.sqlite("\(path): PRAGMA data_version: \(String(cString: sqlite3_errmsg(connection)))"))
            }
            return .success(sqlite3_column_int64(statement, 0))
        }
        return try answer.get()
    }
}

extension ParcoursStore {
    /// A watch on this store's file; keep one per server, it holds a connection.
    public func changeWatch() throws(StoreError) -> DatabaseChangeWatch {
        try DatabaseChangeWatch(path: path)
    }
}
