/// Migration v2: the schema itself refuses a double booking.
///
/// The scheduler avoids conflicts and the booking transaction re-checks them, but a caller that
/// skips both (a script, a future web page, a bug) must still not put a clinician, room,
/// interpreter or patient in two places at once. Triggers compare UTC instants as text, which
/// the fixed `YYYY-MM-DDTHH:MM:SSZ` form makes exact. Rows of one group cohort at the same start
/// share their room and facilitators: that is one session, not a conflict.
extension Schema {
    static let v2BookingGuards = "v2-booking-guards"

    /// Tables the second migration adds.
    static let v2Tables = ["cohort", "cohort_member"]

    /// Statuses that hold their resources: a cancelled or missed session frees them.
    static let active = "('booked', 'attended')"

    /// `a` (an existing row) and `n` overlap in time and are not the same cohort session.
    static func clash(_ a: String, _ n: String) -> String {
        """
        \(a).status IN \(active) AND \(a).start_utc < \(n).end_utc AND \(n).start_utc < \(a).end_utc
        AND (\(n).cohort IS NULL OR \(a).cohort IS NULL OR \(a).cohort <> \(n).cohort OR \(a).start_utc <> \(n).start_utc)
        """
    }

    static func appointmentGuards(_ n: String) -> String {
        """
            SELECT RAISE(ABORT, 'double booking: the patient already has a session at that time')
            WHERE EXISTS (SELECT 1 FROM appointment a WHERE a.id <> \(n).id AND a.patient = \(n).patient
                AND a.status IN \(active) AND a.start_utc < \(n).end_utc AND \(n).start_utc < a.end_utc);
            SELECT RAISE(ABORT, 'double booking: the room is taken at that time')
            WHERE \(n).room IS NOT NULL AND EXISTS (SELECT 1 FROM appointment a WHERE a.id <> \(n).id
                AND a.room = \(n).room AND \(clash("a", n)));
            SELECT RAISE(ABORT, 'double booking: the interpreter is taken at that time')
            WHERE \(n).interpreter IS NOT NULL AND EXISTS (SELECT 1 FROM appointment a WHERE a.id <> \(n).id
                AND a.interpreter = \(n).interpreter AND \(clash("a", n)));
        """
    }

    static let v2BookingGuardsSQL = """
        -- A closed group: formed, then booked all at once; members join before the first session.
        CREATE TABLE cohort (
            id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
            track TEXT NOT NULL CHECK (track <> ''),
            start_date TEXT NOT NULL CHECK (start_date \(day)),
            status TEXT NOT NULL DEFAULT 'forming' CHECK (status IN ('forming', 'booked')),
            created_at TEXT NOT NULL CHECK (created_at \(instant))
        ) STRICT;

        CREATE TABLE cohort_member (
            cohort TEXT NOT NULL REFERENCES cohort(id) ON DELETE CASCADE,
            patient TEXT NOT NULL REFERENCES patient(code),
            PRIMARY KEY (cohort, patient)
        ) STRICT;

        ALTER TABLE appointment ADD COLUMN cohort TEXT REFERENCES cohort(id);
        CREATE INDEX appointment_room_start ON appointment(room, start_utc);
        CREATE INDEX appointment_interpreter_start ON appointment(interpreter, start_utc);

        CREATE TRIGGER appointment_no_double_booking_on_insert
        BEFORE INSERT ON appointment WHEN NEW.status IN \(active)
        BEGIN
        \(appointmentGuards("NEW"))
        END;

        CREATE TRIGGER appointment_no_double_booking_on_update
        BEFORE UPDATE OF start_utc, end_utc, room, interpreter, status, patient, cohort ON appointment
        WHEN NEW.status IN \(active)
        BEGIN
        \(appointmentGuards("NEW"))
            SELECT RAISE(ABORT, 'double booking: a clinician is taken at that time')
            WHERE EXISTS (SELECT 1 FROM appointment_clinician mine
                JOIN appointment_clinician other ON other.clinician = mine.clinician AND other.appointment <> NEW.id
                JOIN appointment a ON a.id = other.appointment
                WHERE mine.appointment = NEW.id AND \(clash("a", "NEW")));
        END;

        CREATE TRIGGER appointment_clinician_no_double_booking
        BEFORE INSERT ON appointment_clinician
        BEGIN
            SELECT RAISE(ABORT, 'double booking: the clinician is taken at that time')
            WHERE EXISTS (SELECT 1 FROM appointment n
                JOIN appointment_clinician other ON other.clinician = NEW.clinician AND other.appointment <> n.id
                JOIN appointment a ON a.id = other.appointment
                WHERE n.id = NEW.appointment AND n.status IN \(active) AND \(clash("a", "n")));
        END;
        """
}
