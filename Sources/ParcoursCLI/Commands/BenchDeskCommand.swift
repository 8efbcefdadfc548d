import ArgumentParser
import Benchmarks
import CareModel
import Foundation

/// `parcours bench desk`: the desk's pages under 20 signed-in users, for docs/performance.md.
struct BenchDeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Measure every page of the desk with concurrent signed-in users: p50 and p99 per page.",
        discussion: """
            Examples:
              parcours bench desk --db /tmp/demo.sqlite
              parcours bench desk --db /tmp/big.sqlite --users 20 --seconds 5

            The centre comes first: `parcours demo --db /tmp/demo.sqlite`, or 10,000 patients with
            `parcours bench centre --patients 10000 --db /tmp/big.sqlite`. Works on a copy of --db (the original is only read): adds --users accounts per role, each
            with its own session, serves the desk as `parcours serve` does on a free 127.0.0.1 port
            (rate limits lifted, logs dropped), and has every user ask for each page again and again
            for --seconds, one keep-alive connection each. As `serve` does at start-up, the reports
            are computed before the first request (the time it took is printed) and kept warm. Aujourd'hui shows the centre's busiest day
            unless --day says which; Patient, a patient seen that day; the clinician accounts are the
            busiest clinician's. Use a release build and quote the load average (uptime) with the
            figures: client and server share the CPUs.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(help: "Concurrent signed-in users per page.") var users = 20
    @Option(help: "Seconds per page.") var seconds = 5.0
    @Option(help: "The day Aujourd'hui shows (default: the centre's busiest day).", transform: Parse.date)
    var day: LocalDate?
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard (1...200).contains(users) else {
            throw ValidationError("--users: '\(users)' is out of range; expected 1 to 200")
        }
        guard seconds > 0, seconds <= 600 else {
            throw ValidationError("--seconds: '\(seconds)' is out of range; expected more than 0, at most 600")
        }
    }

    struct Row: Encodable {
        let page: String
        let path: String
        let role: String
        let users: Int
        let requests: Int
        let unexpected: Int
        let requestsPerSecond: Int
        let p50ms: Double
        let p99ms: Double
    }

    func run() async throws {
        let path = global.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.notFound(kind: "database", id: path)
        }
        let (subject, runs, warmUp) = try await DeskBenchmark(users: users, seconds: seconds).run(
            database: path, catalog: try global.loadCatalog(), day: day)
        let rows = runs.map { run in
            Row(
                page: run.page, path: run.path, role: run.role.rawValue, users: users, requests: run.result.requests,
                unexpected: run.result.unexpected, requestsPerSecond: Int(run.result.perSecond),
                p50ms: BenchServeCommand.rounded(run.result.milliseconds(at: 0.5)),
                p99ms: BenchServeCommand.rounded(run.result.milliseconds(at: 0.99)))
        }
        try emit(rows, format: output.format) {
            var table = TextTable("PAGE", "ROLE", "USERS", "REQUESTS", "REQ/S", "P50 MS", "P99 MS", "UNEXPECTED")
            for row in rows {
                table.add(
                    row.page, row.role, String(row.users), String(row.requests), String(row.requestsPerSecond),
                    String(row.p50ms), String(row.p99ms), String(row.unexpected))
            }
            return table
        }
        if output.format == .table {
            say("Day \(subject.day.iso), patient \(subject.patient.rawValue), clinician \(subject.clinician.rawValue).")
            let warmMS = Double(warmUp.components.attoseconds) / 1e15 + Double(warmUp.components.seconds) * 1000
            say(
                "Reports computed before the first request in \(BenchServeCommand.rounded(warmMS)) ms (as serve does at start-up), then kept warm."
            )
        }
    }
}
