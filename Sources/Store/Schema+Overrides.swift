/// Sessions placed against a rule on purpose: a manual move accepted with `--force --reason`.
extension Schema {
    /// Named for what it adds, not numbered, so it cannot clash with migrations written in
    /// parallel; its place in the migrator decides when it runs.
    package static let seriesOverrides = "v7-series-overrides"
    static let overrideTables = ["appointment_override"]

    /// One row per session that breaks a scheduling rule because a clinician decided so: the rules
    /// it breaks (as the checker words them), why, and who. `doctor` and the reports list these
    /// instead of counting them as errors; moving the session again by the rules deletes the row.
    package static let seriesOverridesSQL = """
        CREATE TABLE appointment_override (
            appointment TEXT PRIMARY KEY REFERENCES appointment(id) ON DELETE CASCADE,
            rules TEXT NOT NULL CHECK (rules <> ''),
            reason TEXT NOT NULL CHECK (trim(reason) <> ''),
            actor TEXT NOT NULL CHECK (actor <> ''),
            recorded_at TEXT NOT NULL CHECK (recorded_at \(instant))
        ) STRICT;
        """
}
