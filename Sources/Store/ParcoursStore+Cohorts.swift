import CareModel
import Foundation
import GRDB

/// Group cohorts: who is in which closed group, and whether its sessions are booked.
extension ParcoursStore {
    public func createCohort(_ cohort: GroupCohort, actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in
            guard try !exists(db, "cohort", "id", cohort.id) else {
                throw StoreError.duplicate(kind: "group", id: cohort.id)
            }
            try db.execute(
                sql: "INSERT INTO cohort (id, track, start_date, status, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    cohort.id, cohort.track.rawValue, cohort.startDate.iso, cohort.status.rawValue,
                    StoredText.instant(clock()),
                ])
            try audit(
                db, actor: actor, action: "create-group", entity: "cohort", id: cohort.id, patient: nil,
                after: Self.json(cohort), reason: reason)
        }
    }

    /// Adds a patient to a forming group; refused once booked, or if a member must be kept apart.
    public func addCohortMember(
        _ cohortID: String, _ patient: PatientCode, actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        try write { db in
            guard let cohort = try fetchCohort(db, cohortID) else {
                throw StoreError.notFound(kind: "group", id: cohortID)
            }
            guard cohort.status == .forming else {
                throw StoreError.constraint("group \(cohortID) is closed: its sessions are booked")
            }
            guard try exists(db, "patient", "code", patient.rawValue) else {
                throw StoreError.notFound(kind: "patient", id: patient.rawValue)
            }
            guard !cohort.members.contains(patient) else {
                throw StoreError.duplicate(kind: "member of group \(cohortID)", id: patient.rawValue)
            }
            for member in cohort.members {
                let (a, b) = member < patient ? (member, patient) : (patient, member)
                if try exists(db, "keep_apart", "patient_a", a.rawValue, and: "patient_b", b.rawValue) {
                    throw StoreError.conflict(
                        "\(patient) must be kept apart from \(member), already in group \(cohortID)")
                }
            }
            try db.execute(
                sql: "INSERT INTO cohort_member (cohort, patient) VALUES (?, ?)",
                arguments: [cohortID, patient.rawValue])
            try audit(
                db, actor: actor, action: "join-group", entity: "cohort", id: cohortID, patient: patient,
                after: "{\"patient\":\"\(patient)\"}", reason: reason)
        }
    }

    /// Books a group's sessions (one row per member and session) and closes the group.
    public func bookCohort(
        _ cohortID: String, _ appointments: [Appointment], actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        try write { db in
            guard let cohort = try fetchCohort(db, cohortID) else {
                throw StoreError.notFound(kind: "group", id: cohortID)
            }
            guard cohort.status == .forming else {
                throw StoreError.constraint("group \(cohortID) is already booked")
            }
            for appointment in appointments {
                try checkReferences(db, appointment)
                if let conflict = try firstConflict(db, appointment) { throw StoreError.conflict(conflict) }
                try insert(db, appointment)
                // One row per member's session too, so `audit --patient` shows each member's bookings.
                try audit(
                    db, actor: actor, action: "book", entity: "appointment", id: appointment.id.rawValue,
                    patient: appointment.patient, after: Self.json(appointment), reason: reason)
            }
            try db.execute(sql: "UPDATE cohort SET status = 'booked' WHERE id = ?", arguments: [cohortID])
            try audit(
                db, actor: actor, action: "book-group", entity: "cohort", id: cohortID, patient: nil,
                after: "{\"appointments\":\(appointments.count)}", reason: reason)
        }
    }

    public func cohort(_ id: String) throws(StoreError) -> GroupCohort? {
        try read { db in try fetchCohort(db, id) }
    }

    public func cohorts() throws(StoreError) -> [GroupCohort] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM cohort ORDER BY start_date, id").compactMap {
                try fetchCohort(db, $0)
            }
        }
    }

    func fetchCohort(_ db: Database, _ id: String) throws -> GroupCohort? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cohort WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let r = RowReader(row, table: "cohort", idColumn: "id")
        let members = try String.fetchAll(
            db, sql: "SELECT patient FROM cohort_member WHERE cohort = ? ORDER BY patient",
            arguments: [id])
        return GroupCohort(
            id: id, track: TrackID(try r.text("track")), startDate: try r.day("start_date"),
            status: try r.value("status"), members: members.map { PatientCode($0) })
    }
}
