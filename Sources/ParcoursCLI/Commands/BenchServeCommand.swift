import ArgumentParser
import Benchmarks
import FeedServer
import Foundation

/// `parcours bench serve`: the feed server's throughput and latency, for docs/performance.md.
struct BenchServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Measure the feed server on loopback: requests per second and latency for 200 and 304.",
        discussion: """
            Example: parcours bench serve --events 500 --connections 16 --seconds 10

            Builds a temporary database with one clinician's feed of --events sessions, starts the
            server in this process on a free 127.0.0.1 port (rate limits lifted, one info log line
            per request written to /dev/null), and drives it with keep-alive HTTP/1.1 connections:
            the full feed, then If-None-Match (304). Use a release build (swift build -c release)
            and quote the load average (uptime) with the figures: client and server share the CPUs.

            With --prepare FILE it only writes that database and prints the feed's URL, for a run of
            wrk against `parcours serve --db FILE` (Scripts/bench-serve does both).
            """
    )
    @Option(help: "Sessions in the benchmark feed.") var events = 500
    @Option(help: "Concurrent keep-alive connections.") var connections = 16
    @Option(help: "Seconds per measured path.") var seconds = 10.0
    @Option(help: "Only write the benchmark database to this new file and print its feed URL.") var prepare: String?
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard events >= 1 else { throw ValidationError("--events: '\(events)' is too few; expected 1 or more") }
        guard (1...1024).contains(connections) else {
            throw ValidationError("--connections: '\(connections)' is out of range; expected 1 to 1024")
        }
        guard seconds > 0, seconds <= 600 else {
            throw ValidationError("--seconds: '\(seconds)' is out of range; expected more than 0, at most 600")
        }
    }

    struct Row: Encodable {
        let path: String
        let connections: Int
        let requests: Int
        let unexpected: Int
        let requestsPerSecond: Int
        let p50ms: Double
        let p99ms: Double
        let bytes: Int
    }

    func run() async throws {
        if let prepare {
            let (_, token) = try ServeBenchmark.prepare(at: prepare, events: events, now: Date())
            say(FeedCommand.subscriptionURL(base: "http://127.0.0.1:8080", token: token))
            return
        }
        let runs = try await ServeBenchmark(events: events, connections: connections, seconds: seconds).run()
        let rows = runs.map { run in
            Row(
                path: run.path, connections: connections, requests: run.result.requests,
                unexpected: run.result.unexpected,
                requestsPerSecond: Int(run.result.perSecond), p50ms: Self.rounded(run.result.milliseconds(at: 0.5)),
                p99ms: Self.rounded(run.result.milliseconds(at: 0.99)), bytes: run.bytes)
        }
        try emit(rows, format: output.format) {
            var table = TextTable("PATH", "CONNECTIONS", "REQUESTS", "REQ/S", "P50 MS", "P99 MS", "UNEXPECTED")
            for row in rows {
                table.add(
                    row.path, String(row.connections), String(row.requests), String(row.requestsPerSecond),
                    String(row.p50ms), String(row.p99ms), String(row.unexpected))
            }
            return table
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
