import CareModel
import GRDB

/// How much the database holds, for the demo summary and `parcours status`.
public struct StoreCounts: Hashable, Sendable {
    public var patients: Int
    public var clinicians: Int
    public var rooms: Int
    public var interpreters: Int
    public var appointments: Int
    public var closedDays: Int
    public var absences: Int
    /// Every state appears, with 0 when no enrolment is in it, so a table shows all rows.
    public var enrolmentsByState: [EnrolmentState: Int]

    public var enrolments: Int { enrolmentsByState.values.reduce(0, +) }
}

extension ParcoursStore {
    /// Counts of every kind of record, read in one transaction so they agree with each other.
    public func counts() throws(StoreError) -> StoreCounts {
        try read { db in
            func count(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            var byState = Dictionary(uniqueKeysWithValues: EnrolmentState.allCases.map { ($0, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT state, count(*) AS n FROM enrolment GROUP BY state") {
                let r = RowReader(row, table: "enrolment", idColumn: "state")
                let state: EnrolmentState = try r.value("state")
                byState[state] = try r.int("n")
            }
            return StoreCounts(
                patients: try count("patient"), clinicians: try count("clinician"), rooms: try count("room"),
                interpreters: try count("interpreter"), appointments: try count("appointment"),
                closedDays: try count("closed_day"), absences: try count("clinician_absence"),
                enrolmentsByState: byState)
        }
    }
}
