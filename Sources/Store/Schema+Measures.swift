/// Outcome measures: scored questionnaires (PCL-5) that show whether patients get better.
extension Schema {
    /// Named v5 so it cannot clash with a v4 migration written in parallel; the order in the
    /// migrator, not the number, decides when it runs.
    package static let v5OutcomeMeasures = "v5-outcome-measures"
    static let v5Tables = ["measure"]

    /// One row per scored questionnaire. The score range is checked here as well as in
    /// `OutcomeMeasure`, so a script writing SQL cannot store an impossible PCL-5 either.
    package static let v5OutcomeMeasuresSQL = """
        CREATE TABLE measure (
            id INTEGER PRIMARY KEY,
            patient TEXT NOT NULL REFERENCES patient(code) ON DELETE CASCADE,
            instrument TEXT NOT NULL CHECK (instrument IN ('PCL-5')),
            score INTEGER NOT NULL CHECK (instrument <> 'PCL-5' OR score BETWEEN 0 AND 80),
            at TEXT NOT NULL CHECK (at \(day)),
            recorded_at TEXT NOT NULL CHECK (recorded_at \(instant)),
            actor TEXT NOT NULL CHECK (actor <> '')
        ) STRICT;
        CREATE INDEX measure_patient ON measure(patient, instrument, at);
        """
}
