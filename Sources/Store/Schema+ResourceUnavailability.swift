/// When a room or an interpreter cannot be booked (issue 18): works, a broken lock, an
/// interpreter's leave.
extension Schema {
    /// Named for what it adds, not numbered, so it cannot clash with migrations written in
    /// parallel; registered after `clinician-caps`.
    package static let resourceUnavailability = "resource-unavailability"
    static let resourceUnavailabilityTables = ["resource_unavailability"]

    /// One row per stretch of unavailability, of exactly one room or one interpreter (two
    /// references rather than a kind and a text id, so the foreign keys keep them real). The
    /// checks keep what a hand-written row could break out: instants in the stored form, an end
    /// after the start, a reason and an author.
    package static let resourceUnavailabilitySQL = """
        CREATE TABLE resource_unavailability (
            id INTEGER PRIMARY KEY,
            room TEXT REFERENCES room(id) ON DELETE CASCADE,
            interpreter TEXT REFERENCES interpreter(id) ON DELETE CASCADE,
            from_utc TEXT NOT NULL CHECK (from_utc \(instant)),
            to_utc TEXT NOT NULL CHECK (to_utc \(instant)),
            reason TEXT NOT NULL CHECK (trim(reason) <> ''),
            created_by TEXT NOT NULL CHECK (trim(created_by) <> ''),
            created_at TEXT NOT NULL CHECK (created_at \(instant)),
            CHECK (to_utc > from_utc),
            CHECK ((room IS NULL) <> (interpreter IS NULL))
        ) STRICT;
        CREATE INDEX resource_unavailability_room ON resource_unavailability(room, from_utc);
        CREATE INDEX resource_unavailability_interpreter ON resource_unavailability(interpreter, from_utc);
        """
}
