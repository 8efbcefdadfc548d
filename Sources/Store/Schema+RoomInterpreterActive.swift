/// Rooms and interpreters that leave service (issue 17): an `active` flag on each, as clinicians
/// have, so a room closed for good or an interpreter who stopped working keeps their history and
/// reports but is never offered for a new booking.
///
/// Named, not numbered, so it cannot clash with migrations written beside it; its place in the
/// migrator decides when it runs. Every existing row stays in use (`DEFAULT 1`).
extension Schema {
    package static let roomInterpreterActive = "room-interpreter-active"

    static let roomInterpreterActiveSQL = """
        ALTER TABLE room ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
        ALTER TABLE interpreter ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
        """
}
