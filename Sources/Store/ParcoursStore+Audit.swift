import CareModel
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
    /// The patient the change is about (their record, appointment, enrolment, measure, group
    /// place); nil for changes about staff, rooms, tokens or the calendar.
    public var patient: PatientCode?
    /// The record before the change, as JSON; nil for an addition.
    public var before: String?
    /// The record after the change, as JSON; nil for a removal.
    public var after: String?
    public var reason: String?
}

/// Which audit rows to read; every field narrows, nil fields do not.
public struct AuditQuery: Sendable, Hashable {
    /// Every row about this patient, whatever the record (appointment, enrolment, measure…).
    public var patient: PatientCode?
    /// One record: `P-7KQ2`, an appointment id, an enrolment number.
    public var entityID: String?
    public var since: Date?
    public var actor: String?
    /// At most this many rows (the oldest, or the newest with `newestFirst`).
    public var limit: Int?
    public var newestFirst: Bool

    public init(
        patient: PatientCode? = nil, entityID: String? = nil, since: Date? = nil, actor: String? = nil,
        limit: Int? = nil, newestFirst: Bool = false
    ) {
        self.patient = patient
        self.entityID = entityID
        self.since = since
        self.actor = actor
        self.limit = limit
        self.newestFirst = newestFirst
    }
}

extension ParcoursStore {
    /// The audit log, oldest first, for one record (`P-7KQ2`, an appointment id, an enrolment
    /// number) and/or from an instant on.
    public func auditEntries(entityID: String? = nil, since: Date? = nil) throws(StoreError) -> [AuditEntry] {
        try auditEntries(AuditQuery(entityID: entityID, since: since))
    }

    /// The audit rows `query` selects, in the order it asks for.
    public func auditEntries(_ query: AuditQuery) throws(StoreError) -> [AuditEntry] {
        try read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let patient = query.patient {
                clauses.append("patient = ?")
                arguments += [patient.rawValue]
            }
            if let entityID = query.entityID {
                clauses.append("entity_id = ?")
                arguments += [entityID]
            }
            if let since = query.since {
                clauses.append("at >= ?")
                arguments += [StoredText.instant(since)]
            }
            if let actor = query.actor {
                clauses.append("actor = ?")
                arguments += [actor]
            }
            let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let order = query.newestFirst ? "DESC" : ""
            let limit = query.limit.map { " LIMIT \(max(0, $0))" } ?? ""
            return try Row.fetchAll(
                db, sql: "SELECT * FROM audit \(filter) ORDER BY id \(order)\(limit)", arguments: arguments
            )
            .map { row throws(StoreError) in
                let r = RowReader(row, table: "audit", idColumn: "id")
                return AuditEntry(
                    id: try r.int64("id"), at: try r.instant("at"), actor: try r.text("actor"),
                    action: try r.text("action"),
                    entity: try r.text("entity"), entityID: try r.text("entity_id"),
                    patient: try r.optionalText("patient").map { PatientCode($0) },
                    before: try r.optionalText("before_json"), after: try r.optionalText("after_json"),
                    reason: try r.optionalText("reason"))
            }
        }
    }

    /// Appends one audit row; called inside the transaction of the change it records.
    ///
    /// `patient` has no default on purpose: every caller says whom the change is about (or nil),
    /// so `parcours audit --patient` cannot miss a kind of change added later.
    func audit(
        _ db: Database, actor: Actor, action: String, entity: String, id: String, patient: PatientCode?,
        before: String? = nil, after: String? = nil, reason: String?
    ) throws {
        let name = actor.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw StoreError.constraint("every change needs the name of who makes it (pass --as NAME)")
        }
        let values: [String?] = [
            StoredText.instant(clock()), name, action, entity, id, patient?.rawValue, before, after, reason,
        ]
        // Inside the write transaction that holds the lock: no other row can come in between.
        let previous =
            try String.fetchOne(db, sql: "SELECT chain FROM audit ORDER BY id DESC LIMIT 1") ?? AuditChain.origin
        try db.execute(
            sql: """
                INSERT INTO audit (at, actor, action, entity, entity_id, patient, before_json, after_json, reason, chain)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: StatementArguments(
                (values + [AuditChain.link(previous: previous, values: values)]).map {
                    $0 as (any DatabaseValueConvertible)?
                }))
    }

    /// A record as the audit log keeps it: JSON with sorted keys and ISO dates.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
