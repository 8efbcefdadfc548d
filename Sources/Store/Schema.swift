import GRDB

/// The database schema, as the ordered list of migrations that build it from an empty file.
///
/// Migrations talk only to SQLite, in SQL, and never change once shipped: a new need is a new
/// migration (`v2-...`). Rules that must always hold live here as constraints, indexes and
/// triggers, so that they hold even for a caller that forgets to check ("trust SQLite more than
/// yourself").
///
/// Storage conventions:
/// - days (`birth_date`, `enrolled_on`, `date`) are ISO `YYYY-MM-DD` text;
/// - instants (`*_utc`, `at`, `created_at`) are UTC ISO 8601 text to the second,
///   `2026-11-26T13:00:00Z`, which sorts and compares as text;
/// - sets (skills, languages, features, safe channels) are sorted raw values joined by commas,
///   `emdr,tf-cbt`; the empty set is the empty string;
/// - weekly hours are their text form, `mon-fri 09:00-12:30,13:30-17:00`;
/// - booleans are 0 or 1.
package enum Schema {
    /// The first migration; its identifier is what a database at this version reports.
    static let v1 = "v1-initial-schema"
    /// Calendar identity of appointments: a random UID that feeds publish, kept for life.
    static let v3 = "v3-appointment-calendar-uid"
    /// The newest migration this build knows.
    package static let latest = agendaWeekIndex

    /// The migrator every Parcours store uses; `extra` lets tests play a newer build.
    package static func migrator(extra: [(identifier: String, sql: String)] = []) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(v1) { db in
            try db.execute(sql: v1SQL)
        }
        migrator.registerMigration(v2BookingGuards) { db in
            try db.execute(sql: v2BookingGuardsSQL)
        }
        migrator.registerMigration(v3) { db in
            try db.execute(sql: v3SQL)
        }
        migrator.registerMigration(v4FeedTokens) { db in
            try db.execute(sql: v4FeedTokensSQL)
        }
        migrator.registerMigration(v5OutcomeMeasures) { db in
            try db.execute(sql: v5OutcomeMeasuresSQL)
        }
        migrator.registerMigration(v6AuditPatientAndPrivacy) { db in
            try db.execute(sql: v6AuditPatientAndPrivacySQL)
        }
        migrator.registerMigration(v7FileIdentity) { db in try db.execute(sql: v7FileIdentitySQL) }
        migrator.registerMigration(v8AuditChain) { db in try migrateAuditChain(db) }
        migrator.registerMigration(calendarSubscriptions) { db in try db.execute(sql: calendarSubscriptionsSQL) }
        migrator.registerMigration(seriesOverrides) { db in try db.execute(sql: seriesOverridesSQL) }
        migrator.registerMigration(v7DeskAccounts) { db in try db.execute(sql: v7DeskAccountsSQL) }
        migrator.registerMigration(calendarSubscriptionReplan) { db in
            try db.execute(sql: calendarSubscriptionReplanSQL)
        }
        migrator.registerMigration(clinicianCaps) { db in try db.execute(sql: clinicianCapsSQL) }
        migrator.registerMigration(resourceUnavailability) { db in try db.execute(sql: resourceUnavailabilitySQL) }
        migrator.registerMigration(snapshotWindowIndexes) { db in try db.execute(sql: snapshotWindowIndexesSQL) }
        migrator.registerMigration(waitlistIndex) { db in try db.execute(sql: waitlistIndexSQL) }
        migrator.registerMigration(roomInterpreterActive) { db in try db.execute(sql: roomInterpreterActiveSQL) }
        migrator.registerMigration(agendaWeekIndex) { db in try db.execute(sql: agendaWeekIndexSQL) }
        for migration in extra {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    static let day = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
    static let instant = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z'"
    static let states = "('referred', 'enrolled', 'in-treatment', 'completed', 'dropped-out', 'referred-out')"
    static let openStates = "('referred', 'enrolled', 'in-treatment')"
    static let statuses = "('booked', 'attended', 'no-show', 'cancelled-by-patient', 'cancelled-by-centre')"

    static let v1SQL = """
        -- Clinical, pseudonymous: no name, no contact. Reports, feeds and the scheduler read this.
        CREATE TABLE patient (
            code TEXT NOT NULL PRIMARY KEY CHECK (code <> ''),
            birth_date TEXT NOT NULL CHECK (birth_date \(day)),
            category TEXT NOT NULL CHECK (category <> ''),
            language TEXT NOT NULL CHECK (language <> ''),
            needs_interpreter INTEGER NOT NULL CHECK (needs_interpreter IN (0, 1)),
            referral_source TEXT NOT NULL CHECK (referral_source <> ''),
            referral_date TEXT NOT NULL CHECK (referral_date \(day)),
            safe_channels TEXT NOT NULL DEFAULT '',
            needs_accessible_room INTEGER NOT NULL DEFAULT 0 CHECK (needs_accessible_room IN (0, 1)),
            address_protected INTEGER NOT NULL DEFAULT 0 CHECK (address_protected IN (0, 1)),
            created_at TEXT NOT NULL CHECK (created_at \(instant))
        ) STRICT;

        -- Identity and contact, apart from clinical data; goes with the patient.
        CREATE TABLE patient_identity (
            code TEXT NOT NULL PRIMARY KEY REFERENCES patient(code) ON DELETE CASCADE,
            given_name TEXT NOT NULL,
            family_name TEXT NOT NULL,
            phone TEXT,
            email TEXT,
            address TEXT
        ) STRICT;

        -- Two patients who must never meet on site; one row per pair, smaller code first.
        CREATE TABLE keep_apart (
            patient_a TEXT NOT NULL REFERENCES patient(code) ON DELETE CASCADE,
            patient_b TEXT NOT NULL REFERENCES patient(code) ON DELETE CASCADE,
            PRIMARY KEY (patient_a, patient_b),
            CHECK (patient_a < patient_b)
        ) STRICT;
        CREATE INDEX keep_apart_b ON keep_apart(patient_b);

        CREATE TABLE clinician (
            id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            role TEXT NOT NULL CHECK (role <> ''),
            skills TEXT NOT NULL DEFAULT '',
            languages TEXT NOT NULL DEFAULT 'fr',
            hours TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        ) STRICT;

        CREATE TABLE room (
            id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            capacity INTEGER NOT NULL CHECK (capacity > 0),
            features TEXT NOT NULL DEFAULT ''
        ) STRICT;

        CREATE TABLE interpreter (
            id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
            name TEXT NOT NULL CHECK (name <> ''),
            languages TEXT NOT NULL CHECK (languages <> ''),
            hours TEXT NOT NULL DEFAULT ''
        ) STRICT;

        CREATE TABLE enrolment (
            id INTEGER PRIMARY KEY,
            patient TEXT NOT NULL REFERENCES patient(code) ON DELETE CASCADE,
            track TEXT NOT NULL CHECK (track <> ''),
            state TEXT NOT NULL CHECK (state IN \(states)),
            enrolled_on TEXT NOT NULL CHECK (enrolled_on \(day)),
            created_at TEXT NOT NULL CHECK (created_at \(instant)),
            updated_at TEXT NOT NULL CHECK (updated_at \(instant))
        ) STRICT;
        CREATE INDEX enrolment_patient ON enrolment(patient);
        -- At most one enrolment in progress per patient, whatever the caller does.
        CREATE UNIQUE INDEX enrolment_one_open_per_patient ON enrolment(patient) WHERE state IN \(openStates);

        CREATE TABLE enrolment_transition (
            id INTEGER PRIMARY KEY,
            enrolment INTEGER NOT NULL REFERENCES enrolment(id) ON DELETE CASCADE,
            from_state TEXT NOT NULL CHECK (from_state IN \(states)),
            to_state TEXT NOT NULL CHECK (to_state IN \(states)),
            at TEXT NOT NULL CHECK (at \(instant)),
            reason TEXT
        ) STRICT;
        CREATE INDEX enrolment_transition_enrolment ON enrolment_transition(enrolment);

        CREATE TABLE appointment (
            id TEXT NOT NULL PRIMARY KEY CHECK (id <> ''),
            patient TEXT NOT NULL REFERENCES patient(code),
            track TEXT NOT NULL CHECK (track <> ''),
            step TEXT NOT NULL CHECK (step <> ''),
            occurrence INTEGER NOT NULL CHECK (occurrence >= 1),
            start_utc TEXT NOT NULL CHECK (start_utc \(instant)),
            end_utc TEXT NOT NULL CHECK (end_utc \(instant)),
            room TEXT REFERENCES room(id),
            interpreter TEXT REFERENCES interpreter(id),
            status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN \(statuses)),
            -- Bumped on every change, for the iCalendar SEQUENCE of the feeds.
            sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
            created_at TEXT NOT NULL CHECK (created_at \(instant)),
            updated_at TEXT NOT NULL CHECK (updated_at \(instant)),
            CHECK (end_utc > start_utc)
        ) STRICT;
        CREATE INDEX appointment_patient ON appointment(patient, start_utc);
        CREATE INDEX appointment_start ON appointment(start_utc);

        CREATE TABLE appointment_clinician (
            appointment TEXT NOT NULL REFERENCES appointment(id) ON DELETE CASCADE,
            clinician TEXT NOT NULL REFERENCES clinician(id),
            position INTEGER NOT NULL CHECK (position >= 0),
            PRIMARY KEY (appointment, clinician)
        ) STRICT;
        CREATE INDEX appointment_clinician_clinician ON appointment_clinician(clinician);

        -- Days the centre is closed (public holidays, closures).
        CREATE TABLE closed_day (
            date TEXT NOT NULL PRIMARY KEY CHECK (date \(day)),
            label TEXT NOT NULL
        ) STRICT;

        CREATE TABLE clinician_absence (
            id INTEGER PRIMARY KEY,
            clinician TEXT NOT NULL REFERENCES clinician(id) ON DELETE CASCADE,
            from_utc TEXT NOT NULL CHECK (from_utc \(instant)),
            to_utc TEXT NOT NULL CHECK (to_utc \(instant)),
            reason TEXT,
            CHECK (to_utc > from_utc)
        ) STRICT;
        CREATE INDEX clinician_absence_clinician ON clinician_absence(clinician, from_utc);

        -- Who changed what, when and why. Append-only: the triggers below refuse any edit.
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL CHECK (at \(instant)),
            actor TEXT NOT NULL CHECK (actor <> ''),
            action TEXT NOT NULL CHECK (action <> ''),
            entity TEXT NOT NULL CHECK (entity <> ''),
            entity_id TEXT NOT NULL,
            before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
            after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
            reason TEXT
        ) STRICT;
        CREATE INDEX audit_entity_id ON audit(entity_id);
        CREATE INDEX audit_at ON audit(at);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
        """

    /// Every appointment gets a calendar UID that says nothing about the patient: 128 random bits
    /// from SQLite, filled in by a trigger so that any insert path (the scheduler's included) gets
    /// one, and frozen by another, since calendar apps match updates to events by it.
    ///
    /// A change of time, room, interpreter or status that forgets to raise `sequence` gets it
    /// raised here (and `updated_at` set to SQLite's clock if it was left too), so subscribed
    /// calendars always take the new version as newer.
    static let v3SQL = """
        ALTER TABLE appointment ADD COLUMN uid TEXT NOT NULL DEFAULT '';
        UPDATE appointment SET uid = lower(hex(randomblob(16))) || '@parcours' WHERE uid = '';
        CREATE UNIQUE INDEX appointment_uid ON appointment(uid) WHERE uid <> '';
        CREATE TRIGGER appointment_uid_fill AFTER INSERT ON appointment WHEN NEW.uid = ''
        BEGIN UPDATE appointment SET uid = lower(hex(randomblob(16))) || '@parcours' WHERE id = NEW.id; END;
        CREATE TRIGGER appointment_uid_frozen BEFORE UPDATE OF uid ON appointment
            WHEN OLD.uid <> '' AND NEW.uid IS NOT OLD.uid
        BEGIN SELECT RAISE(ABORT, 'an appointment keeps its calendar uid for life'); END;
        CREATE TRIGGER appointment_sequence_raise
            AFTER UPDATE OF start_utc, end_utc, room, interpreter, status ON appointment
            WHEN NEW.sequence <= OLD.sequence
        BEGIN
            UPDATE appointment SET sequence = OLD.sequence + 1,
                updated_at = CASE WHEN NEW.updated_at = OLD.updated_at
                    THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ELSE NEW.updated_at END
            WHERE id = NEW.id;
        END;
        """

    /// Every table the first migration creates, for tests and integrity checks.
    static let v1Tables = [
        "patient", "patient_identity", "keep_apart", "clinician", "room", "interpreter", "enrolment",
        "enrolment_transition", "appointment", "appointment_clinician", "closed_day", "clinician_absence",
        "audit",
    ]

    /// Every table of the current schema.
    package static let tables =
        v1Tables + v2Tables + v4Tables + v5Tables + calendarSubscriptionTables + overrideTables + v7Tables
        + clinicianCapTables + resourceUnavailabilityTables
}
