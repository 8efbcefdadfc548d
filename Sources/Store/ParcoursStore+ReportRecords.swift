import CareModel
import Foundation
import GRDB

/// Whole-centre reads for reports: each in a fixed number of queries, whatever the size of the
/// centre, so a report over 10,000 patients and 120,000 sessions does not run one query per row.
extension ParcoursStore {
    /// Every appointment, by start time, with its clinicians in order.
    ///
    /// The whole-centre read behind the completion report (120,000 rows at the target size):
    /// only the columns an `Appointment` holds, decoded by position rather than looked up by name,
    /// which was most of the load's cost.
    public func allAppointments() throws(StoreError) -> [Appointment] {
        try read { db in
            var clinicians: [String: [ClinicianID]] = [:]
            let links = try Row.fetchCursor(
                db, sql: "SELECT appointment, clinician FROM appointment_clinician ORDER BY appointment, position")
            while let row = try links.next() {
                let appointment: String = try row.decode(atIndex: 0)
                clinicians[appointment, default: []].append(ClinicianID(try row.decode(String.self, atIndex: 1)))
            }
            var all: [Appointment] = []
            all.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment") ?? 0)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, patient, track, step, occurrence, start_utc, end_utc, room, interpreter, status, cohort
                    FROM appointment ORDER BY start_utc, id
                    """)
            while let row = try rows.next() {
                let id: String = try row.decode(atIndex: 0)
                func unreadable(_ column: String, _ value: String, _ expected: String) -> StoreError {
                    .unreadable(table: "appointment", id: id, column: column, value: value, expected: expected)
                }
                func instant(_ index: Int, _ column: String) throws -> Date {
                    let text: String = try row.decode(atIndex: index)
                    guard let date = StoredText.instant(parsing: text) else {
                        throw unreadable(column, text, "a UTC instant like 2026-11-26T13:00:00Z")
                    }
                    return date
                }
                let statusText: String = try row.decode(atIndex: 9)
                guard let status = AppointmentStatus(rawValue: statusText) else {
                    throw unreadable("status", statusText, "one of \(AppointmentStatus.expectedValues)")
                }
                let room: String? = try row.decode(atIndex: 7), interpreter: String? = try row.decode(atIndex: 8)
                all.append(
                    Appointment(
                        id: AppointmentID(id), patient: PatientCode(try row.decode(String.self, atIndex: 1)),
                        track: TrackID(try row.decode(String.self, atIndex: 2)),
                        step: StepID(try row.decode(String.self, atIndex: 3)),
                        occurrence: try row.decode(Int.self, atIndex: 4), start: try instant(5, "start_utc"),
                        end: try instant(6, "end_utc"),
                        clinicians: clinicians[id] ?? [], room: room.map { RoomID($0) },
                        interpreter: interpreter.map { InterpreterID($0) },
                        status: status, cohort: try row.decode(String?.self, atIndex: 10)))
            }
            return all
        }
    }

    /// Every appointment's patient, track, step, start and status, and optionally its first
    /// clinician, handed to `body` row by row in no particular order.
    ///
    /// The completion report's read (120,000 rows at the target size): five columns of one table
    /// scan, no sort, no `Appointment` built per row. The first clinician costs a lookup per row,
    /// so it is read only when `leadClinician` is true (grouping by clinician); otherwise `body`
    /// gets nil.
    public func forEachSessionOutline(
        leadClinician: Bool,
        _ body: (PatientCode, TrackID, StepID, Date, AppointmentStatus, ClinicianID?) -> Void
    ) throws(StoreError) {
        let lead =
            leadClinician
            ? "(SELECT c.clinician FROM appointment_clinician c WHERE c.appointment = a.id ORDER BY c.position LIMIT 1)"
            : "NULL"
        try read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT a.id, a.patient, a.track, a.step, a.start_utc, a.status, \(lead) FROM appointment a")
            while let row = try rows.next() {
                let startText: String = try row.decode(atIndex: 4), statusText: String = try row.decode(atIndex: 5)
                guard let start = StoredText.instant(parsing: startText) else {
                    throw StoreError.unreadable(
                        table: "appointment", id: try row.decode(String.self, atIndex: 0), column: "start_utc",
                        value: startText, expected: "a UTC instant like 2026-11-26T13:00:00Z")
                }
                guard let status = AppointmentStatus(rawValue: statusText) else {
                    throw StoreError.unreadable(
                        table: "appointment", id: try row.decode(String.self, atIndex: 0), column: "status",
                        value: statusText, expected: "one of \(AppointmentStatus.expectedValues)")
                }
                let clinician: String? = try row.decode(atIndex: 6)
                body(
                    PatientCode(try row.decode(String.self, atIndex: 1)),
                    TrackID(try row.decode(String.self, atIndex: 2)),
                    StepID(try row.decode(String.self, atIndex: 3)), start, status, clinician.map { ClinicianID($0) })
            }
        }
    }

    /// Every enrolment, by patient then oldest first, each with its history.
    public func allEnrolments() throws(StoreError) -> [Enrolment] {
        try read { db in
            var history: [Int64: [EnrolmentTransition]] = [:]
            let transitions = try Row.fetchCursor(db, sql: "SELECT * FROM enrolment_transition ORDER BY enrolment, id")
            while let row = try transitions.next() {
                let t = RowReader(row, table: "enrolment_transition", idColumn: "id")
                history[try t.int64("enrolment"), default: []].append(
                    EnrolmentTransition(
                        from: try t.value("from_state"), to: try t.value("to_state"), at: try t.instant("at"),
                        reason: try t.optionalText("reason")))
            }
            var all: [Enrolment] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM enrolment ORDER BY patient, enrolled_on, id")
            while let row = try rows.next() {
                let r = RowReader(row, table: "enrolment", idColumn: "id")
                let id = try r.int64("id")
                all.append(
                    Enrolment(
                        id: id, patient: PatientCode(try r.text("patient")), track: TrackID(try r.text("track")),
                        state: try r.value("state"), enrolledOn: try r.day("enrolled_on"), history: history[id] ?? []))
            }
            return all
        }
    }

    /// One `appointment` row as a value, given its clinicians.
    func appointment(from row: Row, clinicians: [ClinicianID], columns: ColumnPositions? = nil) throws -> Appointment {
        let r = RowReader(row, table: "appointment", idColumn: "id", columns: columns)
        return Appointment(
            id: AppointmentID(try r.text("id")), patient: PatientCode(try r.text("patient")),
            track: TrackID(try r.text("track")),
            step: StepID(try r.text("step")), occurrence: try r.int("occurrence"), start: try r.instant("start_utc"),
            end: try r.instant("end_utc"), clinicians: clinicians,
            room: try r.optionalText("room").map { RoomID($0) },
            interpreter: try r.optionalText("interpreter").map { InterpreterID($0) },
            status: try r.value("status"), cohort: try r.optionalText("cohort"))
    }
}
