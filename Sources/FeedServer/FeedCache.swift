import Crypto
import Foundation
import Hummingbird
import Store

/// A built feed, ready to send as is.
public struct CachedFeed: Sendable {
    /// The content version it was built for.
    public var version: String
    public var body: ByteBuffer
    /// Strong ETag, quoted: the first 128 bits of the SHA-256 of the bytes.
    public var etag: String
    public var lastModified: Date
    /// `lastModified` as the `Last-Modified` header writes it, formatted once per build.
    public var lastModifiedHeader: String
}

/// Keeps each feed built once per content version: a calendar app polling every few minutes, or
/// forty of them, costs one cheap version query each instead of a rebuild.
actor FeedCache {
    private var entries: [FeedScope: CachedFeed] = [:]

    /// The feed of `scope` at `version`, built with `build` only if the cached one is older.
    func feed(_ scope: FeedScope, version: FeedContentVersion, now: Date,
              build: () throws -> String) throws -> CachedFeed
    {
        if let cached = entries[scope], cached.version == version.key { return cached }
        let bytes = Array(try build().utf8)
        let digest = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
        let feed = CachedFeed(version: version.key, body: ByteBuffer(bytes: bytes), etag: "\"\(digest)\"",
                              lastModified: version.lastModified ?? now,
                              lastModifiedHeader: FeedServer.httpDate(version.lastModified ?? now))
        entries[scope] = feed
        return feed
    }
}

/// A token bucket per feed: a calendar app polls a few times an hour, so a burst beyond
/// `capacity` requests is a script or a leaked URL, and gets 429 instead of the database's time.
actor RateLimiter {
    private struct Bucket { var tokens: Double; var at: Double }
    private var buckets: [Int64: Bucket] = [:]
    private let capacity: Double
    private let perSecond: Double
    private let clock: @Sendable () -> Double

    /// `clock` gives seconds; tests pass a fixed one so nothing depends on timing.
    init(capacity: Int, perMinute: Int, clock: @escaping @Sendable () -> Double) {
        self.capacity = Double(capacity)
        self.perSecond = Double(perMinute) / 60
        self.clock = clock
    }

    /// Whether feed `id` may be served now; takes one token if so.
    func allow(_ id: Int64) -> Bool {
        let now = clock()
        var bucket = buckets[id] ?? Bucket(tokens: capacity, at: now)
        bucket.tokens = min(capacity, bucket.tokens + max(0, now - bucket.at) * perSecond)
        bucket.at = now
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[id] = bucket
        return allowed
    }
}
