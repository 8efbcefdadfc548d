import CareModel
import GRDB

/// Editing rooms and interpreters, and taking them out of service or back: the administrator's
/// changes after `addRoom`/`addInterpreter`, each audited with the record before and after.
extension ParcoursStore {
    /// Replaces a room's name, capacity and features (its id and `active` stay as stored: see
    /// ``setActive(room:_:actor:reason:)``). An unknown id, a capacity under 1 or no feature is
    /// refused and nothing is saved. Sessions already booked keep the room.
    public func updateRoom(_ room: Room, actor: Actor, reason: String? = nil) throws(StoreError) {
        guard room.capacity > 0 else {
            throw StoreError.constraint("room \(room.id) needs a capacity of at least 1, not \(room.capacity)")
        }
        guard !room.features.isEmpty else { throw StoreError.constraint("room \(room.id) needs at least one feature") }
        try write { db in
            try replace(
                db, table: "room", id: room.id.rawValue, decode: Self.room(from:),
                record: room, keeping: \.active,
                set: "name = ?, capacity = ?, features = ?",
                arguments: [room.name, room.capacity, StoredText.set(room.features)], actor: actor, reason: reason)
        }
    }

    /// Replaces an interpreter's name, languages and hours (id and `active` stay as stored). An
    /// unknown id or no language is refused and nothing is saved. Sessions already booked keep
    /// the interpreter, even outside the new hours: the desk and `doctor` show them.
    public func updateInterpreter(_ interpreter: Interpreter, actor: Actor, reason: String? = nil) throws(StoreError) {
        guard !interpreter.languages.isEmpty else {
            throw StoreError.constraint("interpreter \(interpreter.id) needs at least one language")
        }
        try write { db in
            try replace(
                db, table: "interpreter", id: interpreter.id.rawValue, decode: Self.interpreter(from:),
                record: interpreter, keeping: \.active,
                set: "name = ?, languages = ?, hours = ?",
                arguments: [
                    interpreter.name, StoredText.set(interpreter.languages), StoredText.hours(interpreter.hours),
                ],
                actor: actor, reason: reason)
        }
    }

    /// Takes a room out of service (`active` false: never offered for a new booking, kept in
    /// history and reports) or back into it. Refused when it is already so, and nothing is saved.
    /// The sessions already booked there stay booked (Booking lists them as needing another
    /// room) unless `moving` gives them new places, written in the same transaction (audited with
    /// `moveReason`), so a replan and the deactivation happen together or not at all.
    public func setActive(
        room id: RoomID, _ active: Bool, moving: [Appointment] = [], actor: Actor, reason: String? = nil,
        moveReason: ((AppointmentID) -> String)? = nil
    ) throws(StoreError) {
        try setActive(
            table: "room", id: id.rawValue, active, moving: moving, actor: actor, reason: reason, moveReason: moveReason
        )
    }

    /// Takes an interpreter out of service or back into it, as
    /// ``setActive(room:_:moving:actor:reason:moveReason:)``.
    public func setActive(
        interpreter id: InterpreterID, _ active: Bool, moving: [Appointment] = [], actor: Actor,
        reason: String? = nil, moveReason: ((AppointmentID) -> String)? = nil
    ) throws(StoreError) {
        try setActive(
            table: "interpreter", id: id.rawValue, active, moving: moving, actor: actor, reason: reason,
            moveReason: moveReason)
    }

    private func setActive(
        table: String, id: String, _ active: Bool, moving: [Appointment], actor: Actor, reason: String?,
        moveReason: ((AppointmentID) -> String)?
    ) throws(StoreError) {
        try write { db in
            guard
                let now = try Bool.fetchOne(db, sql: "SELECT active FROM \(table) WHERE id = ?", arguments: [id])
            else { throw StoreError.notFound(kind: table, id: id) }
            guard now != active else {
                throw StoreError.conflict("\(table) \(id) is already \(active ? "active" : "inactive")")
            }
            try db.execute(sql: "UPDATE \(table) SET active = ? WHERE id = ?", arguments: [active, id])
            try audit(
                db, actor: actor, action: "\(active ? "reactivate" : "deactivate")-\(table)", entity: table, id: id,
                patient: nil, before: #"{"active":\#(now)}"#, after: #"{"active":\#(active)}"#, reason: reason)
            if !moving.isEmpty {
                try moveAll(db, moving.map { ($0.id, $0) }, actor: actor, reason: reason, reasonFor: moveReason)
            }
        }
    }

    /// `doctor`'s check: every session booked from now on with a room or an interpreter out of
    /// service. Deactivating lists them but moves nothing, so each stays a problem until the front
    /// desk gives it another room or interpreter.
    func inactiveResourceCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let sql = """
            SELECT a.id, a.start_utc, coalesce(r.id, i.id) AS resource,
                   CASE WHEN r.id IS NOT NULL THEN 'room' ELSE 'interpreter' END AS kind
              FROM appointment a
              LEFT JOIN room r ON r.id = a.room AND r.active = 0
              LEFT JOIN interpreter i ON i.id = a.interpreter AND i.active = 0
             WHERE a.status = 'booked' AND a.start_utc >= ? AND (r.id IS NOT NULL OR i.id IS NOT NULL)
             ORDER BY a.start_utc, a.id
            """
        let (rows, checked) = try read { db in
            (
                try Row.fetchAll(db, sql: sql, arguments: [StoredText.instant(clock())]),
                try Int.fetchOne(
                    db,
                    sql: "SELECT (SELECT count(*) FROM room WHERE active = 0) + "
                        + "(SELECT count(*) FROM interpreter WHERE active = 0)") ?? 0
            )
        }
        let examples = rows.prefix(HealthCheck.exampleLimit).map { row -> String in
            let id: String = row["id"] ?? "?", kind: String = row["kind"] ?? "?",
                resource: String = row["resource"] ?? "?"
            return "\(id) (\(Self.localWords(row["start_utc"]))) is booked with \(kind) \(resource), out of service"
        }
        return HealthCheck(name: name, title: title, checked: checked, problems: rows.count, examples: examples)
    }

    /// Writes `record`'s `set` columns over the stored clinician, room or interpreter (`table`; an
    /// unknown `id` is refused as not found), with the `keeping` field left as stored, and audits
    /// `edit-<table>` with the record before and after.
    func replace<Record: Encodable>(
        _ db: Database, table: String, id: String, decode: (Row) throws(StoreError) -> Record, record: Record,
        keeping stored: WritableKeyPath<Record, Bool>, set columns: String,
        arguments: [(any DatabaseValueConvertible)?], actor: Actor, reason: String?
    ) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(kind: table, id: id)
        }
        let before = try decode(row)
        var after = record
        after[keyPath: stored] = before[keyPath: stored]
        try db.execute(
            sql: "UPDATE \(table) SET \(columns) WHERE id = ?", arguments: StatementArguments(arguments + [id]))
        try audit(
            db, actor: actor, action: "edit-\(table)", entity: table, id: id, patient: nil, before: Self.json(before),
            after: Self.json(after), reason: reason)
    }
}
