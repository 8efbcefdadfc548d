import CareModel
import Foundation
import GRDB

/// What a desk account may do; the desk's route guard reads it, the Store only keeps it.
public enum DeskRole: String, CaseIterable, Sendable, Codable {
    case secretary, clinician, coordinator, admin
}

/// A desk account as listed: never its password hash.
public struct DeskUser: Hashable, Sendable, Codable {
    public var name: String
    public var role: DeskRole
    /// The clinician a clinician account speaks for; nil for every other role.
    public var clinician: ClinicianID?
    /// `fr` or `en` when the user chose a language; nil follows the browser.
    public var language: String?
    public var disabled: Bool
    /// The password was printed once by `user add` or `user reset-password`.
    public var passwordIsTemporary: Bool
    public var createdAt: Date

    public init(
        name: String, role: DeskRole, clinician: ClinicianID? = nil, language: String? = nil, disabled: Bool = false,
        passwordIsTemporary: Bool = true, createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.name = name
        self.role = role
        self.clinician = clinician
        self.language = language
        self.disabled = disabled
        self.passwordIsTemporary = passwordIsTemporary
        self.createdAt = createdAt
    }
}

/// A signed-in session, found by the SHA-256 of the token in its cookie.
public struct DeskSession: Hashable, Sendable {
    public var user: DeskUser
    /// The token every form of this session carries; a POST without it is refused.
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
}

