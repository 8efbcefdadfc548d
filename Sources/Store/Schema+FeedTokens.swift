/// Migration v4: the secret addresses of subscribed calendar feeds.
///
/// A clinician pastes one URL into a calendar app; whoever holds it reads the feed. The database
/// keeps only the SHA-256 of each token, so a copy of the file (a backup, a laptop) does not give
/// anyone a working URL. Revoking keeps the row (and its audit trail) and stamps `revoked_at`.
extension Schema {
    static let v4FeedTokens = "v4-feed-tokens"

    /// Tables the fourth migration adds.
    static let v4Tables = ["feed_token"]

    static let v4FeedTokensSQL = """
        CREATE TABLE feed_token (
            id INTEGER PRIMARY KEY,
            scope_kind TEXT NOT NULL CHECK (scope_kind IN ('clinician', 'room')),
            scope_id TEXT NOT NULL CHECK (scope_id <> ''),
            token_sha256 BLOB NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
            created_at TEXT NOT NULL CHECK (created_at \(instant)),
            revoked_at TEXT CHECK (revoked_at IS NULL OR revoked_at \(instant))
        ) STRICT;
        CREATE INDEX feed_token_scope ON feed_token(scope_kind, scope_id);
        -- A revoked token stays revoked: a leaked URL must not come back to life.
        CREATE TRIGGER feed_token_revocation_final BEFORE UPDATE ON feed_token
            WHEN OLD.revoked_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a revoked feed token cannot be changed; create a new one'); END;
        """
}
