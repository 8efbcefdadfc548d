/// Migration v7: the desk's accounts and their server-side sessions.
///
/// A user signs in to the desk with a name and a password; the database keeps only a bcrypt hash
/// of the password and the SHA-256 of each session token, so a copy of the file opens no session
/// and reveals no password. A clinician account names its clinician, so the desk can show them
/// their own sessions only.
extension Schema {
    static let v7DeskAccounts = "desk-accounts"

    /// Tables the seventh migration adds.
    static let v7Tables = ["desk_user", "desk_session"]

    static let v7DeskAccountsSQL = """
        CREATE TABLE desk_user (
            name TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
            role TEXT NOT NULL CHECK (role IN ('secretary', 'clinician', 'coordinator', 'admin')),
            clinician_id TEXT REFERENCES clinician(id),
            language TEXT NOT NULL DEFAULT '' CHECK (language IN ('', 'fr', 'en')),
            disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
            password_bcrypt TEXT NOT NULL CHECK (password_bcrypt GLOB '$2[aby]$[0-9][0-9]$*'),
            -- Set by `user add` and `user reset-password`: the password was printed once.
            password_is_temporary INTEGER NOT NULL DEFAULT 1 CHECK (password_is_temporary IN (0, 1)),
            created_at TEXT NOT NULL CHECK (created_at \(instant)),
            -- A clinician account names its clinician; no other role does.
            CHECK ((role = 'clinician') = (clinician_id IS NOT NULL))
        ) STRICT;

        CREATE TABLE desk_session (
            token_sha256 BLOB NOT NULL PRIMARY KEY CHECK (length(token_sha256) = 32),
            user_name TEXT NOT NULL REFERENCES desk_user(name) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL CHECK (length(csrf_token) >= 32),
            created_at TEXT NOT NULL CHECK (created_at \(instant)),
            last_seen_at TEXT NOT NULL CHECK (last_seen_at \(instant))
        ) STRICT;
        CREATE INDEX desk_session_user ON desk_session(user_name);
        """
}
