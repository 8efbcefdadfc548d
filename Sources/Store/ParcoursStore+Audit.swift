import Foundation
import GRDB

/// One line of the append-only audit log: who changed what, when, and why.
public struct AuditEntry: Hashable, Sendable {
    public var id: Int64
    public var at: Date
    public var actor: String
    /// What was done: `add-patient`, `update-enrolment`, `set-appointment-status`, …
    public var action: String
    /// The kind of record changed: `patient`, `enrolment`, `appointment`, …
    public var entity: String
    public var entityID: String
    /// The record before the change, as JSON; nil for an addition.
    public var before: String?
    /// The record after the change, as JSON; nil for a removal.
    public var after: String?
    public var reason: String?
}

extension ParcoursStore {
    /// The audit log, oldest first, for one record (`P-7KQ2`, an appointment id, an enrolment
    /// number) and/or from an instant on.
    public func auditEntries(entityID: String? = nil, since: Date? = nil) throws(StoreError) -> [AuditEntry] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let entityID {
                clauses.append("entity_id = ?")
                arguments += [entityID]
            }
            if let since {
                clauses.append("at >= ?")
                arguments += [StoredText.instant(since)]
            }
            let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM audit \(filter) ORDER BY id", arguments: arguments)
                .map { row throws(StoreError) in
                    let r = RowReader(row, table: "audit", idColumn: "id")
                    return AuditEntry(
                        id: try r.int64("id"), at: try r.instant("at"), actor: try r.text("actor"), action: try r.text("action"),
                        entity: try r.text("entity"), entityID: try r.text("entity_id"),
                        before: try r.optionalText("before_json"), after: try r.optionalText("after_json"),
                        reason: try r.optionalText("reason"))
                }
        }
    }

    /// Appends one audit row; called inside the transaction of the change it records.
    func audit(_ db: Database, actor: Actor, action: String, entity: String, id: String,
               before: String? = nil, after: String? = nil, reason: String?) throws {
        let name = actor.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw StoreError.constraint("every change needs the name of who makes it (pass --as NAME)")
        }
        try db.execute(
            sql: """
                INSERT INTO audit (at, actor, action, entity, entity_id, before_json, after_json, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [StoredText.instant(clock()), name, action, entity, id, before, after, reason])
    }

    /// A record as the audit log keeps it: JSON with sorted keys and ISO dates.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
