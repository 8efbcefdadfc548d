/// The agenda's index (issue 17): a clinician's week is found by walking the week's sessions in
/// `appointment_week` (start, then id) and probing `appointment_clinician`'s key for each, so only
/// the clinician's own sessions are read from the table. Through `appointment_start` alone every
/// session of the week (2,400 on a centre of 10,000 patients) was read from the table to learn its
/// id, and the clinician's every session (2,000) listed first.
///
/// Named, not numbered, so it cannot clash with migrations written beside it; an index only, so
/// no table changes and nothing to copy.
extension Schema {
    package static let agendaWeekIndex = "appointment-clinician-week-index"

    /// Start and id: the week's range and the probe's key without reading the table.
    static let agendaWeekIndexSQL = """
        CREATE INDEX appointment_week ON appointment(start_utc, id);
        """
}
