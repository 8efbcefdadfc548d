import ArgumentParser
import Benchmarks

/// `parcours bench report`: the completion report's cost on a synthetic centre.
struct BenchReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Time the completion report on a synthetic centre (figures for docs/performance.md).",
        discussion: """
            Example: parcours bench report --patients 10000 --sessions 12

            Builds the records in memory, then times CompletionReport.compute (by track) and the CSV,
            JSON and HTML renderers, median of --runs; prints JSON. Measure a release build.
            """
    )
    @Option(help: "How many patients.") var patients = 10_000
    @Option(help: "Sessions per patient.") var sessions = 12
    @Option(help: "Timed runs; the median is reported.") var runs = 5
    @Option(help: "Seed for the synthetic centre.") var seed: UInt64 = 1

    func validate() throws {
        guard patients >= 1, sessions >= 2, runs >= 1 else {
            throw ValidationError("--patients, --sessions and --runs: expected at least 1, 2 and 1")
        }
    }

    func run() async throws {
        say(try renderJSON(try ReportBenchmark.run(patients: patients, sessionsEach: sessions, runs: runs, seed: seed)))
    }
}
