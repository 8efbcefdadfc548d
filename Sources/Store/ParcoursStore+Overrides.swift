import CareModel
import Foundation
import GRDB

/// A session that breaks a scheduling rule on purpose: moved with `--force --reason` for a
/// clinical reason. Kept so `doctor` and the reports show it as a decision, not as damage.
public struct SessionOverride: Hashable, Sendable, Codable {
    public var appointment: AppointmentID
    /// The rules it breaks, as the checker words them.
    public var rules: [String]
    public var reason: String
    public var actor: String
    public var recordedAt: Date

    public init(appointment: AppointmentID, rules: [String], reason: String, actor: String, recordedAt: Date) {
        self.appointment = appointment
        self.rules = rules
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

extension ParcoursStore {
    /// Moves one session against the rules listed in `rules`, recording the override with the
    /// move in one transaction (audited as `override`). The reason must say why.
    public func move(
        _ id: AppointmentID, to moved: Appointment, overriding rules: [String], actor: Actor,
        reason: String
    ) throws(StoreError) {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.constraint("a move against the rules needs a reason (--reason)")
        }
        try write { db in
            try moveAll(db, [(id, moved)], actor: actor, reason: reason)
            guard !rules.isEmpty else { return }
            let row = SessionOverride(
                appointment: id, rules: rules, reason: reason, actor: actor.name, recordedAt: clock())
            try db.execute(
                sql:
                    "INSERT INTO appointment_override (appointment, rules, reason, actor, recorded_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    id.rawValue, rules.joined(separator: "\n"), reason, actor.name, StoredText.instant(row.recordedAt),
                ])
            try audit(
                db, actor: actor, action: "override", entity: "appointment", id: id.rawValue, patient: moved.patient,
                after: Self.json(row), reason: reason)
        }
    }

    /// Every session placed against a rule and still active, oldest decision first.
    public func overrides() throws(StoreError) -> [SessionOverride] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.appointment, o.rules, o.reason, o.actor, o.recorded_at FROM appointment_override o
                    JOIN appointment a ON a.id = o.appointment WHERE a.status IN ('booked', 'attended')
                    ORDER BY o.recorded_at, o.appointment
                    """)
            return rows.map { row in
                let rules: String = row["rules"]
                let at: String = row["recorded_at"]
                return SessionOverride(
                    appointment: AppointmentID(row["appointment"] as String),
                    rules: rules.components(separatedBy: "\n"),
                    reason: row["reason"], actor: row["actor"],
                    recordedAt: StoredText.instant(parsing: at) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    /// Forgets the override of a session moved again by the rules (inside the move's transaction).
    func clearOverride(_ db: Database, _ id: AppointmentID) throws {
        try db.execute(sql: "DELETE FROM appointment_override WHERE appointment = ?", arguments: [id.rawValue])
    }
}
