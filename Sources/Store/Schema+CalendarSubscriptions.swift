/// A clinician's own calendar (Google, Outlook, Nextcloud...), subscribed by URL: `parcours serve`
/// reads it on a schedule and keeps its busy times as absences.
///
/// Named without a number so it cannot clash with the migrations written beside it; the order in
/// the migrator decides when it runs. The absences a subscription brings carry its id
/// (`clinician_absence.subscription`): each refresh replaces exactly those, and removing the
/// subscription removes them, never an absence typed or imported by hand.
extension Schema {
    static let calendarSubscriptions = "calendar-subscriptions"
    static let calendarSubscriptionTables = ["calendar_subscription"]

    static let calendarSubscriptionsSQL = """
        CREATE TABLE calendar_subscription (
            id INTEGER PRIMARY KEY,
            clinician TEXT NOT NULL REFERENCES clinician(id) ON DELETE CASCADE,
            url TEXT NOT NULL CHECK (url GLOB 'http://?*' OR url GLOB 'https://?*'),
            created_at TEXT NOT NULL CHECK (created_at \(instant)),
            -- What the server said last time, sent back so that an unchanged calendar costs a 304.
            etag TEXT,
            last_modified TEXT,
            checked_at TEXT CHECK (checked_at IS NULL OR checked_at \(instant)),
            refreshed_at TEXT CHECK (refreshed_at IS NULL OR refreshed_at \(instant)),
            -- Consecutive failed attempts, for the backoff; the last one's reason for the list.
            failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
            last_error TEXT,
            UNIQUE (clinician, url)
        ) STRICT;
        ALTER TABLE clinician_absence ADD COLUMN subscription INTEGER
            REFERENCES calendar_subscription(id) ON DELETE CASCADE;
        CREATE INDEX clinician_absence_subscription ON clinician_absence(subscription);
        """

    /// Whether each read replans the booked sessions the subscription's busy times fall on
    /// (`calendar subscribe --replan`), through the booking service `clinician absence add --replan` uses.
    static let calendarSubscriptionReplan = "calendar-subscription-replan"
    static let calendarSubscriptionReplanSQL = """
        ALTER TABLE calendar_subscription ADD COLUMN replan INTEGER NOT NULL DEFAULT 0 CHECK (replan IN (0, 1));
        """
}
