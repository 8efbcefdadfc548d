import CareModel
import GRDB

/// Clinicians, rooms and interpreters: the resources a session books.
extension ParcoursStore {
    /// Adds a clinician, with their workload caps when any (audited as `set-clinician-caps`, in
    /// the same transaction); an id already in use or a cap out of range is refused and nothing
    /// is saved.
    public func addClinician(
        _ clinician: Clinician, caps: WorkloadCaps = WorkloadCaps(), actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        try Self.checkCaps(caps)
        try write { db in
            if try exists(db, "clinician", "id", clinician.id.rawValue) {
                throw StoreError.duplicate(kind: "clinician", id: clinician.id.rawValue)
            }
            try db.execute(
                sql:
                    "INSERT INTO clinician (id, name, role, skills, languages, hours, active) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    clinician.id.rawValue, clinician.name, clinician.role.rawValue, StoredText.set(clinician.skills),
                    StoredText.set(clinician.languages), StoredText.hours(clinician.hours), clinician.active,
                ])
            try audit(
                db, actor: actor, action: "add-clinician", entity: "clinician", id: clinician.id.rawValue, patient: nil,
                after: Self.json(clinician), reason: reason)
            if !caps.isEmpty { try writeCaps(db, caps, of: clinician.id, actor: actor, reason: reason) }
        }
    }

    /// One clinician by id; nil when there is none, so the caller can word its own message.
    public func clinician(_ id: ClinicianID) throws(StoreError) -> Clinician? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM clinician WHERE id = ?", arguments: [id.rawValue])
                .map { row throws(StoreError) in try Self.clinician(from: row) }
        }
    }

    /// Every clinician, active or not, ordered by id.
    public func clinicians() throws(StoreError) -> [Clinician] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM clinician ORDER BY id").map { row throws(StoreError) in
                try Self.clinician(from: row)
            }
        }
    }

    static func clinician(from row: Row) throws(StoreError) -> Clinician {
        let r = RowReader(row, table: "clinician", idColumn: "id")
        return Clinician(
            id: ClinicianID(try r.text("id")), name: try r.text("name"), role: try r.value("role"),
            skills: try r.set("skills"), languages: try r.languages("languages"),
            hours: try r.hours("hours"), active: try r.bool("active"))
    }

    /// Adds a room; an id already in use is refused and nothing is saved.
    public func addRoom(_ room: Room, actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in
            if try exists(db, "room", "id", room.id.rawValue) {
                throw StoreError.duplicate(kind: "room", id: room.id.rawValue)
            }
            guard room.capacity > 0 else {
                throw StoreError.constraint("room \(room.id) needs a capacity of at least 1, not \(room.capacity)")
            }
            try db.execute(
                sql: "INSERT INTO room (id, name, capacity, features, active) VALUES (?, ?, ?, ?, ?)",
                arguments: [room.id.rawValue, room.name, room.capacity, StoredText.set(room.features), room.active])
            try audit(
                db, actor: actor, action: "add-room", entity: "room", id: room.id.rawValue, patient: nil,
                after: Self.json(room), reason: reason)
        }
    }

    /// One room by id; nil when there is none, so the caller can word its own message.
    public func room(_ id: RoomID) throws(StoreError) -> Room? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM room WHERE id = ?", arguments: [id.rawValue])
                .map { row throws(StoreError) in try Self.room(from: row) }
        }
    }

    /// Every room, in use or not, ordered by id (history and reports name the old ones too).
    public func rooms() throws(StoreError) -> [Room] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM room ORDER BY id").map { row throws(StoreError) in
                try Self.room(from: row)
            }
        }
    }

    static func room(from row: Row) throws(StoreError) -> Room {
        let r = RowReader(row, table: "room", idColumn: "id")
        return Room(
            id: RoomID(try r.text("id")), name: try r.text("name"), capacity: try r.int("capacity"),
            features: try r.set("features"), active: try r.bool("active"))
    }

    /// Adds an interpreter; an id already in use is refused and nothing is saved.
    public func addInterpreter(_ interpreter: Interpreter, actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in
            if try exists(db, "interpreter", "id", interpreter.id.rawValue) {
                throw StoreError.duplicate(kind: "interpreter", id: interpreter.id.rawValue)
            }
            guard !interpreter.languages.isEmpty else {
                throw StoreError.constraint("interpreter \(interpreter.id) needs at least one language")
            }
            try db.execute(
                sql: "INSERT INTO interpreter (id, name, languages, hours, active) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    interpreter.id.rawValue, interpreter.name, StoredText.set(interpreter.languages),
                    StoredText.hours(interpreter.hours), interpreter.active,
                ])
            try audit(
                db, actor: actor, action: "add-interpreter", entity: "interpreter", id: interpreter.id.rawValue,
                patient: nil,
                after: Self.json(interpreter), reason: reason)
        }
    }

    /// One interpreter by id; nil when there is none, so the caller can word its own message.
    public func interpreter(_ id: InterpreterID) throws(StoreError) -> Interpreter? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM interpreter WHERE id = ?", arguments: [id.rawValue])
                .map { row throws(StoreError) in try Self.interpreter(from: row) }
        }
    }

    /// Every interpreter, working or not, ordered by id (history and reports name the old ones too).
    public func interpreters() throws(StoreError) -> [Interpreter] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM interpreter ORDER BY id").map { row throws(StoreError) in
                try Self.interpreter(from: row)
            }
        }
    }

    static func interpreter(from row: Row) throws(StoreError) -> Interpreter {
        let r = RowReader(row, table: "interpreter", idColumn: "id")
        return Interpreter(
            id: InterpreterID(try r.text("id")), name: try r.text("name"),
            languages: try r.languages("languages"), hours: try r.hours("hours"), active: try r.bool("active"))
    }
}
