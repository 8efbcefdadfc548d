import CareModel
import Foundation
import GRDB

/// Booking transactions: what the scheduler proposed, committed only if it still fits.
///
/// The scheduler worked on a snapshot; another secretary may have booked since. Each booking
/// re-checks every resource inside its `BEGIN IMMEDIATE` transaction and names the first
/// conflict; the schema's triggers stand behind it for callers that skip this code.
extension ParcoursStore {
    /// Books a whole proposal (a series, a next session, a cohort), all or nothing.
    public func book(_ appointments: [Appointment], actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in
            for appointment in appointments { try bookOne(db, appointment, actor: actor, reason: reason) }
        }
    }

    /// Checks and inserts one new session inside the caller's transaction.
    func bookOne(_ db: Database, _ appointment: Appointment, actor: Actor, reason: String?) throws {
        guard try !exists(db, "appointment", "id", appointment.id.rawValue) else {
            throw StoreError.duplicate(kind: "appointment", id: appointment.id.rawValue)
        }
        try checkReferences(db, appointment)
        if let conflict = try firstConflict(db, appointment) ?? alreadyBooked(db, appointment) {
            throw StoreError.conflict(conflict)
        }
        try insert(db, appointment)
        try audit(
            db, actor: actor, action: "book", entity: "appointment", id: appointment.id.rawValue,
            patient: appointment.patient,
            after: Self.json(appointment), reason: reason)
    }

    /// Moves a session to a new time (and possibly new resources), keeping its id so calendar
    /// feeds update the same event; the sequence is raised.
    public func move(_ id: AppointmentID, to moved: Appointment, actor: Actor, reason: String? = nil) throws(StoreError)
    {
        try move([(id, moved)], actor: actor, reason: reason)
    }

    /// Moves several sessions at once (the rest of a series), all or nothing. Each is re-checked
    /// against everything else, the sessions moved before it in this batch included.
    public func move(_ moves: [(AppointmentID, Appointment)], actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in try moveAll(db, moves, actor: actor, reason: reason) }
    }

    /// The body of ``move(_:actor:reason:)`` inside a caller's transaction.
    /// `reasonFor` gives a session its own audit reason (leave: same clinician or a colleague).
    func moveAll(
        _ db: Database, _ moves: [(AppointmentID, Appointment)], actor: Actor, reason: String?,
        reasonFor: ((AppointmentID) -> String)? = nil
    ) throws {
        let ids = moves.map(\.0.rawValue)
        var befores: [AppointmentID: Appointment] = [:]
        for id in ids {
            guard let before = try fetchAppointments(db, where: "id = ?", [id]).first else {
                throw StoreError.notFound(kind: "appointment", id: id)
            }
            guard before.status == .booked else {
                throw StoreError.constraint(
                    "appointment \(id) is \(before.status.rawValue); only a booked session can be moved")
            }
            befores[before.id] = before
        }
        // Set aside inside the transaction, each moving session is put back at its new time in
        // turn and checked against everything active then: the sessions not moving and those
        // already moved. Nothing of this is visible outside the transaction.
        var sequences: [String: Int] = [:]
        for id in ids {
            sequences[id] = try Int.fetchOne(db, sql: "SELECT sequence FROM appointment WHERE id = ?", arguments: [id])
        }
        let placeholders = ids.map { _ in "?" }.joined(separator: ", ")
        try db.execute(
            sql: "UPDATE appointment SET status = 'cancelled-by-centre' WHERE id IN (\(placeholders))",
            arguments: StatementArguments(ids))
        for (id, moved) in moves {
            guard let before = befores[id] else { continue }
            try moveOne(db, id, before: before, to: moved, actor: actor, reason: reasonFor?(id) ?? reason)
        }
        // Setting aside raised each sequence once more than a calendar needs to see.
        for (id, sequence) in sequences {
            try db.execute(sql: "UPDATE appointment SET sequence = ? WHERE id = ?", arguments: [sequence + 1, id])
        }
    }

    private func moveOne(
        _ db: Database, _ id: AppointmentID, before: Appointment, to moved: Appointment, actor: Actor,
        reason: String?
    ) throws {
        do {
            var after = moved
            after.id = id
            after.status = .booked
            try checkReferences(db, after)
            if let conflict = try firstConflict(db, after) { throw StoreError.conflict(conflict) }
            // New clinicians: the old ones let go first, so the schema's guard does not judge the
            // new time against the clinicians the session is leaving.
            let newClinicians = after.clinicians != before.clinicians
            if newClinicians {
                try db.execute(sql: "DELETE FROM appointment_clinician WHERE appointment = ?", arguments: [id.rawValue])
            }
            try db.execute(
                sql: """
                    UPDATE appointment SET start_utc = ?, end_utc = ?, room = ?, interpreter = ?, status = 'booked',
                        sequence = sequence + 1, updated_at = ? WHERE id = ?
                    """,
                arguments: [
                    StoredText.instant(after.start), StoredText.instant(after.end), after.room?.rawValue,
                    after.interpreter?.rawValue, StoredText.instant(clock()), id.rawValue,
                ])
            if newClinicians {
                for (position, clinician) in after.clinicians.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO appointment_clinician (appointment, clinician, position) VALUES (?, ?, ?)",
                        arguments: [id.rawValue, clinician.rawValue, position])
                }
            }
            try clearOverride(db, id)
            try audit(
                db, actor: actor, action: "move", entity: "appointment", id: id.rawValue, patient: before.patient,
                before: Self.json(before), after: Self.json(after), reason: reason)
        }
    }

    /// Records what became of a session and, when the pathway moved, the enrolment's new state,
    /// in one transaction: attendance and pathway never disagree. `expected` as in
    /// ``setAppointmentStatus(_:_:expected:actor:reason:)``.
    public func recordAttendance(
        _ id: AppointmentID, _ status: AppointmentStatus, expected: AppointmentStatus? = nil,
        enrolment: Enrolment?, actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        try write { db in
            _ = try changeStatus(db, id, to: status, expected: expected, actor: actor, reason: reason)
            if let enrolment {
                guard let enrolmentID = enrolment.id else {
                    throw StoreError.constraint("this enrolment of \(enrolment.patient) was never saved")
                }
                try saveEnrolment(db, enrolment, id: enrolmentID, actor: actor, reason: reason)
            }
        }
    }

    /// Ends an enrolment (dropped out, referred out) and cancels its sessions still booked from
    /// `instant` on, in one transaction: a pathway that has ended holds no clinician, room or
    /// interpreter, and no feed shows a session nobody will come to. Returns the cancelled sessions.
    public func endEnrolment(
        _ enrolment: Enrolment, cancellingAs status: AppointmentStatus, from instant: Date,
        actor: Actor, reason: String
    ) throws(StoreError) -> [Appointment] {
        guard enrolment.state.isTerminal, let enrolmentID = enrolment.id else {
            throw StoreError.constraint(
                "only a saved enrolment that has ended cancels its sessions (this one is \(enrolment.state.rawValue))")
        }
        guard status == .cancelledByPatient || status == .cancelledByCentre else {
            throw StoreError.constraint("sessions of an ended pathway are cancelled, not \(status.rawValue)")
        }
        return try write { db in
            try saveEnrolment(db, enrolment, id: enrolmentID, actor: actor, reason: reason)
            let ahead = try fetchAppointments(
                db, where: "patient = ? AND track = ? AND status = 'booked' AND start_utc >= ?",
                [enrolment.patient.rawValue, enrolment.track.rawValue, StoredText.instant(instant)])
            return try ahead.map { session in
                try changeStatus(
                    db, session.id, to: status, expected: .booked, actor: actor, reason: "pathway ended: \(reason)")
            }
        }
    }

    /// Sessions that hold resources (booked or attended) and overlap `[from, to)`, for the
    /// scheduler's snapshot and the agenda, in time order.
    ///
    /// Read from the `appointment_end` index, from `from` on: a snapshot of today's horizon
    /// reads the sessions that end after today, not every session ever booked (the start index
    /// would walk the centre's whole history up to `to`). `+start_utc` keeps SQLite off the start
    /// index, and the rows are put in time order here rather than by an `ORDER BY` that would
    /// send it back there.
    public func activeAppointments(from: Date, to: Date) throws(StoreError) -> [Appointment] {
        try read { db in
            try fetchAppointments(
                db, where: Self.activeOverlap, [StoredText.instant(to), StoredText.instant(from)], inTimeOrder: false
            ).sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        }
    }

    /// The condition of ``activeAppointments(from:to:)``: active, starting before `?1`, ending after `?2`.
    package static let activeOverlap = "status IN \(Schema.active) AND +start_utc < ? AND end_utc > ?"

    /// Every appointment starting in `[from, to)`, whatever its status, for agendas and reports.
    public func appointments(from: Date, to: Date) throws(StoreError) -> [Appointment] {
        try read { db in
            try fetchAppointments(
                db, where: "start_utc >= ? AND start_utc < ?",
                [StoredText.instant(from), StoredText.instant(to)])
        }
    }

    /// The same session of the series already held (booked or attended), in words.
    ///
    /// Two secretaries booking the same patient at once both plan from a snapshot without the
    /// other's session; at different times no resource clashes, so this is what stops the series
    /// from holding its intake twice.
    func alreadyBooked(_ db: Database, _ appointment: Appointment) throws -> String? {
        guard
            let other = try String.fetchOne(
                db,
                sql: """
                    SELECT id FROM appointment WHERE patient = ? AND track = ? AND step = ? AND occurrence = ?
                    AND status IN \(Schema.active) AND id <> ? LIMIT 1
                    """,
                arguments: [
                    appointment.patient.rawValue, appointment.track.rawValue, appointment.step.rawValue,
                    appointment.occurrence, appointment.id.rawValue,
                ])
        else { return nil }
        return
            "patient \(appointment.patient) already has \(appointment.step) \(appointment.occurrence) booked (session \(other))"
    }

    /// The first resource `appointment` would share with a session already there, in words.
    func firstConflict(_ db: Database, _ appointment: Appointment) throws -> String? {
        let start = StoredText.instant(appointment.start), end = StoredText.instant(appointment.end)
        let id = appointment.id.rawValue
        let overlap = "a.id <> ? AND a.status IN \(Schema.active) AND a.start_utc < ? AND ? < a.end_utc"
        let sameSession = "(? IS NOT NULL AND a.cohort = ? AND a.start_utc = ?)"
        func clash(_ column: String, _ value: String) throws -> Row? {
            try Row.fetchOne(
                db,
                sql:
                    "SELECT a.id, a.start_utc FROM appointment a WHERE a.\(column) = ? AND \(overlap) AND NOT \(sameSession) LIMIT 1",
                arguments: [value, id, end, start, appointment.cohort, appointment.cohort, start])
        }
        func words(_ row: Row, _ what: String) throws -> String {
            let other: String = row["id"] ?? "?"
            guard let existing = try fetchAppointments(db, where: "id = ?", [other]).first else {
                return "\(what) already has session \(other) at that time"
            }
            let local = ClinicTimeZone.paris.local(existing.start)
            return
                "\(what) already has session \(other) (\(existing.step)) on \(local.date.weekday.shortName) \(local.date) at \(local.time)"
        }
        if let row = try Row.fetchOne(
            db, sql: "SELECT a.id, a.start_utc FROM appointment a WHERE a.patient = ? AND \(overlap) LIMIT 1",
            arguments: [appointment.patient.rawValue, id, end, start])
        {
            return try words(row, "patient \(appointment.patient)")
        }
        for clinician in appointment.clinicians {
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT a.id, a.start_utc FROM appointment a JOIN appointment_clinician c ON c.appointment = a.id
                    WHERE c.clinician = ? AND \(overlap) AND NOT \(sameSession) LIMIT 1
                    """,
                arguments: [clinician.rawValue, id, end, start, appointment.cohort, appointment.cohort, start])
            {
                return try words(row, "clinician \(clinician)")
            }
        }
        if let room = appointment.room, let row = try clash("room", room.rawValue) {
            return try words(row, "room \(room)")
        }
        if let interpreter = appointment.interpreter, let row = try clash("interpreter", interpreter.rawValue) {
            return try words(row, "interpreter \(interpreter)")
        }
        return nil
    }
}
