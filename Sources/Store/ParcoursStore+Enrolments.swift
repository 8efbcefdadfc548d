import CareModel
import Foundation
import GRDB

/// Enrolments: a patient's place on a track, with the history of its states.
extension ParcoursStore {
    /// Saves a new enrolment and its history; returns it with the id the database gave it.
    ///
    /// A patient has at most one enrolment in progress (referred, enrolled or in treatment); the
    /// schema refuses a second one even if this check were skipped.
    @discardableResult
    public func addEnrolment(
        _ enrolment: Enrolment, actor: Actor, reason: String? = nil
    ) throws(StoreError) -> Enrolment {
        try write { db in
            guard try exists(db, "patient", "code", enrolment.patient.rawValue) else {
                throw StoreError.notFound(kind: "patient", id: enrolment.patient.rawValue)
            }
            try refuseSecondOpenEnrolment(db, enrolment, except: nil)
            let now = StoredText.instant(clock())
            try db.execute(
                sql: """
                    INSERT INTO enrolment (patient, track, state, enrolled_on, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    enrolment.patient.rawValue, enrolment.track.rawValue, enrolment.state.rawValue,
                    enrolment.enrolledOn.iso, now, now,
                ])
            let id = db.lastInsertedRowID
            var saved = enrolment
            saved.id = id
            saved.history = []
            for transition in enrolment.history {
                saved.history.append(try insertTransition(db, transition, enrolment: id))
            }
            try audit(
                db, actor: actor, action: "add-enrolment", entity: "enrolment", id: String(id),
                patient: enrolment.patient,
                after: Self.json(saved), reason: reason)
            return saved
        }
    }

    /// Saves a changed enrolment: its state, track and day, and the transitions appended to its
    /// history since it was read. Earlier transitions cannot be rewritten.
    public func updateEnrolment(_ enrolment: Enrolment, actor: Actor, reason: String? = nil) throws(StoreError) {
        guard let id = enrolment.id else {
            throw .constraint("this enrolment of \(enrolment.patient) was never saved; add it before updating it")
        }
        try write { db in try saveEnrolment(db, enrolment, id: id, actor: actor, reason: reason) }
    }

    /// The body of ``updateEnrolment(_:actor:reason:)``, for transactions that change more.
    func saveEnrolment(_ db: Database, _ enrolment: Enrolment, id: Int64, actor: Actor, reason: String?) throws {
        guard let current = try fetchEnrolments(db, where: "id = ?", [id]).first else {
            throw StoreError.notFound(kind: "enrolment", id: String(id))
        }
        guard current.patient == enrolment.patient else {
            throw StoreError.constraint("enrolment \(id) belongs to \(current.patient), not \(enrolment.patient)")
        }
        let kept = zip(current.history, enrolment.history).allSatisfy { $0.from == $1.from && $0.to == $1.to }
        guard kept, enrolment.history.count >= current.history.count else {
            throw StoreError.constraint(
                "the history of enrolment \(id) can only grow; reload it, then apply the change again")
        }
        try refuseSecondOpenEnrolment(db, enrolment, except: id)
        try db.execute(
            sql: "UPDATE enrolment SET track = ?, state = ?, enrolled_on = ?, updated_at = ? WHERE id = ?",
            arguments: [
                enrolment.track.rawValue, enrolment.state.rawValue, enrolment.enrolledOn.iso,
                StoredText.instant(clock()), id,
            ])
        var saved = current
        saved.track = enrolment.track
        saved.state = enrolment.state
        saved.enrolledOn = enrolment.enrolledOn
        for transition in enrolment.history.dropFirst(current.history.count) {
            saved.history.append(try insertTransition(db, transition, enrolment: id))
        }
        try audit(
            db, actor: actor, action: "update-enrolment", entity: "enrolment", id: String(id), patient: current.patient,
            before: Self.json(current), after: Self.json(saved), reason: reason)
    }

    /// A patient's enrolments, oldest first, each with its history.
    public func enrolments(patient: PatientCode) throws(StoreError) -> [Enrolment] {
        try read { db in try fetchEnrolments(db, where: "patient = ?", [patient.rawValue]) }
    }

    /// Every enrolment, by patient then oldest first, for reports.
    public func enrolments() throws(StoreError) -> [Enrolment] {
        try read { db in try fetchEnrolments(db, where: nil, []) }
    }

    /// Every enrolment still open (referred, enrolled, in treatment) whose patient has no
    /// individual session booked (status booked, in no group): who may be on the waiting list.
    /// One statement; the others are in care, so their sessions need not be read at all. The
    /// open state goes through the partial index `enrolment_one_open_per_patient`, the booked
    /// individual sessions through the partial index `appointment_booked_individual` (one probe
    /// per enrolment; its condition repeats the index's so that SQLite may use it).
    public func openEnrolmentsWithoutBookedIndividualSession() throws(StoreError) -> [Enrolment] {
        try read { db in
            try fetchEnrolments(
                db,
                where: """
                    state IN \(Schema.openStates) AND NOT EXISTS (SELECT 1 FROM appointment a
                    WHERE a.patient = enrolment.patient AND a.status = 'booked' AND a.cohort IS NULL)
                    """, [])
        }
    }

    /// The enrolment in progress, or else the latest one; nil for a patient never enrolled.
    public func currentEnrolment(patient: PatientCode) throws(StoreError) -> Enrolment? {
        let all = try enrolments(patient: patient)
        return all.last { !$0.state.isTerminal } ?? all.last
    }

    private func refuseSecondOpenEnrolment(_ db: Database, _ enrolment: Enrolment, except id: Int64?) throws {
        guard !enrolment.state.isTerminal else { return }
        let open = try fetchEnrolments(
            db, where: "patient = ? AND state IN \(Schema.openStates)",
            [enrolment.patient.rawValue])
        if let other = open.first(where: { $0.id != id }) {
            throw StoreError.constraint(
                "\(enrolment.patient) is already \(other.state.label) on track \(other.track) (enrolment \(other.id ?? 0)); "
                    + "close that enrolment before starting another")
        }
    }

    private func insertTransition(
        _ db: Database, _ transition: EnrolmentTransition,
        enrolment id: Int64
    ) throws -> EnrolmentTransition {
        let at = StoredText.instant(transition.at)
        try db.execute(
            sql:
                "INSERT INTO enrolment_transition (enrolment, from_state, to_state, at, reason) VALUES (?, ?, ?, ?, ?)",
            arguments: [id, transition.from.rawValue, transition.to.rawValue, at, transition.reason])
        var stored = transition
        stored.at = StoredText.instant(parsing: at) ?? transition.at
        return stored
    }

    /// Enrolments matching an SQL condition, with their transitions in order.
    ///
    /// Two statements whatever the number of matches (the transitions of all of them at once,
    /// not a query per enrolment: the waiting list reads every enrolment of the centre); the
    /// transitions are those of the ids found, passed as one JSON array of numbers.
    private func fetchEnrolments(
        _ db: Database, where condition: String?,
        _ arguments: StatementArguments
    ) throws -> [Enrolment] {
        let filter = condition.map { "WHERE \($0)" } ?? ""
        let statement = try db.makeStatement(sql: "SELECT * FROM enrolment \(filter) ORDER BY patient, enrolled_on, id")
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var found: [(id: Int64, patient: String, track: String, state: EnrolmentState, enrolledOn: LocalDate)] = []
        // Columns by position, found once per statement (`ColumnPositions`).
        let columns = ColumnPositions(statement.columnNames)
        while let row = try rows.next() {
            let r = RowReader(row, table: "enrolment", idColumn: "id", columns: columns)
            found.append(
                (
                    try r.int64("id"), try r.text("patient"), try r.text("track"), try r.value("state"),
                    try r.day("enrolled_on")
                ))
        }
        // The histories of the enrolments found, by their ids: the condition is not evaluated a
        // second time (the waiting list's probes every open enrolment's sessions), and nothing is
        // read when nothing was found.
        guard !found.isEmpty else { return [] }
        var histories: [Int64: [EnrolmentTransition]] = [:]
        let transitionStatement = try db.makeStatement(
            sql: condition == nil
                ? "SELECT * FROM enrolment_transition ORDER BY enrolment, id"
                : "SELECT * FROM enrolment_transition WHERE enrolment IN (SELECT value FROM json_each(?)) ORDER BY enrolment, id"
        )
        let transitions = try Row.fetchCursor(
            transitionStatement,
            arguments: condition == nil ? [] : ["[" + found.map { String($0.id) }.joined(separator: ",") + "]"])
        let transitionColumns = ColumnPositions(transitionStatement.columnNames)
        while let row = try transitions.next() {
            let t = RowReader(row, table: "enrolment_transition", idColumn: "id", columns: transitionColumns)
            histories[try t.int64("enrolment"), default: []].append(
                EnrolmentTransition(
                    from: try t.value("from_state"), to: try t.value("to_state"),
                    at: try t.instant("at"), reason: try t.optionalText("reason")))
        }
        return found.map {
            Enrolment(
                id: $0.id, patient: PatientCode($0.patient), track: TrackID($0.track), state: $0.state,
                enrolledOn: $0.enrolledOn, history: histories[$0.id] ?? [])
        }
    }
}
