import CareModel
import Foundation
import GRDB

/// One line of `parcours doctor`: what was checked, how many problems, and the first of them.
///
/// Plain values so the CLI can add its own lines (the independent checker's) and render them all
/// the same way, as a table or JSON.
public struct HealthCheck: Hashable, Sendable, Codable {
    /// A stable key scripts can match: `integrity`, `foreign-keys`, `double-bookings`, …
    public var name: String
    /// What the line verifies, in words.
    public var title: String
    /// How many things were looked at (rows, sessions, objects), when that means something.
    public var checked: Int?
    public var problems: Int
    /// The first problems, each a sentence naming the record, so a person can look it up.
    public var examples: [String]

    public var isOK: Bool { problems == 0 }

    /// How many examples a check keeps: enough to start repairing, short enough to read.
    public static let exampleLimit = 5

    public init(name: String, title: String, checked: Int? = nil, problems: Int, examples: [String]) {
        self.name = name
        self.title = title
        self.checked = checked
        self.problems = problems
        self.examples = Array(examples.prefix(Self.exampleLimit))
    }
}

extension ParcoursStore {
    /// Every check the database can answer about itself, each run on its own so that one that
    /// fails (a corrupt page) still lets the others report.
    ///
    /// Read-only: a doctor that repaired things silently would hide the evidence of what broke.
    public func healthChecks() -> [HealthCheck] {
        quickHealthChecks() + [
            guarded(
                "double-bookings", "no patient, clinician, room or interpreter in two active sessions at once",
                doubleBookingCheck),
            guarded("duplicate-sessions", "no session of a series booked twice", duplicateSessionCheck),
            guarded("sessions-without-clinician", "every active session has its clinician(s)", clinicianlessCheck),
            guarded(
                "ended-pathway-bookings", "no booked session for a pathway that ended without completing",
                endedPathwayCheck),
            guarded(
                "resource-unavailability", "no active session uses a room or interpreter while it is unavailable",
                unavailabilityCheck),
            guarded(
                "inactive-resources", "no session ahead is booked with a room or interpreter out of service",
                inactiveResourceCheck),
            guarded(
                "audit-chain", "every audit row matches its hash chain (nothing edited outside Parcours)",
                auditChainCheck),
        ]
    }

    /// The checks that read the file once, whatever its size (`parcours doctor --fast`):
    /// integrity, references and the schema.
    public func quickHealthChecks() -> [HealthCheck] {
        [
            guarded("integrity", "SQLite integrity check", integrityCheck),
            guarded("foreign-keys", "every reference points to an existing record", foreignKeyCheck),
            guarded("schema", "schema version known and complete", schemaCheck),
            guarded(
                "schema-objects", "guard triggers and indexes present (double booking, append-only audit, uid)",
                schemaObjectsCheck),
        ]
    }

    /// Runs one check; an error becomes the check's problem instead of stopping the doctor.
    func guarded(
        _ name: String, _ title: String,
        _ body: (String, String) throws(StoreError) -> HealthCheck
    ) -> HealthCheck {
        do {
            return try body(name, title)
        } catch {
            return HealthCheck(name: name, title: title, problems: 1, examples: ["could not run: \(error)"])
        }
    }

