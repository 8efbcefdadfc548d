import CareModel
import Foundation
import GRDB

extension ParcoursStore {
    /// Sets (or, with empty caps, removes) a clinician's workload caps, audited as
    /// `set-clinician-caps` with the caps before and after. An unknown clinician or a value out
    /// of range is refused and nothing changes.
    public func setCaps(
        _ caps: WorkloadCaps, of clinician: ClinicianID, actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        try Self.checkCaps(caps)
        try write { db in
            guard try exists(db, "clinician", "id", clinician.rawValue) else {
                throw StoreError.notFound(kind: "clinician", id: clinician.rawValue)
            }
            try writeCaps(db, caps, of: clinician, actor: actor, reason: reason)
        }
    }

    /// Refuses a cap out of `WorkloadCaps`' ranges.
    static func checkCaps(_ caps: WorkloadCaps) throws(StoreError) {
        if let n = caps.sessionsPerDay, !(1...WorkloadCaps.maxSessionsPerDay).contains(n) {
            throw StoreError.constraint(
                "sessions a day must be 1 to \(WorkloadCaps.maxSessionsPerDay), not \(n)")
        }
        if let h = caps.hoursPerWeek, !(1...WorkloadCaps.maxHoursPerWeek).contains(h) {
            throw StoreError.constraint("hours a week must be 1 to \(WorkloadCaps.maxHoursPerWeek), not \(h)")
        }
    }

    /// Replaces a clinician's caps inside a transaction, audited with the caps before and after.
    func writeCaps(
        _ db: Database, _ caps: WorkloadCaps, of clinician: ClinicianID, actor: Actor, reason: String?
    )
        throws
    {
        let before = try Self.caps(db, clinician)
        try db.execute(sql: "DELETE FROM clinician_cap WHERE clinician = ?", arguments: [clinician.rawValue])
        if !caps.isEmpty {
            try db.execute(
                sql: "INSERT INTO clinician_cap (clinician, sessions_per_day, hours_per_week) VALUES (?, ?, ?)",
                arguments: [clinician.rawValue, caps.sessionsPerDay, caps.hoursPerWeek])
        }
        try audit(
            db, actor: actor, action: "set-clinician-caps", entity: "clinician", id: clinician.rawValue,
            patient: nil, before: Self.json(before), after: Self.json(caps), reason: reason)
    }

    /// Every clinician's caps, by id; a clinician without any is absent.
    public func clinicianCaps() throws(StoreError) -> [ClinicianID: WorkloadCaps] {
        try read { db in
            var caps: [ClinicianID: WorkloadCaps] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM clinician_cap ORDER BY clinician") {
                let id: String = row["clinician"]
                caps[ClinicianID(id)] = WorkloadCaps(
                    sessionsPerDay: row["sessions_per_day"], hoursPerWeek: row["hours_per_week"])
            }
            return caps
        }
    }

    /// One clinician's caps (empty when none).
    public func caps(of clinician: ClinicianID) throws(StoreError) -> WorkloadCaps {
        try read { db in try Self.caps(db, clinician) }
    }

    private static func caps(_ db: Database, _ clinician: ClinicianID) throws -> WorkloadCaps {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM clinician_cap WHERE clinician = ?", arguments: [clinician.rawValue])
        else { return WorkloadCaps() }
        return WorkloadCaps(sessionsPerDay: row["sessions_per_day"], hoursPerWeek: row["hours_per_week"])
    }
}
