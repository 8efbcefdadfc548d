import CareModel
import Foundation
import GRDB

/// Outcome measures (PCL-5 scores) recorded for patients.
extension ParcoursStore {
    /// Saves a scored questionnaire and audits it; returns it with its row id.
    @discardableResult
    public func addMeasure(
        _ measure: OutcomeMeasure, actor: Actor, reason: String? = nil
    ) throws(StoreError) -> OutcomeMeasure {
        try write { db in
            guard try exists(db, "patient", "code", measure.patient.rawValue) else {
                throw StoreError.notFound(kind: "patient", id: measure.patient.rawValue)
            }
            let name = actor.name.trimmingCharacters(in: .whitespacesAndNewlines)
            try db.execute(
                sql:
                    "INSERT INTO measure (patient, instrument, score, at, recorded_at, actor) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    measure.patient.rawValue, measure.instrument.rawValue, measure.score, measure.on.iso,
                    StoredText.instant(clock()), name.isEmpty ? "?" : name,
                ])
            var saved = measure
            saved.id = db.lastInsertedRowID
            try audit(
                db, actor: actor, action: "add-measure", entity: "measure", id: String(saved.id ?? 0),
                patient: measure.patient,
                after: Self.json(saved), reason: reason)
            return saved
        }
    }

    /// One patient's scores, oldest first.
    public func measures(patient: PatientCode) throws(StoreError) -> [OutcomeMeasure] {
        try read { db in try fetchMeasures(db, where: "WHERE patient = ?", [patient.rawValue]) }
    }

    /// Every score in the database, by patient then day, for reports.
    public func measures() throws(StoreError) -> [OutcomeMeasure] {
        try read { db in try fetchMeasures(db, where: "", []) }
    }

    private func fetchMeasures(
        _ db: Database, where filter: String, _ arguments: StatementArguments
    ) throws -> [OutcomeMeasure] {
        try Row.fetchAll(db, sql: "SELECT * FROM measure \(filter) ORDER BY patient, at, id", arguments: arguments)
            .map { row throws(StoreError) in
                let r = RowReader(row, table: "measure", idColumn: "id")
                let instrument: Instrument = try r.value("instrument")
                let score = try r.int("score")
                do {
                    return try OutcomeMeasure(
                        id: try r.int64("id"), patient: PatientCode(try r.text("patient")),
                        instrument: instrument, score: score, on: try r.day("at"))
                } catch {
                    throw StoreError.unreadable(
                        table: "measure", id: String(try r.int64("id")), column: "score",
                        value: String(score), expected: "a score in \(instrument.range)")
                }
            }
    }
}
