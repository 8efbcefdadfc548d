import Foundation
import Hummingbird
import HummingbirdCore
import ICalendar
import Logging
import NIOCore
import ServiceLifecycle
import Store
import UnixSignals

/// How the feed server listens and what it allows.
public struct FeedServerConfiguration: Sendable {
    /// Loopback by default: TLS and the public name belong to a reverse proxy in front.
    public var host: String
    /// 0 picks a free port (tests, `bench serve`); `onListening` says which.
    public var port: Int
    /// Requests a feed may take in a burst, then per minute.
    public var burst: Int
    public var perMinute: Int
    /// Unknown or revoked tokens one client address may try in a burst, then per minute: enough
    /// for a few forgotten subscriptions, far too few to scan for tokens or to keep a core busy.
    public var missBurst: Int
    public var missPerMinute: Int
    /// Largest request head accepted (request line and headers); a feed request needs a few hundred bytes.
    public var maxHeaderBytes: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, burst: Int = 60, perMinute: Int = 60,
        missBurst: Int = 30, missPerMinute: Int = 30, maxHeaderBytes: Int = 8 * 1024
    ) {
        self.host = host
        self.port = port
        self.burst = burst
        self.perMinute = perMinute
        self.missBurst = missBurst
        self.missPerMinute = missPerMinute
        self.maxHeaderBytes = maxHeaderBytes
    }
}

/// Serves each subscribed calendar at `/feeds/<token>.ics`, for calendar apps that poll it.
///
/// The token is hashed on every request, known or not, and looked up by hash among the active
/// tokens held in memory, so unknown and revoked tokens take the same path to the same 404 (and
/// share one per-address limit). It never reaches a log line: requests are logged by feed id.
public struct FeedServer: Sendable {
    let composer: FeedComposer
    let configuration: FeedServerConfiguration
    let logger: Logger
    /// Run beside the HTTP server, e.g. the ``LogFlushService`` of a batched log.
    let services: [any Service]
    let now: @Sendable () -> Date
    let store: ParcoursStore
    package let state: FeedState
    let limiter: RateLimiter<Int64>
    let misses: RateLimiter<String>
    /// One log line per address per minute for 429s and for routes that do not exist.
    let logThrottle: LogThrottle

