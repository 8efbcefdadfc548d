/// Per-clinician workload caps (issue 14): sessions a day, hours a week.
extension Schema {
    /// Named for what it adds, not numbered, so it cannot clash with migrations written in
    /// parallel; its place in the migrator decides when it runs.
    package static let clinicianCaps = "clinician-caps"
    static let clinicianCapTables = ["clinician_cap"]

    /// One row per clinician with a cap; no row, no limit. The checks keep absurd values out
    /// whoever writes them (the CLI words the same limits for the user).
    package static let clinicianCapsSQL = """
        CREATE TABLE clinician_cap (
            clinician TEXT PRIMARY KEY REFERENCES clinician(id) ON DELETE CASCADE,
            sessions_per_day INTEGER CHECK (sessions_per_day IS NULL OR sessions_per_day BETWEEN 1 AND 96),
            hours_per_week INTEGER CHECK (hours_per_week IS NULL OR hours_per_week BETWEEN 1 AND 168),
            CHECK (sessions_per_day IS NOT NULL OR hours_per_week IS NOT NULL)
        ) STRICT;
        """
}
