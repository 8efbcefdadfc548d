/// Sessions placed against a rule on purpose: a manual move accepted with `--force --reason`.
extension Schema {
    /// Named for what it adds, not numbered, so it cannot clash with migrations written in
    /// parallel; its place in the migrator decides when it runs.
    package static let seriesOverrides = "series-overrides"
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
        -- Sessions of one step keep their order: therapy n starts before therapy n+1, whatever
        -- writes them. (The order across steps depends on the care track, which the schema does
        -- not know; the doctor's series check and the independent checker cover it.)
        CREATE TRIGGER appointment_step_order_insert BEFORE INSERT ON appointment
        WHEN NEW.status IN ('booked', 'attended')
        BEGIN
        \(stepOrderGuard)
        END;
        CREATE TRIGGER appointment_step_order_update BEFORE UPDATE OF start_utc, end_utc, status, occurrence ON appointment
        WHEN NEW.status IN ('booked', 'attended')
        BEGIN
        \(stepOrderGuard)
        END;
        """

    static let stepOrderGuard = """
            SELECT RAISE(ABORT, 'series order: a session of this step with a lower number starts at or after it, or one with a higher number before it')
            WHERE EXISTS (SELECT 1 FROM appointment o WHERE o.id <> NEW.id AND o.patient = NEW.patient
                AND o.track = NEW.track AND o.step = NEW.step AND o.status IN ('booked', 'attended')
                AND ((o.occurrence < NEW.occurrence AND o.start_utc >= NEW.start_utc)
                  OR (o.occurrence > NEW.occurrence AND o.start_utc <= NEW.start_utc)));
        """
}