    /// `now` and `seconds` are injected so tests control the feed window and the rate limits.
    public init(
        store: ParcoursStore, composer: FeedComposer, configuration: FeedServerConfiguration = .init(),
        logger: Logger, services: [any Service] = [], now: @escaping @Sendable () -> Date = { Date() },
        seconds: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }
    ) throws(StoreError) {
        self.store = store
        self.composer = composer
        self.configuration = configuration
        self.logger = logger
        self.services = services
        self.now = now
        state = try FeedState(store: store)
        limiter = RateLimiter(capacity: configuration.burst, perMinute: configuration.perMinute, clock: seconds)
        misses = RateLimiter(capacity: configuration.missBurst, perMinute: configuration.missPerMinute, clock: seconds)
        logThrottle = LogThrottle(clock: seconds)
    }

    /// The routes, for the application and for in-process tests.
    public func router() -> Router<FeedRequestContext> {
        let router = Router(context: FeedRequestContext.self)
        // Before the routes: a middleware applies to the routes added after it, and to "not found".
        router.add(middleware: UnmatchedRouteLog(logger: logger, throttle: logThrottle))
        router.get("/health") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        router.get("/feeds/{token}.ics") { request, context in respond(request, context, head: false) }
        router.head("/feeds/{token}.ics") { request, context in respond(request, context, head: true) }
        return router
    }

    /// The HTTP application; `onListening` gets the bound port once the server accepts requests.
    /// `router` is ``router()`` with more routes added (the desk), or nil for the feeds alone.
    public func application(
        router: Router<FeedRequestContext>? = nil,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes,
            maxHeaderFieldCount: 64)
        return Application(
            router: router ?? self.router(),
            server: .http1(configuration: .init(idleTimeout: .seconds(60), httpDecoderConfiguration: decoder)),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "parcours"),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Serves until one of `signals` (SIGTERM, SIGINT), then stops accepting, lets requests in
    /// flight finish, and returns.
    public func run(
        router: Router<FeedRequestContext>? = nil, signals: [UnixSignal] = [.sigterm, .sigint],
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        try await application(router: router, onListening: onListening).runService(gracefulShutdownSignals: signals)
    }

    /// Answers one feed request and logs it: one line at info with method, status, feed id (when
    /// the token opened one) and duration; never the token or the path. 429s are logged once per
    /// client address per minute, with how many were held back.
    func respond(_ request: Request, _ context: FeedRequestContext, head: Bool) -> Response {
        let started = ContinuousClock.now
        var feedID: Int64?
        let response = feedResponse(request, context, head: head, feedID: &feedID)
        let elapsed = ContinuousClock.now - started
        var held: Int?
        if response.status == .tooManyRequests {
            // A flood is one line per address per minute, saying how many 429s it stands for.
            guard let count = logThrottle.admit("429 " + (context.clientAddress ?? "-")) else { return response }
            held = count
        }
        var metadata: Logger.Metadata = [
            "hb.request.id": context.logger[metadataKey: "hb.request.id"] ?? "-",
            "method": .stringConvertible(request.method.rawValue),
            "status": .stringConvertible(response.status.code),
            "feed.id": feedID.map { .stringConvertible($0) } ?? "-",
            "duration_us": .stringConvertible(elapsed.inMicroseconds),
        ]
        if let held {
            metadata["client"] = .string(context.clientAddress ?? "-")
            metadata["held_back"] = .stringConvertible(held)
        }
        logger.info("feed request", metadata: metadata)
        return response
    }

    private func feedResponse(
        _ request: Request, _ context: FeedRequestContext, head: Bool, feedID: inout Int64?
    ) -> Response {
        // Always hash, even an empty or absurd token: the path to a 404 must not depend on why.
        let hash = FeedTokenSecret.sha256(context.parameters.get("token") ?? "")
        if request.headers[.contentLength].map({ $0 != "0" }) ?? false || request.headers[.transferEncoding] != nil {
            return Self.plain(.badRequest, "A feed request has no body.\n")
        }
        do {
            let dataVersion = try state.dataVersion()
            guard let token = try state.token(sha256: hash, dataVersion: dataVersion) else {
                return misses.allow(context.clientAddress ?? "-") ? Self.notFound : Self.tooManyRequests
            }
            feedID = token.id
            guard limiter.allow(token.id) else { return Self.tooManyRequests }
            let now = now()
            let feed = try state.feed(
                token.scope, dataVersion: dataVersion, windowStart: state.windowStart(composer, now: now),
                now: now
            ) {
                try StoreFeeds.ics(try audience(token.scope), store: store, composer: composer, now: now).text
            }
            if let match = request.headers[.ifNoneMatch] {
                if Self.matches(match, etag: feed.etag) {
                    return Response(status: .notModified, headers: feed.notModifiedHeaders)
                }
            } else if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse), feed.lastModified <= since
            {
                // RFC 9110 13.1.3: only without If-None-Match, which is the more precise of the two.
                return Response(status: .notModified, headers: feed.notModifiedHeaders)
            }
            return Response(status: .ok, headers: feed.okHeaders, body: head ? .init() : .init(byteBuffer: feed.body))
        } catch {
            logger.error(
                "feed could not be built",
                metadata: [
                    "feed.id": feedID.map { .stringConvertible($0) } ?? "-", "error": "\(error)",
                ])
            return Self.plain(
                .internalServerError, "The feed could not be built; the centre's staff can see why in the server log.\n"
            )
        }
    }

    private func audience(_ scope: FeedScope) throws -> FeedAudience {
        switch scope {
        case let .clinician(id):
            guard let clinician = try store.clinician(id) else {
                throw FeedServerError.scopeMissing(kind: scope.kind, id: scope.id)
            }
            return .clinician(clinician)
        case let .room(id):
            guard let room = try store.room(id) else {
                throw FeedServerError.scopeMissing(kind: scope.kind, id: scope.id)
            }
            return .room(room)
        }
    }

    /// One body for every token that opens nothing, unknown or revoked alike.
    static var notFound: Response { plain(.notFound, "No such feed.\n") }

    /// One 429 for a busy feed and for an address trying too many tokens that open nothing.
    static var tooManyRequests: Response {
        var response = plain(.tooManyRequests, "Too many requests; try again in a minute.\n")
        response.headers[.retryAfter] = "60"
        return response
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `If-None-Match` holds `etag` among its comma-separated tags, or `*`.
    static func matches(_ header: String, etag: String) -> Bool {
        if header == etag { return true } // what calendar apps send: the tag they were given
        return header.split(separator: ",").contains { tag in
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
