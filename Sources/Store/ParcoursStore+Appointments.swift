import CareModel
import Foundation
import GRDB

/// Appointments: booked sessions, their clinicians and what became of them.
///
/// The scheduler decides what to book; this only saves and reads. Conflict checks inside the
/// booking transaction (double-booking triggers) come with the scheduler.
extension ParcoursStore {
    /// Saves a batch of appointments, all or none (a whole series is booked at once).
    public func addAppointments(_ appointments: [Appointment], actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in
            var seen: Set<AppointmentID> = []
            for appointment in appointments {
                guard seen.insert(appointment.id).inserted,
                    try !exists(db, "appointment", "id", appointment.id.rawValue)
                else { throw StoreError.duplicate(kind: "appointment", id: appointment.id.rawValue) }
                try checkReferences(db, appointment)
                try insert(db, appointment)
                try audit(
                    db, actor: actor, action: "add-appointment", entity: "appointment", id: appointment.id.rawValue,
                    patient: appointment.patient,
                    after: Self.json(appointment), reason: reason)
            }
        }
    }

    /// Records what became of a session (attended, no-show, cancelled); bumps its sequence so
    /// calendar feeds see the change.
    ///
    /// `expected` is the status the caller saw: if another secretary changed the session since
    /// (a cancel racing an attendance), the change is refused as a conflict instead of
    /// overwriting theirs.
    public func setAppointmentStatus(
        _ id: AppointmentID, _ status: AppointmentStatus, expected: AppointmentStatus? = nil,
        actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        try write { db in
            _ = try changeStatus(db, id, to: status, expected: expected, actor: actor, reason: reason)
        }
    }

    /// One status change with its audit row, inside the caller's transaction; returns the session as it is now.
    func changeStatus(
        _ db: Database, _ id: AppointmentID, to status: AppointmentStatus, expected: AppointmentStatus?,
        actor: Actor, reason: String?
    ) throws -> Appointment {
        guard let before = try fetchAppointments(db, where: "id = ?", [id.rawValue]).first else {
            throw StoreError.notFound(kind: "appointment", id: id.rawValue)
        }
        if let expected, before.status != expected {
            throw StoreError.conflict(
                "session \(id) is now \(before.status.rawValue), not \(expected.rawValue): someone changed it since it was read; "
                    + "nothing was changed, look at it again with parcours status \(before.patient)")
        }
        try db.execute(
            sql: "UPDATE appointment SET status = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
            arguments: [status.rawValue, StoredText.instant(clock()), id.rawValue])
        var after = before
        after.status = status
        try audit(
            db, actor: actor, action: "set-appointment-status", entity: "appointment", id: id.rawValue,
            patient: before.patient, before: Self.json(before), after: Self.json(after), reason: reason)
        return after
    }

    /// A patient's appointments in time order, whatever their status.
    public func appointments(patient: PatientCode) throws(StoreError) -> [Appointment] {
        try read { db in try fetchAppointments(db, where: "patient = ?", [patient.rawValue]) }
    }

    /// The appointments of each of `patients`, in time order, in one read: a waiting list of
    /// thousands otherwise costs a query per patient and another per session for its clinicians.
    /// Patients without appointments have no entry.
    public func appointmentsByPatient(
        _ patients: some Sequence<PatientCode>
    ) throws(StoreError) -> [PatientCode: [Appointment]] {
        return try read { db in
            // One JSON array argument, expanded by SQLite's json_each: no statement per patient.
            let codes = Self.jsonArray(patients.map(\.rawValue))
            var clinicians: [String: [ClinicianID]] = [:]
            let links = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.appointment, c.clinician FROM appointment_clinician c JOIN appointment a ON a.id = c.appointment
                    WHERE a.patient IN (SELECT value FROM json_each(?)) ORDER BY c.appointment, c.position
                    """, arguments: [codes])
            while let row = try links.next() {
                clinicians[try row.decode(String.self, atIndex: 0), default: []].append(
                    ClinicianID(try row.decode(String.self, atIndex: 1)))
            }
            var result: [PatientCode: [Appointment]] = [:]
            let statement = try db.cachedStatement(
                sql:
                    "SELECT * FROM appointment WHERE patient IN (SELECT value FROM json_each(?)) ORDER BY start_utc, id"
            )
            let rows = try Row.fetchCursor(statement, arguments: [codes])
            let columns = ColumnPositions(statement.columnNames)
            while let row = try rows.next() {
                let id: String = try RowReader(row, table: "appointment", idColumn: "id", columns: columns).text("id")
                let appointment = try appointment(from: row, clinicians: clinicians[id] ?? [], columns: columns)
                result[appointment.patient, default: []].append(appointment)
            }
            return result
        }
    }

    /// One appointment, or nil.
    public func appointment(_ id: AppointmentID) throws(StoreError) -> Appointment? {
        try read { db in try fetchAppointments(db, where: "id = ?", [id.rawValue]).first }
    }

    /// The sessions a patient attended (optionally on one track), as the pathway engine counts
    /// them: step, local day in the centre's time zone, first clinician.
    public func heldSessions(
        patient: PatientCode, track: TrackID? = nil,
        in zone: ClinicTimeZone = .paris
    ) throws(StoreError) -> [HeldSession] {
        try appointments(patient: patient)
            .filter { $0.status == .attended && (track == nil || $0.track == track) }
            .map { HeldSession(step: $0.step, date: zone.local($0.start).date, clinician: $0.clinicians.first) }
    }

    func checkReferences(_ db: Database, _ appointment: Appointment) throws {
        let id = appointment.id.rawValue
        guard appointment.end > appointment.start else {
            throw StoreError.constraint("appointment \(id) ends before it starts")
        }
        guard appointment.occurrence >= 1 else {
            throw StoreError.constraint(
                "appointment \(id) has occurrence \(appointment.occurrence); occurrences count from 1")
        }
        guard try exists(db, "patient", "code", appointment.patient.rawValue) else {
            throw StoreError.notFound(kind: "patient", id: appointment.patient.rawValue)
        }
        guard Set(appointment.clinicians).count == appointment.clinicians.count else {
            throw StoreError.constraint("appointment \(id) lists the same clinician twice")
        }
        for clinician in appointment.clinicians where try !exists(db, "clinician", "id", clinician.rawValue) {
            throw StoreError.notFound(kind: "clinician", id: clinician.rawValue)
        }
        if let room = appointment.room, try !exists(db, "room", "id", room.rawValue) {
            throw StoreError.notFound(kind: "room", id: room.rawValue)
        }
        if let interpreter = appointment.interpreter, try !exists(db, "interpreter", "id", interpreter.rawValue) {
            throw StoreError.notFound(kind: "interpreter", id: interpreter.rawValue)
        }
    }

    func insert(_ db: Database, _ appointment: Appointment) throws {
        let now = StoredText.instant(clock())
        try db.execute(
            sql: """
                INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, room, interpreter,
                    status, cohort, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                appointment.id.rawValue, appointment.patient.rawValue, appointment.track.rawValue,
                appointment.step.rawValue, appointment.occurrence, StoredText.instant(appointment.start),
                StoredText.instant(appointment.end), appointment.room?.rawValue, appointment.interpreter?.rawValue,
                appointment.status.rawValue, appointment.cohort, now, now,
            ])
        for (position, clinician) in appointment.clinicians.enumerated() {
            try db.execute(
                sql: "INSERT INTO appointment_clinician (appointment, clinician, position) VALUES (?, ?, ?)",
                arguments: [appointment.id.rawValue, clinician.rawValue, position])
        }
    }

    /// Appointments matching an SQL condition, in time order (or in the order SQLite finds them
    /// with `inTimeOrder` false, for a caller that sorts them itself), with their clinicians in order.
    ///
    /// Two statements whatever the number of rows: the clinicians of every matching row come in
    /// one query, not one per row (a snapshot of thousands of sessions otherwise prepares
    /// thousands of statements, the bulk of `bench simulate`'s daily check and of every booking).
    func fetchAppointments(
        _ db: Database, where condition: String,
        _ arguments: StatementArguments, inTimeOrder: Bool = true
    ) throws -> [Appointment] {
        // Cached statements: each call site's SQL is fixed, and a booking reads the calendar
        // several times, so compiling (and authorising) it again each time was measurable.
        let order = inTimeOrder ? " ORDER BY start_utc, id" : ""
        let statement = try db.cachedStatement(sql: "SELECT * FROM appointment WHERE \(condition)\(order)")
        let rows = try Row.fetchAll(statement, arguments: arguments)
        guard rows.count > 1 else { return try rows.map { row throws in try appointment(db, from: row) } }
        var clinicians: [String: [ClinicianID]] = [:]
        let links = try Row.fetchCursor(
            try db.cachedStatement(
                sql: """
                    SELECT appointment, clinician FROM appointment_clinician
                    WHERE appointment IN (SELECT id FROM appointment WHERE \(condition))
                    ORDER BY appointment, position
                    """), arguments: arguments)
        while let link = try links.next() {
            clinicians[try link.decode(String.self, atIndex: 0), default: []].append(
                ClinicianID(try link.decode(String.self, atIndex: 1)))
        }
        let columns = ColumnPositions(statement.columnNames)
        return try rows.map { row throws in
            let id = try RowReader(row, table: "appointment", idColumn: "id", columns: columns).text("id")
            return try appointment(from: row, clinicians: clinicians[id] ?? [], columns: columns)
        }
    }

    /// One `appointment` row as a value, with its clinicians in order.
    func appointment(_ db: Database, from row: Row) throws -> Appointment {
        let id = try RowReader(row, table: "appointment", idColumn: "id").text("id")
        let clinicians = try String.fetchAll(
            try db.cachedStatement(
                sql: "SELECT clinician FROM appointment_clinician WHERE appointment = ? ORDER BY position"),
            arguments: [id])
        return try appointment(from: row, clinicians: clinicians.map { ClinicianID($0) })
    }

    /// Folds rows of `appointment` joined with its clinicians (column `agenda_clinician`, ordered by
    /// appointment then position) into values, one per appointment, in the rows' order; `columns`
    /// are the statement's (decoding by position, `ColumnPositions`).
    func groupedAppointments(_ rows: RowCursor, columns: ColumnPositions) throws -> [Appointment] {
        var found: [Appointment] = []
        var current: (id: String, row: Row, clinicians: [ClinicianID])?
        let heldColumn = columns["agenda_clinician"]
        while let row = try rows.next() {
            let id = try RowReader(row, table: "appointment", idColumn: "id", columns: columns).text("id")
            let held: String? =
                try heldColumn.map { index throws in try row.decode(String?.self, atIndex: index) } ?? nil
            if current?.id == id {
                if let held { current?.clinicians.append(ClinicianID(held)) }
                continue
            }
            if let done = current {
                found.append(try appointment(from: done.row, clinicians: done.clinicians, columns: columns))
            }
            // A cursor reuses its row: keep a copy of the first row of each appointment.
            current = (id, row.copy(), held.map { [ClinicianID($0)] } ?? [])
        }
        if let done = current {
            found.append(try appointment(from: done.row, clinicians: done.clinicians, columns: columns))
        }
        return found
    }
}
