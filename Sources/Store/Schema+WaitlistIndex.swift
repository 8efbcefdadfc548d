/// The waiting list's index (issue 17): the open enrolments whose patient has no individual
/// session booked are found through `appointment_booked_individual`, one probe per enrolment,
/// instead of reading each patient's every session (`appointment_patient`) to test its status
/// and group. On a centre of 10,000 patients the waiting list read 120,000 sessions per page.
///
/// Named, not numbered, so it cannot clash with migrations written beside it; an index only, so
/// no table changes and nothing to copy.
extension Schema {
    package static let waitlistIndex = "appointment-booked-individual-index"

    /// Partial: only the booked sessions outside any group, the rows the waiting list asks about.
    static let waitlistIndexSQL = """
        CREATE INDEX appointment_booked_individual ON appointment(patient)
            WHERE status = 'booked' AND cohort IS NULL;
        """
}
