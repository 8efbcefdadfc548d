import CareModel
import Crypto
import Foundation
import Hummingbird
import ICalendar
import NIOConcurrencyHelpers
import Store

/// A built feed with its response headers, ready to send as is.
package struct CachedFeed: Sendable {
    /// The content version it was built for (``FeedContentVersion/key``).
    var version: String
    /// The feed window's start it was checked against; the window moves at local midnight.
    var windowStart: Date
    /// The database's change counter when the version was last confirmed.
    var dataVersion: Int64
    var body: ByteBuffer
    /// Strong ETag, quoted: the first 128 bits of the SHA-256 of the bytes.
    package var etag: String
    /// The Last-Modified sent, to the second (an HTTP date has no finer unit).
    var lastModified: Date
    /// Headers of a 200 (HEAD too) and of a 304, built once per version.
    var okHeaders: HTTPFields
    var notModifiedHeaders: HTTPFields

    init(version: FeedContentVersion, windowStart: Date, dataVersion: Int64, text: String, now: Date) {
        let bytes = Array(text.utf8)
        let digest = SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
        self.version = version.key
        self.windowStart = windowStart
        self.dataVersion = dataVersion
        body = ByteBuffer(bytes: bytes)
        etag = "\"\(digest)\""
        var headers = HTTPFields()
        headers[.eTag] = etag
        lastModified = Date(timeIntervalSince1970: (version.lastModified ?? now).timeIntervalSince1970.rounded(.down))
        headers[.lastModified] = FeedServer.httpDate(lastModified)
        headers[.cacheControl] = "private, max-age=300"
        notModifiedHeaders = headers
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.contentLength] = String(bytes.count)
        okHeaders = headers
    }
}

/// What the server keeps between requests: the active tokens by hash and each feed's built bytes,
/// both valid for one value of the database's change counter (``DatabaseChangeWatch``).
///
/// A request costs one `PRAGMA data_version` and two dictionary look-ups while nothing changes;
/// after any commit (by this process or another) the tokens are re-read once, and each feed's
/// content version is queried once more and the feed rebuilt only if that version moved.
package final class FeedState: Sendable {
    private struct Token: Sendable {
        var sha256: [UInt8]
        var record: FeedTokenRecord
    }

    private struct Snapshot: Sendable {
        var dataVersion: Int64?
        /// Active tokens by the first 8 bytes of their hash; the full hash is then compared in
        /// constant time.
        var tokens: [UInt64: [Token]] = [:]
        var feeds: [FeedScope: CachedFeed] = [:]
    }

    /// The feed window's start for one local day, `from` its midnight `until` the next.
    private struct Window: Sendable {
        var from: Date
        var until: Date
        var start: Date
    }

    private let store: ParcoursStore
    private let watch: DatabaseChangeWatch
    private let snapshot = NIOLockedValueBox(Snapshot())
    private let window = NIOLockedValueBox<Window?>(nil)

    init(store: ParcoursStore) throws(StoreError) {
        self.store = store
        watch = try store.changeWatch()
    }

    /// The database's change counter now; pass it to ``token(sha256:dataVersion:)`` and
    /// ``feed(_:dataVersion:windowStart:now:build:)`` so that one request sees one state.
    package func dataVersion() throws(StoreError) -> Int64 { try watch.version() }

    /// The active token whose hash is `sha256`, or nil for an unknown or revoked one: both take
    /// the same look-up, and the hash of a candidate is compared in constant time.
    func token(sha256: [UInt8], dataVersion: Int64) throws(StoreError) -> FeedTokenRecord? {
        if snapshot.withLockedValue({ $0.dataVersion != dataVersion }) {
            // Read after the counter, so the tokens are at least as new as what it stands for.
            var tokens: [UInt64: [Token]] = [:]
            for (hash, record) in try store.activeFeedTokenHashes() {
                tokens[Self.prefix(hash), default: []].append(Token(sha256: hash, record: record))
            }
            snapshot.withLockedValue { snapshot in
                snapshot.tokens = tokens
                snapshot.dataVersion = dataVersion
            }
        }
        let key = Self.prefix(sha256)
        let candidates = snapshot.withLockedValue { $0.tokens[key] } ?? []
        var found: FeedTokenRecord?
        for candidate in candidates where FeedTokenSecret.constantTimeEqual(candidate.sha256, sha256) {
            found = candidate.record
        }
        return found
    }

    /// The feed of `scope`, from memory while the database has not changed and the window has not
    /// moved; otherwise its content version is read, and `build` runs only if that version moved.
    package func feed(
        _ scope: FeedScope, dataVersion: Int64, windowStart: Date, now: Date, build: () throws -> String
    ) throws
        -> CachedFeed
    {
        let cached = snapshot.withLockedValue { $0.feeds[scope] }
        if let cached, cached.dataVersion == dataVersion, cached.windowStart == windowStart { return cached }
        let version = try store.feedContentVersion(scope, from: windowStart)
        var feed: CachedFeed
        if var cached, cached.version == version.key {
            cached.dataVersion = dataVersion
            feed = cached
        } else {
            feed = CachedFeed(
                version: version, windowStart: windowStart, dataVersion: dataVersion, text: try build(), now: now)
        }
        feed.windowStart = windowStart
        snapshot.withLockedValue { $0.feeds[scope] = feed }
        return feed
    }

    /// The feed window's start at `now` (``StoreFeeds/windowStart(_:now:)``), worked out once per
    /// local day: Foundation's time-zone arithmetic costs more than the rest of a 304.
    func windowStart(_ composer: FeedComposer, now: Date) -> Date {
        if let day = window.withLockedValue({ $0 }), day.from <= now, now < day.until { return day.start }
        let zone = composer.zone, today = zone.today(at: now)
        let start = StoreFeeds.windowStart(composer, now: now)
        // Without both midnights (cannot happen in Paris) nothing is cached: `now < now` fails.
        let day = Window(
            from: zone.instant(on: today, at: .midnight) ?? now,
            until: zone.instant(on: today.adding(days: 1), at: .midnight) ?? now, start: start)
        window.withLockedValue { $0 = day }
        return start
    }

    /// The first 8 bytes of a digest as a dictionary key (an attacker cannot steer a SHA-256, so
    /// which bucket a guess lands in tells them nothing).
    private static func prefix(_ hash: [UInt8]) -> UInt64 {
        hash.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
