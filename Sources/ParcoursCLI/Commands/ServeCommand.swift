import ArgumentParser
import FeedServer
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the subscribed calendar feeds over HTTP until stopped (Ctrl-C or SIGTERM).",
        discussion: """
            Example: parcours serve --port 8080

            Listens on 127.0.0.1 unless told otherwise: put a reverse proxy with TLS in front (see
            docs/feeds.md). Feeds are at /feeds/<token>.ics (make one with `parcours feed create`);
            /health answers 200. Stopping lets requests in flight finish.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Requests per minute one feed may make (after a burst of the same size).") var perMinute = 60
    @Option(help: "Log level: info, debug (one line per request) or trace.") var logLevel = "info"

    func run() async throws {
        let store = try global.openStore()
        let composer = CalendarFiles.composer(catalog: try global.loadCatalog(), rooms: try store.rooms())
        var logger = Logger(label: "parcours.feeds")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let server = FeedServer(store: store, composer: composer,
                                configuration: FeedServerConfiguration(host: host, port: port, burst: perMinute, perMinute: perMinute),
                                logger: logger)
        say("Serving feeds on http://\(host):\(port)/feeds/<token>.ics (Ctrl-C to stop)")
        try await server.run()
    }
}