extension ParcoursStore {
    /// Records a new account with its password's bcrypt hash (the password itself never comes here).
    @discardableResult
    public func addDeskUser(_ user: DeskUser, passwordBcrypt: String, actor: Actor) throws(StoreError) -> DeskUser {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM desk_user WHERE name = ?", arguments: [user.name]) != nil {
                throw StoreError.duplicate(kind: "desk user", id: user.name)
            }
            if let clinician = user.clinician {
                guard
                    let active = try Bool.fetchOne(
                        db, sql: "SELECT active FROM clinician WHERE id = ?",
                        arguments: [clinician.rawValue])
                else { throw StoreError.notFound(kind: "clinician", id: clinician.rawValue) }
                guard active else {
                    throw StoreError.constraint("clinician \(clinician) is inactive and cannot get an account")
                }
            }
            var added = user
            added.createdAt = Self.secondOf(clock())
            added.disabled = false
            added.passwordIsTemporary = true
            try db.execute(
                sql: """
                    INSERT INTO desk_user (name, role, clinician_id, language, disabled, password_bcrypt, password_is_temporary, created_at)
                    VALUES (?, ?, ?, ?, 0, ?, 1, ?)
                    """,
                arguments: [
                    added.name, added.role.rawValue, added.clinician?.rawValue, added.language ?? "", passwordBcrypt,
                    StoredText.instant(added.createdAt),
                ])
            try audit(
                db, actor: actor, action: "add-desk-user", entity: "desk-user", id: added.name, patient: nil,
                after: try Self.json(added), reason: nil)
            return added
        }
    }

    /// Every account, by name.
    public func deskUsers() throws(StoreError) -> [DeskUser] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM desk_user ORDER BY name").map { row throws in
                try Self.deskUser(row)
            }
        }
    }

    /// The account `name` and its bcrypt hash, for checking a password at sign-in; nil if unknown.
    public func deskCredentials(_ name: String) throws(StoreError) -> (user: DeskUser, passwordBcrypt: String)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM desk_user WHERE name = ?", arguments: [name])
            else { return nil }
            return (
                try Self.deskUser(row), try RowReader(row, table: "desk_user", idColumn: "name").text("password_bcrypt")
            )
        }
    }

    /// Disables `name` and ends its sessions at once: someone who left must not stay signed in.
    @discardableResult
    public func disableDeskUser(_ name: String, actor: Actor, reason: String? = nil) throws(StoreError) -> DeskUser {
        try write { db in
            let before = try Self.existingDeskUser(db, name)
            guard !before.disabled else { throw StoreError.constraint("desk user \(name) is already disabled") }
            try db.execute(sql: "UPDATE desk_user SET disabled = 1 WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM desk_session WHERE user_name = ?", arguments: [name])
            var after = before
            after.disabled = true
            try audit(
                db, actor: actor, action: "disable-desk-user", entity: "desk-user", id: name, patient: nil,
                before: try Self.json(before), after: try Self.json(after), reason: reason)
            return after
        }
    }

    /// Replaces `name`'s password hash and ends every session of theirs, except `keeping` (the
    /// session of a user who changed their own password). `temporary` for a password printed once.
    public func setDeskUserPassword(
        _ name: String, passwordBcrypt: String, temporary: Bool, keeping: [UInt8]? = nil,
        actor: Actor, reason: String? = nil
    ) throws(StoreError) {
        try write { db in
            let before = try Self.existingDeskUser(db, name)
            try db.execute(
                sql: "UPDATE desk_user SET password_bcrypt = ?, password_is_temporary = ? WHERE name = ?",
                arguments: [passwordBcrypt, temporary, name])
            try db.execute(
                sql: "DELETE FROM desk_session WHERE user_name = ? AND token_sha256 IS NOT ?",
                arguments: [name, keeping.map { Data($0) }])
            var after = before
            after.passwordIsTemporary = temporary
            try audit(
                db, actor: actor, action: temporary ? "reset-desk-password" : "change-desk-password",
                entity: "desk-user",
                id: name, patient: nil, before: try Self.json(before), after: try Self.json(after), reason: reason)
        }
    }

    /// Sets the language the desk speaks to `name` (`fr`, `en`, or nil to follow the browser).
    public func setDeskUserLanguage(_ name: String, language: String?, actor: Actor) throws(StoreError) {
        try write { db in
            let before = try Self.existingDeskUser(db, name)
            try db.execute(sql: "UPDATE desk_user SET language = ? WHERE name = ?", arguments: [language ?? "", name])
            var after = before
            after.language = language
            try audit(
                db, actor: actor, action: "set-desk-language", entity: "desk-user", id: name, patient: nil,
                before: try Self.json(before), after: try Self.json(after), reason: nil)
        }
    }

    /// Opens a session for `name` under the SHA-256 of a fresh token; refused for a disabled account.
    @discardableResult
    public func openDeskSession(
        _ name: String, tokenSHA256: [UInt8], csrfToken: String
    ) throws(StoreError) -> DeskSession {
        try write { db in
            guard tokenSHA256.count == 32 else {
                throw StoreError.constraint("a session token's hash must be a SHA-256 (32 bytes)")
            }
            let user = try Self.existingDeskUser(db, name)
            guard !user.disabled else { throw StoreError.constraint("desk user \(name) is disabled") }
            let now = Self.secondOf(clock())
            try db.execute(
                sql: """
                    INSERT INTO desk_session (token_sha256, user_name, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [Data(tokenSHA256), name, csrfToken, StoredText.instant(now), StoredText.instant(now)])
            try audit(
                db, actor: Actor(name: name), action: "desk-sign-in", entity: "desk-user", id: name, patient: nil,
                reason: nil)
            return DeskSession(user: user, csrfToken: csrfToken, createdAt: now, lastSeenAt: now)
        }
    }

    /// The live session whose token hashes to `tokenSHA256`, or nil. A session idle for longer
    /// than `idleTimeout` is deleted and nil returned; a live one is marked seen (at most once a
    /// minute, so that reading pages does not turn into a write per request).
    public func deskSession(tokenSHA256: [UInt8], idleTimeout: TimeInterval) throws(StoreError) -> DeskSession? {
        let found: DeskSession? = try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.csrf_token, s.created_at AS s_created, s.last_seen_at, u.*
                        FROM desk_session s JOIN desk_user u ON u.name = s.user_name WHERE s.token_sha256 = ?
                        """, arguments: [Data(tokenSHA256)])
            else { return nil }
            let r = RowReader(row, table: "desk_session", idColumn: "name")
            return DeskSession(
                user: try Self.deskUser(row), csrfToken: try r.text("csrf_token"),
                createdAt: try r.instant("s_created"),
                lastSeenAt: try r.instant("last_seen_at"))
        }
        guard var session = found else { return nil }
        let now = clock()
        if session.user.disabled || now.timeIntervalSince(session.lastSeenAt) > idleTimeout {
            try write { db in
                try db.execute(sql: "DELETE FROM desk_session WHERE token_sha256 = ?", arguments: [Data(tokenSHA256)])
            }
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) >= 60 {
            session.lastSeenAt = Self.secondOf(now)
            try write { db in
                try db.execute(
                    sql: "UPDATE desk_session SET last_seen_at = ? WHERE token_sha256 = ?",
                    arguments: [StoredText.instant(now), Data(tokenSHA256)])
            }
        }
        return session
    }

    /// Ends one session (sign-out); ending an unknown one does nothing.
    public func closeDeskSession(tokenSHA256: [UInt8]) throws(StoreError) {
        try write { db in
            guard
                let name = try String.fetchOne(
                    db, sql: "SELECT user_name FROM desk_session WHERE token_sha256 = ?",
                    arguments: [Data(tokenSHA256)])
            else { return }
            try db.execute(sql: "DELETE FROM desk_session WHERE token_sha256 = ?", arguments: [Data(tokenSHA256)])
            try audit(
                db, actor: Actor(name: name), action: "desk-sign-out", entity: "desk-user", id: name, patient: nil,
                reason: nil)
        }
    }

    /// How many sessions `name` has open, for `user list` and tests.
    public func deskSessionCount(_ name: String) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM desk_session WHERE user_name = ?", arguments: [name]) ?? 0
        }
    }

    // MARK: - Rows

    private static func existingDeskUser(_ db: Database, _ name: String) throws -> DeskUser {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM desk_user WHERE name = ?", arguments: [name]) else {
            throw StoreError.notFound(kind: "desk user", id: name)
        }
        return try deskUser(row)
    }

    private static func deskUser(_ row: Row) throws(StoreError) -> DeskUser {
        let r = RowReader(row, table: "desk_user", idColumn: "name")
        let roleText = try r.text("role"), name = try r.text("name")
        guard let role = DeskRole(rawValue: roleText) else {
            throw StoreError.unreadable(
                table: "desk_user", id: name, column: "role", value: roleText,
                expected: "secretary, clinician, coordinator or admin")
        }
        let language = try r.text("language")
        return DeskUser(
            name: name, role: role, clinician: try r.optionalText("clinician_id").map { ClinicianID($0) },
            language: language.isEmpty ? nil : language, disabled: try r.bool("disabled"),
            passwordIsTemporary: try r.bool("password_is_temporary"), createdAt: try r.instant("created_at"))
    }

    private static func secondOf(_ date: Date) -> Date { StoredText.instant(parsing: StoredText.instant(date)) ?? date }
}
