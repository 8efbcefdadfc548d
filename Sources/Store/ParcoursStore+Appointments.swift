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
            let codes = String(
                decoding: try JSONSerialization.data(withJSONObject: patients.map(\.rawValue)), as: UTF8.self)
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
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT * FROM appointment WHERE patient IN (SELECT value FROM json_each(?)) ORDER BY start_utc, id
                    """, arguments: [codes])
            while let row = try rows.next() {
                let id: String = try RowReader(row, table: "appointment", idColumn: "id").text("id")
                let appointment = try appointment(from: row, clinicians: clinicians[id] ?? [])
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

    /// Appointments matching an SQL condition, in time order, with their clinicians in order.
    ///
    /// One statement whatever the number of matches: the clinicians come through a join rather
    /// than a query per appointment (a day of a 10,000-patient centre otherwise costs hundreds).
    /// The condition stays in a subquery on `appointment` alone, so its column names are unambiguous.
    func fetchAppointments(
        _ db: Database, where condition: String,
        _ arguments: StatementArguments
    ) throws -> [Appointment] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT a.*, c.clinician AS agenda_clinician FROM (SELECT * FROM appointment WHERE \(condition)) a
                LEFT JOIN appointment_clinician c ON c.appointment = a.id
                ORDER BY a.start_utc, a.id, c.position
                """,
            arguments: arguments)
        return try groupedAppointments(rows)
    }

    /// Folds rows of `appointment` joined with its clinicians (column `agenda_clinician`, ordered by
    /// appointment then position) into values, one per appointment, in the rows' order.
    func groupedAppointments(_ rows: RowCursor) throws -> [Appointment] {
        var found: [Appointment] = []
        var current: (id: String, row: Row, clinicians: [ClinicianID])?
        while let row = try rows.next() {
            let id = try RowReader(row, table: "appointment", idColumn: "id").text("id")
            let held: String? = row["agenda_clinician"]
            if current?.id == id {
                if let held { current?.clinicians.append(ClinicianID(held)) }
                continue
            }
            if let done = current { found.append(try appointment(from: done.row, clinicians: done.clinicians)) }
            // A cursor reuses its row: keep a copy of the first row of each appointment.
            current = (id, row.copy(), held.map { [ClinicianID($0)] } ?? [])
        }
        if let done = current { found.append(try appointment(from: done.row, clinicians: done.clinicians)) }
        return found
    }
}