    private func integrityCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let lines = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check(100)") }
        let problems = lines == ["ok"] ? [] : lines
        return HealthCheck(name: name, title: title, problems: problems.count, examples: problems)
    }

    private func foreignKeyCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let rows = try read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        let examples = rows.prefix(HealthCheck.exampleLimit).map { row -> String in
            let table: String = row["table"] ?? "?"
            let rowid: Int64? = row["rowid"]
            let parent: String = row["parent"] ?? "?"
            return "\(table) row \(rowid.map(String.init) ?? "?") refers to a \(parent) that does not exist"
        }
        return HealthCheck(name: name, title: title, problems: rows.count, examples: examples)
    }

    private func schemaCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let applied = try read { db in try migrator.appliedIdentifiers(db) }
        let missing = migrator.migrations.filter { !applied.contains($0) }
        let unknown = applied.subtracting(migrator.migrations).sorted()
        let examples =
            missing.map { "migration \($0) was never applied" }
            + unknown.map { "migration \($0) comes from a newer Parcours" }
        return HealthCheck(
            name: name, title: title + " (\(migrator.migrations.last ?? Schema.v1))",
            checked: applied.count, problems: examples.count, examples: examples)
    }

    /// Compares the file's triggers and indexes with those the migrations create on an empty
    /// database, so the list can never drift from the schema.
    private func schemaObjectsCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let listing =
            "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('trigger', 'index') AND name NOT LIKE 'sqlite_%'"
        let expected: Set<String>
        do {
            let reference = try DatabaseQueue()
            try migrator.migrate(reference)
            expected = Set(try reference.read { db in try String.fetchAll(db, sql: listing) })
        } catch {
            throw StoreError(error, path: ":memory:")
        }
        let present = Set(try read { db in try String.fetchAll(db, sql: listing) })
        let missing = expected.subtracting(present).sorted()
        return HealthCheck(
            name: name, title: title, checked: expected.count, problems: missing.count,
            examples: missing.map { "\($0) is missing: the schema no longer enforces its rule" })
    }

    /// Every resource's active sessions swept in time order (SQLite window functions): a session
    /// that starts before the latest end of the sessions before it overlaps one of them. Linear
    /// in the sessions of a resource, where comparing every pair took minutes on a large centre.
    /// A group session is one use of its room, clinicians and interpreter, whatever its members.
    /// Counts the sessions that overlap an earlier one; the examples name both sessions.
    private func doubleBookingCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let active = Schema.active
        let unit = "coalesce(a.cohort || '@' || a.start_utc, a.id)"
        let sql = """
            WITH active AS (SELECT * FROM appointment a WHERE a.status IN \(active)),
            uses AS (
                SELECT 'patient' AS kind, a.patient AS resource, a.id AS unit, a.id, a.start_utc, a.end_utc FROM active a
                UNION ALL
                SELECT 'room', a.room, \(unit), a.id, a.start_utc, a.end_utc FROM active a WHERE a.room IS NOT NULL
                UNION ALL
                SELECT 'interpreter', a.interpreter, \(unit), a.id, a.start_utc, a.end_utc FROM active a WHERE a.interpreter IS NOT NULL
                UNION ALL
                SELECT 'clinician', c.clinician, \(unit), a.id, a.start_utc, a.end_utc
                  FROM active a JOIN appointment_clinician c ON c.appointment = a.id
            ),
            units AS (
                SELECT kind, resource, min(id) AS id, min(start_utc) AS start_utc, max(end_utc) AS end_utc
                  FROM uses GROUP BY kind, resource, unit
            ),
            swept AS (
                SELECT kind, resource, id, start_utc, end_utc,
                       max(end_utc) OVER (PARTITION BY kind, resource ORDER BY start_utc, id
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest_end
                  FROM units
            )
            SELECT kind, resource, id, start_utc, end_utc FROM swept WHERE latest_end > start_utc
             ORDER BY start_utc, kind, resource, id
            """
        let (rows, sessions, examples) = try read { db throws -> ([Row], Int, [String]) in
            let rows = try Row.fetchAll(db, sql: sql)
            let sessions = try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE status IN \(active)") ?? 0
            let examples = try rows.prefix(HealthCheck.exampleLimit).map { row -> String in
                let kind: String = row["kind"] ?? "?", resource: String = row["resource"] ?? "?",
                    second: String = row["id"] ?? "?"
                let first =
                    try Self.earlierOverlap(
                        db, kind: kind, resource: resource, id: second,
                        start: row["start_utc"] ?? "", end: row["end_utc"] ?? "") ?? "?"
                return "\(kind) \(resource) is in \(first) and \(second) at once (\(Self.localWords(row["start_utc"])))"
            }
            return (rows, sessions, examples)
        }
        return HealthCheck(name: name, title: title, checked: sessions, problems: rows.count, examples: examples)
    }

    /// The session `id` overlaps on `resource`: the earlier one, for the doctor's example line.
    private static func earlierOverlap(
        _ db: Database, kind: String, resource: String, id: String,
        start: String, end: String
    ) throws -> String? {
        let column = ["patient": "a.patient", "room": "a.room", "interpreter": "a.interpreter"][kind]
        let join = column == nil ? "JOIN appointment_clinician c ON c.appointment = a.id AND c.clinician = ?" : ""
        let filter = column.map { "\($0) = ? AND " } ?? ""
        return try String.fetchOne(
            db,
            sql: """
                SELECT a.id FROM appointment a \(join) WHERE \(filter) a.id <> ? AND a.status IN \(Schema.active)
                   AND a.start_utc < ? AND a.end_utc > ? ORDER BY a.start_utc, a.id LIMIT 1
                """, arguments: [resource, id, end, start])
    }

    private func duplicateSessionCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT patient, track, step, occurrence, group_concat(id, ', ') AS ids FROM appointment
                    WHERE status IN \(Schema.active) GROUP BY patient, track, step, occurrence HAVING count(*) > 1
                    ORDER BY patient, track, step, occurrence
                    """)
        }
        let examples = rows.prefix(HealthCheck.exampleLimit).map { row -> String in
            let patient: String = row["patient"] ?? "?", step: String = row["step"] ?? "?"
            let occurrence: Int = row["occurrence"] ?? 0, ids: String = row["ids"] ?? "?"
            return "\(patient) has \(step) \(occurrence) booked more than once (\(ids)); cancel the extra ones"
        }
        return HealthCheck(name: name, title: title, problems: rows.count, examples: examples)
    }

    private func clinicianlessCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let ids = try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT a.id FROM appointment a WHERE a.status IN \(Schema.active)
                    AND NOT EXISTS (SELECT 1 FROM appointment_clinician c WHERE c.appointment = a.id) ORDER BY a.id
                    """)
        }
        return HealthCheck(
            name: name, title: title, problems: ids.count,
            examples: ids.map { "\($0) has no clinician" })
    }

    /// A session still booked after its pathway ended (dropped out, referred out) holds a
    /// clinician and a room for someone who will not come. A completed pathway keeps its
    /// follow-up, so it is not counted.
    private func endedPathwayCheck(_ name: String, _ title: String) throws(StoreError) -> HealthCheck {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.patient, a.track, a.start_utc,
                        (SELECT e.state FROM enrolment e WHERE e.patient = a.patient AND e.track = a.track
                         ORDER BY e.id DESC LIMIT 1) AS state
                    FROM appointment a WHERE a.status = 'booked' AND NOT EXISTS (
                        SELECT 1 FROM enrolment e WHERE e.patient = a.patient AND e.track = a.track
                        AND e.state NOT IN ('dropped-out', 'referred-out'))
                    ORDER BY a.start_utc
                    """)
        }
        let examples = rows.prefix(HealthCheck.exampleLimit).map { row -> String in
            let id: String = row["id"] ?? "?", patient: String = row["patient"] ?? "?",
                track: String = row["track"] ?? "?"
            let state: String = row["state"] ?? "no enrolment"
            return
                "\(id) (\(patient), \(Self.localWords(row["start_utc"]))) is booked but the pathway on \(track) is \(state); cancel it"
        }
        return HealthCheck(name: name, title: title, problems: rows.count, examples: examples)
    }

    /// A stored instant as the centre's local day and time, for messages.
    static func localWords(_ stored: String?) -> String {
        guard let stored, let instant = StoredText.instant(parsing: stored) else { return stored ?? "?" }
        let local = ClinicTimeZone.paris.local(instant)
        return "\(local.date.weekday.shortName) \(local.date) \(local.time)"
    }
}
