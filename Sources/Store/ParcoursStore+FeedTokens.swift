import CareModel
import Foundation
import GRDB

/// Whose calendar a feed token opens.
public enum FeedScope: Hashable, Sendable, CustomStringConvertible {
    case clinician(ClinicianID)
    case room(RoomID)

    /// `clinician` or `room`, as stored in `feed_token.scope_kind`.
    public var kind: String {
        switch self {
        case .clinician: "clinician"
        case .room: "room"
        }
    }

    public var id: String {
        switch self {
        case let .clinician(id): id.rawValue
        case let .room(id): id.rawValue
        }
    }

    /// The appointments this feed publishes.
    public var appointments: AppointmentScope {
        switch self {
        case let .clinician(id): .clinician(id)
        case let .room(id): .room(id)
        }
    }

    public var description: String { "\(kind) \(id)" }
}

/// A feed token as listed: never its hash, which would let a reader of the list check guesses.
public struct FeedTokenRecord: Hashable, Sendable, Encodable {
    public var id: Int64
    public var scope: FeedScope
    public var createdAt: Date
    /// When the token stopped opening the feed; nil while it works.
    public var revokedAt: Date?

    public var isActive: Bool { revokedAt == nil }

    enum CodingKeys: String, CodingKey { case id, scopeKind, scopeID, createdAt, revokedAt }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(scope.kind, forKey: .scopeKind)
        try container.encode(scope.id, forKey: .scopeID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(revokedAt, forKey: .revokedAt)
    }
}

extension ParcoursStore {
    /// Records a new token for `scope`, given only its SHA-256 (see ``FeedTokenSecret``).
    ///
    /// Refused for an unknown room or clinician, and for an inactive clinician: a feed must not
    /// outlive the person it was made for.
    @discardableResult
    public func createFeedToken(
        scope: FeedScope, sha256: [UInt8], actor: Actor, reason: String? = nil
    )
        throws(StoreError) -> FeedTokenRecord
    {
        try write { db in try insertFeedToken(db, scope: scope, sha256: sha256, actor: actor, reason: reason) }
    }

