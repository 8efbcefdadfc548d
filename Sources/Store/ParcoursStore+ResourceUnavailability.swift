import CareModel
import Foundation
import GRDB

/// When a room or an interpreter cannot be booked: recorded, listed, removed, each audited.
extension ParcoursStore {
    /// Records `unavailability` and moves the sessions it hits (`moves`, same ids) in one
    /// transaction, all or nothing, each move audited with `moveReason(id)`. An unknown room or
    /// interpreter, an end not after its start or a blank reason refuses it and nothing changes.
    /// A window already inside one recorded for the same resource is not recorded again (so the
    /// same command run twice, the second time with `--replan`, adds no row): that row is
    /// returned with `added` false, and the moves still happen.
    @discardableResult
    public func addUnavailability(
        _ unavailability: ResourceUnavailability, moving moves: [Appointment] = [], actor: Actor,
        moveReason: @escaping (AppointmentID) -> String = { _ in "resource unavailable" }
    ) throws(StoreError) -> (saved: ResourceUnavailability, added: Bool) {
        let reason = unavailability.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let resource = unavailability.resource
        guard unavailability.end > unavailability.start else {
            throw StoreError.constraint(
                "the unavailability of \(resource) from \(StoredText.instant(unavailability.start)) "
                    + "ends before it starts")
        }
        guard !reason.isEmpty else { throw StoreError.constraint("the unavailability of \(resource) needs a reason") }
        return try write { db in
            guard try exists(db, resource.kind, "id", resource.id) else {
                throw StoreError.notFound(kind: resource.kind, id: resource.id)
            }
            let from = StoredText.instant(unavailability.start), to = StoredText.instant(unavailability.end)
            let column = resource.kind
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM resource_unavailability WHERE \(column) = ? AND from_utc <= ? AND to_utc >= ?
                    ORDER BY id LIMIT 1
                    """,
                arguments: [resource.id, from, to])
            {
                if !moves.isEmpty {
                    try moveAll(db, moves.map { ($0.id, $0) }, actor: actor, reason: reason, reasonFor: moveReason)
                }
                return (try Self.unavailability(from: row), false)
            }
            let now = clock()
            try db.execute(
                sql: """
                    INSERT INTO resource_unavailability (\(column), from_utc, to_utc, reason, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [resource.id, from, to, reason, actor.name, StoredText.instant(now)])
            var saved = unavailability
            saved.id = db.lastInsertedRowID
            saved.reason = reason
            saved.createdBy = actor.name
            saved.createdAt = StoredText.instant(parsing: StoredText.instant(now))
            try audit(
                db, actor: actor, action: "add-unavailability", entity: "resource_unavailability",
                id: String(db.lastInsertedRowID), patient: nil, after: Self.json(saved), reason: reason)
            if !moves.isEmpty {
                try moveAll(db, moves.map { ($0.id, $0) }, actor: actor, reason: reason, reasonFor: moveReason)
            }
            return (saved, true)
        }
    }

    /// Stretches of unavailability that overlap `[from, to)` (nil is open-ended), of one resource
    /// or of every room and interpreter (`kind` "room" or "interpreter" narrows to one kind), in
    /// time order.
    public func unavailabilities(
        of resource: UnavailableResource? = nil, kind: String? = nil, from: Date? = nil, to: Date? = nil
    ) throws(StoreError) -> [ResourceUnavailability] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM resource_unavailability
                    WHERE (?1 IS NULL OR room = ?1) AND (?2 IS NULL OR interpreter = ?2)
                        AND (?3 IS NULL OR (?3 = 'room' AND room IS NOT NULL)
                            OR (?3 = 'interpreter' AND interpreter IS NOT NULL))
                        AND to_utc > ?4 AND from_utc < ?5
                    ORDER BY from_utc, room, interpreter, id
                    """,
                arguments: [
                    resource.flatMap { if case let .room(id) = $0 { id.rawValue } else { nil } },
                    resource.flatMap { if case let .interpreter(id) = $0 { id.rawValue } else { nil } },
                    kind, from.map(StoredText.instant) ?? "0000", to.map(StoredText.instant) ?? "9999",
                ]
            ).map { row throws(StoreError) in try Self.unavailability(from: row) }
        }
    }

    /// Removes one stretch of unavailability by id, audited with what it was; an unknown id is
    /// refused. The sessions moved when it was recorded stay where they went.
    @discardableResult
    public func removeUnavailability(
        _ id: Int64, actor: Actor, reason: String? = nil
    ) throws(StoreError) -> ResourceUnavailability {
        try write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM resource_unavailability WHERE id = ?", arguments: [id])
            else { throw StoreError.notFound(kind: "unavailability", id: String(id)) }
            let removed = try Self.unavailability(from: row)
            try db.execute(sql: "DELETE FROM resource_unavailability WHERE id = ?", arguments: [id])
            try audit(
                db, actor: actor, action: "remove-unavailability", entity: "resource_unavailability",
                id: String(id), patient: nil, before: Self.json(removed), reason: reason)
            return removed
        }
    }

    static func unavailability(from row: Row) throws(StoreError) -> ResourceUnavailability {
        let r = RowReader(row, table: "resource_unavailability", idColumn: "id")
        let resource: UnavailableResource
        if let room = try r.optionalText("room") {
            resource = .room(RoomID(room))
        } else {
            resource = .interpreter(InterpreterID(try r.text("interpreter")))
        }
        return ResourceUnavailability(
            id: try r.int64("id"), resource: resource, start: try r.instant("from_utc"), end: try r.instant("to_utc"),
            reason: try r.text("reason"), createdBy: try r.text("created_by"), createdAt: try r.instant("created_at"))
    }
}

extension ParcoursStore {
    /// `doctor`'s check: every active (booked or attended) session that uses a room or an
    /// interpreter during one of its recorded unavailabilities. Booking never makes one; a row
    /// written by hand, or an unavailability recorded without `--replan` and not yet dealt with,
    /// does.
    func unavailabilityCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let sql = """
            SELECT a.id, a.start_utc, u.id AS unavailability, coalesce(u.room, u.interpreter) AS resource,
                   CASE WHEN u.room IS NOT NULL THEN 'room' ELSE 'interpreter' END AS kind
              FROM resource_unavailability u
              JOIN appointment a ON a.status IN \(Schema.active)
                   AND ((u.room IS NOT NULL AND a.room = u.room)
                        OR (u.interpreter IS NOT NULL AND a.interpreter = u.interpreter))
                   AND a.start_utc < u.to_utc AND u.from_utc < a.end_utc
             ORDER BY a.start_utc, a.id, u.id
            """
        let (rows, checked) = try read { db in
            (
                try Row.fetchAll(db, sql: sql),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM resource_unavailability") ?? 0
            )
        }
        let examples = rows.prefix(HealthCheck.exampleLimit).map { row -> String in
            let id: String = row["id"] ?? "?", kind: String = row["kind"] ?? "?",
                resource: String = row["resource"] ?? "?"
            let record: Int64 = row["unavailability"] ?? 0
            return "\(id) (\(Self.localWords(row["start_utc"]))) uses \(kind) \(resource) while it is unavailable "
                + "(unavailability \(record))"
        }
        return HealthCheck(name: name, title: title, checked: checked, problems: rows.count, examples: examples)
    }
}
