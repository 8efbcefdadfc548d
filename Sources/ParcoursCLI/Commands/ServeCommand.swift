import ArgumentParser
import Desk
import FeedServer
import Foundation
import Hummingbird
import Logging
import Store

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the desk and the subscribed calendar feeds over HTTP until stopped (Ctrl-C or SIGTERM).",
        discussion: """
            Example: parcours serve --port 8080

            Listens on 127.0.0.1 unless told otherwise: put a reverse proxy with TLS in front (see
            docs/feeds.md). Feeds are at /feeds/<token>.ics (make one with `parcours feed create`);
            /health answers 200. Each request is logged at info (status, feed id, duration; never the
            token). Stopping lets requests in flight finish. Calendars subscribed with `parcours
            calendar subscribe` are read every --subscription-minutes, their busy times kept as
            absences; a new absence that falls on a booked session is logged as a warning.

            The desk (the web application, docs/desk.md) is on the same port: open
            http://127.0.0.1:8080/ and sign in with an account from `parcours user add`. Pass
            --behind-https when a reverse proxy serves it over TLS (cookies become Secure).
            """
    )
    @OptionGroup var global: GlobalOptions
    @OptionGroup var listen: ServeOptions

    func run() async throws {
        let store = try global.openStore()
        let server = try listen.server(store: store, global: global)
        let (router, desk) = try listen.deskRouter(feeds: server, store: store, global: global)
        // The reports are computed from start-up, in the background, and kept ahead of the coordinators.
        let warming = Task { await desk.keepReportsWarm() }
        defer { warming.cancel() }
        try await server.run(router: router) { port in
            say(
                "Serving the desk on http://\(listen.host):\(port)/ and feeds on http://\(listen.host):\(port)/feeds/<token>.ics (Ctrl-C to stop)"
            )
        }
        say("Stopped serving the desk and feeds.")
    }
}

/// How `serve` and `demo --serve` listen, log and limit.
struct ServeOptions: ParsableArguments {
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Requests per minute one feed may make (after a burst of the same size).") var perMinute = 60
    @Option(help: "Log level: info (one line per request), warning (errors only), debug or trace.") var logLevel =
        "info"
    @Option(help: "Minutes between two reads of each subscribed calendar (doubled after each failure, at most a day).")
    var subscriptionMinutes = 15
    @Flag(
        help:
            "A reverse proxy serves this over HTTPS: the desk's cookies are marked Secure and the client address is read from X-Forwarded-For."
    )
    var behindHTTPS = false
    @Option(
        help: ArgumentHelp(
            "Folder where the desk's Sauvegardes page writes and lists backups (made 0700 if missing); without it the page only says how to set one.",
            valueName: "folder"))
    var backupDir: String?

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port: '\(port)' is not a port; expected 0 to 65535")
        }
        guard perMinute >= 1 else {
            throw ValidationError("--per-minute: '\(perMinute)' is too few; expected 1 or more")
        }
        guard (1...1440).contains(subscriptionMinutes) else {
            throw ValidationError(
                "--subscription-minutes: '\(subscriptionMinutes)' is not a number of minutes from 1 to 1440")
        }
        if let folder = backupDir, folder.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--backup-dir: the folder is empty; expected a path such as /var/backups/parcours")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError(
                "--log-level: '\(logLevel)' is not a level; expected trace, debug, info, notice, warning, error or critical"
            )
        }
    }

    /// The feed server over `store`, with the step titles of the care tracks `global` points to.
    func server(store: ParcoursStore, global: GlobalOptions) throws -> FeedServer {
        let catalog = try global.loadCatalog()
        let composer = CalendarFiles.composer(catalog: catalog, rooms: try store.rooms())
        let sink = LogSink()
        var logger = Logger(label: "parcours.feeds", factory: sink.handler)
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        // Subscribed calendars are read beside the server; their changes are signed by the server.
        let refresher = CalendarSubscriptionSupport.refresher(
            store: store, actor: Actor(name: "parcours serve"), catalog: catalog,
            minutes: subscriptionMinutes)
        return try FeedServer(
            store: store, composer: composer,
            configuration: FeedServerConfiguration(host: host, port: port, burst: perMinute, perMinute: perMinute),
            logger: logger,
            services: [
                LogFlushService(sink: sink),
                SubscriptionRefreshService(refresher: refresher, logger: logger),
            ])
    }

    /// The feed server's routes with the desk's added, so both answer on one port, and the desk
    /// (whose reports the caller keeps warm).
    func deskRouter(
        feeds: FeedServer, store: ParcoursStore, global: GlobalOptions
    ) throws -> (Router<FeedRequestContext>, Desk) {
        var logger = Logger(label: "parcours.desk")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let desk = try Desk(
            store: store, catalog: try global.loadCatalog(),
            configuration: DeskConfiguration(behindHTTPS: behindHTTPS, backupFolder: backupDir), logger: logger,
            // The real clock, or noon on --today for a rehearsal (the browser tests' fixed day).
            now: global.clock)
        let router = feeds.router()
        let proxied = behindHTTPS
        desk.addRoutes(to: router) { request, context in
            proxied
                ? DeskConfiguration.forwardedAddress(request) ?? context.clientAddress
                : context.clientAddress
        }
        return (router, desk)
    }
}
