/// Indexes for the windowed snapshot (issue 18): a secretary's change reads the booked sessions
/// and the absences that end after today, found from their end.
extension Schema {
    /// Named for what it adds, not numbered, so it cannot clash with migrations written in
    /// parallel; registered after `clinician-caps`.
    package static let snapshotWindowIndexes = "snapshot-window-indexes"

    /// Without them, `end_utc > today` has no index and SQLite walks the start index from the
    /// first session ever booked: on a centre of 120,000 sessions that walk was most of each
    /// change's time. An absence is found the same way from its end.
    package static let snapshotWindowIndexesSQL = """
        CREATE INDEX appointment_end ON appointment(end_utc);
        CREATE INDEX clinician_absence_end ON clinician_absence(to_utc);
        """
}
