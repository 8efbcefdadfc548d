import Foundation
import Hummingbird
import HummingbirdCore
import ICalendar
import Logging
import Store

/// How the feed server listens and what it allows.
public struct FeedServerConfiguration: Sendable {
    /// Loopback by default: TLS and the public name belong to a reverse proxy in front.
    public var host: String
    public var port: Int
    /// Requests a feed may take in a burst, then per minute.
    public var burst: Int
    public var perMinute: Int
    /// Largest request head accepted (request line and headers); a feed request needs a few hundred bytes.
    public var maxHeaderBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, burst: Int = 60, perMinute: Int = 60,
                maxHeaderBytes: Int = 8 * 1024) {
        self.host = host
        self.port = port
        self.burst = burst
        self.perMinute = perMinute
        self.maxHeaderBytes = maxHeaderBytes
    }
}

/// Serves each subscribed calendar at `/feeds/<token>.ics`, for calendar apps that poll it.
///
/// The token is hashed on every request, known or not, and looked up by hash, so unknown and
/// revoked tokens take the same path to the same 404. It never reaches a log line: requests are
/// logged by feed id, or by nothing for a 404.
public struct FeedServer: Sendable {
    let store: ParcoursStore
    let composer: FeedComposer
    let configuration: FeedServerConfiguration
    let logger: Logger
    let now: @Sendable () -> Date
    let cache = FeedCache()
    let limiter: RateLimiter

    /// `now` and `seconds` are injected so tests control the feed window and the rate limit.
    public init(store: ParcoursStore, composer: FeedComposer, configuration: FeedServerConfiguration = .init(),
                logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
                seconds: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.store = store
        self.composer = composer
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.limiter = RateLimiter(capacity: configuration.burst, perMinute: configuration.perMinute, clock: seconds)
    }

    /// The routes, for the application and for in-process tests.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.get("/feeds/{token}.ics") { request, context in await respond(request, context, head: false) }
        router.head("/feeds/{token}.ics") { request, context in await respond(request, context, head: true) }
        return router
    }

    /// The HTTP application; `runService()` on it serves until SIGTERM or SIGINT, then drains.
    public func application() -> some ApplicationProtocol {
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes,
            maxHeaderFieldCount: 64)
        return Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(60), httpDecoderConfiguration: decoder)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "parcours"),
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then lets requests in flight finish (ServiceLifecycle).
    public func run() async throws {
        try await application().runService()
    }

    func respond(_ request: Request, _ context: BasicRequestContext, head: Bool) async -> Response {
        let started = ContinuousClock.now
        var log = logger
        log[metadataKey: "hb.request.id"] = context.logger[metadataKey: "hb.request.id"]
        log[metadataKey: "route"] = "/feeds/{token}.ics"
        log[metadataKey: "method"] = "\(request.method)"
        let response = await feedResponse(request, context, head: head, logger: &log)
        let elapsed = ContinuousClock.now - started
        log.debug("feed request", metadata: [
            "status": "\(response.status.code)",
            "duration_us": "\(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)",
        ])
        return response
    }

    private func feedResponse(_ request: Request, _ context: BasicRequestContext, head: Bool, logger log: inout Logger)
        async -> Response
    {
        // Always hash, even an empty or absurd token: the path to a 404 must not depend on why.
        let hash = FeedTokenSecret.sha256(context.parameters.get("token") ?? "")
        if request.headers[.contentLength].map({ $0 != "0" }) ?? false || request.headers[.transferEncoding] != nil {
            return Self.plain(.badRequest, "A feed request has no body.\n")
        }
        do {
            guard let token = try store.activeFeedToken(sha256: hash) else { return Self.notFound }
            log[metadataKey: "feed.id"] = "\(token.id)"
            guard await limiter.allow(token.id) else {
                var headers = HTTPFields()
                headers[.retryAfter] = "60"
                return Response(status: .tooManyRequests, headers: headers,
                                body: .init(byteBuffer: ByteBuffer(string: "Too many requests for this feed.\n")))
            }
            let now = now()
            let version = try store.feedContentVersion(token.scope, from: StoreFeeds.windowStart(composer, now: now))
            let feed = try await cache.feed(token.scope, version: version, now: now) {
                try StoreFeeds.ics(try audience(token.scope), store: store, composer: composer, now: now).text
            }
            var headers = HTTPFields()
            headers[.eTag] = feed.etag
            headers[.lastModified] = feed.lastModifiedHeader
            headers[.cacheControl] = "private, max-age=300"
            if let match = request.headers[.ifNoneMatch], Self.matches(match, etag: feed.etag) {
                return Response(status: .notModified, headers: headers)
            }
            headers[.contentType] = "text/calendar; charset=utf-8"
            headers[.contentLength] = String(feed.body.readableBytes)
            return Response(status: .ok, headers: headers, body: head ? .init() : .init(byteBuffer: feed.body))
        } catch {
            log.error("feed could not be built", metadata: ["error": "\(error)"])
            return Self.plain(.internalServerError, "The feed could not be built; the centre's staff can see why in the server log.\n")
        }
    }

    private func audience(_ scope: FeedScope) throws -> FeedAudience {
        switch scope {
        case let .clinician(id):
            guard let clinician = try store.clinician(id) else { throw FeedServerError.scopeMissing(kind: scope.kind, id: scope.id) }
            return .clinician(clinician)
        case let .room(id):
            guard let room = try store.room(id) else { throw FeedServerError.scopeMissing(kind: scope.kind, id: scope.id) }
            return .room(room)
        }
    }

    /// One body for every token that opens nothing, unknown or revoked alike.
    static var notFound: Response { plain(.notFound, "No such feed.\n") }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `If-None-Match` holds `etag` among its comma-separated tags, or `*`.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { tag in
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == etag || trimmed == "W/" + etag
        }
    }

    /// RFC 9110 date, e.g. `Thu, 26 Nov 2026 13:00:00 GMT`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
