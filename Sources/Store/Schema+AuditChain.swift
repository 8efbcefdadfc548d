import Crypto
import Foundation
import GRDB

/// Migration v8 (safety): a tamper-evident audit log.
///
/// Each audit row carries `chain`, the SHA-256 of its own content and of the previous row's
/// `chain`: rewriting, inserting or deleting a row (after dropping the append-only triggers with
/// sqlite3, say) breaks the chain at that row, and `parcours doctor` or `parcours audit verify`
/// names it. The rows written before this migration are chained here, in id order, with the
/// append-only guard lifted and put back inside this one migration transaction, as v6 did.
extension Schema {
    package static let v8AuditChain = "v8-safety-audit-chain"

    static func migrateAuditChain(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER audit_no_update;
                ALTER TABLE audit ADD COLUMN chain TEXT;
                """)
        var previous = AuditChain.origin
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditChain.selection) FROM audit ORDER BY id")
        var hashes: [(Int64, String)] = []
        while let row = try rows.next() {
            previous = AuditChain.link(previous: previous, row: row)
            hashes.append((row[0], previous))
        }
        for (id, hash) in hashes {
            try db.execute(sql: "UPDATE audit SET chain = ? WHERE id = ?", arguments: [hash, id])
        }
        try db.execute(
            sql: """
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
                CREATE TRIGGER audit_chained BEFORE INSERT ON audit WHEN NEW.chain IS NULL OR length(NEW.chain) <> 64
                BEGIN SELECT RAISE(ABORT, 'every audit row carries its chain hash'); END;
                """)
    }
}

/// How an audit row is hashed into the chain: SHA-256 over the previous row's hash and every
/// column of the row but its id and its own hash, each as text (NULL kept apart from empty).
package enum AuditChain {
    /// The "previous hash" of the first row.
    package static let origin = String(repeating: "0", count: 64)
    static let columns = [
        "at", "actor", "action", "entity", "entity_id", "patient", "before_json", "after_json", "reason",
    ]

    /// The columns a chain reads, in hashing order, for `SELECT \(selection) FROM audit`.
    static let selection = (["id", "chain"] + columns).joined(separator: ", ")

    /// The hash of a row read with ``selection``: its values by position, not by name (the
    /// doctor hashes every row of the log).
    static func link(previous: String, row: Row) -> String {
        link(previous: previous, values: (0..<columns.count).map { row[$0 + 2] as String? })
    }

    static func link(previous: String, values: [String?]) -> String {
        var hash = SHA256()
        hash.update(data: Data(previous.utf8))
        for value in values {
            hash.update(data: Data([0x1F]))
            if let value { hash.update(data: Data(("=" + value).utf8)) } else { hash.update(data: Data([0x00])) }
        }
        return hex(hash.finalize())
    }

    /// Lower-case hex, without a formatted string per byte: the doctor hashes every audit row.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