    /// Every token, active or revoked, in creation order.
    public func feedTokens() throws(StoreError) -> [FeedTokenRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed_token ORDER BY id").map { row throws in
                try Self.feedToken(from: row)
            }
        }
    }

    /// The active token whose hash is `sha256`, or nil for an unknown or revoked one.
    ///
    /// The row is found through the unique index on the hash (an attacker cannot steer a SHA-256,
    /// so the index walk reveals nothing); the match is then confirmed in constant time.
    public func activeFeedToken(sha256: [UInt8]) throws(StoreError) -> FeedTokenRecord? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM feed_token WHERE token_sha256 = ?",
                    arguments: [Data(sha256)])
            else { return nil }
            let stored: Data = row["token_sha256"]
            let record = try Self.feedToken(from: row)
            guard FeedTokenSecret.constantTimeEqual(Array(stored), sha256), record.isActive else { return nil }
            return record
        }
    }

    /// Every active token with its hash, for a server that keeps them in memory instead of
    /// querying per request. The hashes open nothing by themselves (the URL holds the token).
    public func activeFeedTokenHashes() throws(StoreError) -> [(sha256: [UInt8], record: FeedTokenRecord)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed_token WHERE revoked_at IS NULL ORDER BY id").map {
                row throws in
                let stored: Data = row["token_sha256"]
                return (Array(stored), try Self.feedToken(from: row))
            }
        }
    }

    /// Stops token `id` from opening its feed; revoking twice is refused so the date stays true.
    @discardableResult
    public func revokeFeedToken(_ id: Int64, actor: Actor, reason: String? = nil) throws(StoreError) -> FeedTokenRecord
    {
        try write { db in try revoke(db, id: id, actor: actor, reason: reason) }
    }

    /// Revokes token `id` and gives its scope a new one (hash `newSHA256`) in one transaction, for
    /// a URL that leaked: the old URL stops working the moment the new one exists.
    @discardableResult
    public func rotateFeedToken(
        _ id: Int64, newSHA256: [UInt8], actor: Actor, reason: String? = nil
    )
        throws(StoreError) -> FeedTokenRecord
    {
        try write { db in
            let old = try revoke(db, id: id, actor: actor, reason: reason)
            return try insertFeedToken(db, scope: old.scope, sha256: newSHA256, actor: actor, reason: reason)
        }
    }

    /// Revokes every active token of `clinician`; returns how many.
    @discardableResult
    public func revokeFeedTokens(
        of clinician: ClinicianID, actor: Actor, reason: String? = nil
    ) throws(StoreError) -> Int {
        try write { db in try revokeAll(db, of: clinician, actor: actor, reason: reason) }
    }

    /// Marks `clinician` inactive and revokes their feeds, together: someone who left the centre
    /// must not keep reading its sessions from a URL on their phone.
    public func deactivateClinician(_ clinician: ClinicianID, actor: Actor, reason: String? = nil) throws(StoreError) {
        try write { db in
            guard
                try Bool.fetchOne(db, sql: "SELECT active FROM clinician WHERE id = ?", arguments: [clinician.rawValue])
                    != nil
            else { throw StoreError.notFound(kind: "clinician", id: clinician.rawValue) }
            try db.execute(sql: "UPDATE clinician SET active = 0 WHERE id = ?", arguments: [clinician.rawValue])
            try audit(
                db, actor: actor, action: "deactivate-clinician", entity: "clinician", id: clinician.rawValue,
                patient: nil,
                before: #"{"active":true}"#, after: #"{"active":false}"#, reason: reason)
            _ = try revokeAll(db, of: clinician, actor: actor, reason: reason ?? "clinician deactivated")
        }
    }

    // MARK: - Inside a transaction

    private func insertFeedToken(
        _ db: Database, scope: FeedScope, sha256: [UInt8], actor: Actor, reason: String?
    ) throws
        -> FeedTokenRecord
    {
        guard sha256.count == 32 else {
            throw StoreError.constraint("a feed token's hash must be a SHA-256 (32 bytes)")
        }
        switch scope {
        case let .clinician(id):
            guard
                let active = try Bool.fetchOne(
                    db, sql: "SELECT active FROM clinician WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound(kind: "clinician", id: id.rawValue) }
            guard active else { throw StoreError.constraint("clinician \(id) is inactive and cannot get a feed") }
        case let .room(id):
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM room WHERE id = ?", arguments: [id.rawValue]) != nil
            else { throw StoreError.notFound(kind: "room", id: id.rawValue) }
        }
        let now = clock()
        try db.execute(
            sql: "INSERT INTO feed_token (scope_kind, scope_id, token_sha256, created_at) VALUES (?, ?, ?, ?)",
            arguments: [scope.kind, scope.id, Data(sha256), StoredText.instant(now)])
        let record = FeedTokenRecord(
            id: db.lastInsertedRowID, scope: scope, createdAt: Self.toTheSecond(now), revokedAt: nil)
        try audit(
            db, actor: actor, action: "create-feed-token", entity: "feed-token", id: String(record.id), patient: nil,
            after: try Self.json(record), reason: reason)
        return record
    }

    private func revoke(_ db: Database, id: Int64, actor: Actor, reason: String?) throws -> FeedTokenRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM feed_token WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(kind: "feed token", id: String(id))
        }
        let before = try Self.feedToken(from: row)
        guard before.isActive else { throw StoreError.constraint("feed token \(id) is already revoked") }
        let now = clock()
        try db.execute(
            sql: "UPDATE feed_token SET revoked_at = ? WHERE id = ?", arguments: [StoredText.instant(now), id])
        var after = before
        after.revokedAt = Self.toTheSecond(now)
        try audit(
            db, actor: actor, action: "revoke-feed-token", entity: "feed-token", id: String(id), patient: nil,
            before: try Self.json(before), after: try Self.json(after), reason: reason)
        return after
    }

    private func revokeAll(_ db: Database, of clinician: ClinicianID, actor: Actor, reason: String?) throws -> Int {
        let ids = try Int64.fetchAll(
            db,
            sql: """
                SELECT id FROM feed_token WHERE scope_kind = 'clinician' AND scope_id = ? AND revoked_at IS NULL ORDER BY id
                """, arguments: [clinician.rawValue])
        for id in ids { _ = try revoke(db, id: id, actor: actor, reason: reason) }
        return ids.count
    }

    private static func feedToken(from row: Row) throws(StoreError) -> FeedTokenRecord {
        let r = RowReader(row, table: "feed_token", idColumn: "id")
        let kind = try r.text("scope_kind"), scopeID = try r.text("scope_id")
        let scope: FeedScope
        switch kind {
        case "clinician": scope = .clinician(ClinicianID(scopeID))
        case "room": scope = .room(RoomID(scopeID))
        default:
            throw StoreError.unreadable(
                table: "feed_token", id: String(try r.int64("id")), column: "scope_kind", value: kind,
                expected: "clinician or room")
        }
        let revokedAt = try r.optionalText("revoked_at") == nil ? nil : try r.instant("revoked_at")
        return FeedTokenRecord(
            id: try r.int64("id"), scope: scope, createdAt: try r.instant("created_at"), revokedAt: revokedAt)
    }

    /// `date` as the database will give it back: to the second.
    private static func toTheSecond(_ date: Date) -> Date {
        StoredText.instant(parsing: StoredText.instant(date)) ?? date
    }
}
