import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import Scheduler

struct BenchQualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "How good batch schedules are: greedy pass, improved, lower bound and gap on S/M/L centres.",
        discussion: """
            S: 40 patients, 6 clinicians, 3 rooms, 2 interpreters, 16 weeks; M: 150, 12, 6, 3, 20;
            L: 500, 25, 12, 5, 26. Every solution is checked by the independent checker. Prints the
            Markdown table of docs/performance.md, or JSON with --format json. Measure a release build.

            Example: parcours bench quality --sizes S,M,L --seeds 1,2,3 --time-limit 1.5
            """
    )
    @Option(help: "Centres to measure, comma-separated: S, M, L.") var sizes = "S,M,L"
    @Option(help: "Seeds, comma-separated (each a generated centre).") var seeds = "1,2,3"
    @OptionGroup var improvement: ImprovementArguments
    @Option(help: "Output format: table (Markdown, default) or json.") var format: OutputFormat = .table
    @Option(
        help: ArgumentHelp(
            "A directory of exact solutions, <size>-<seed>.solution.json (Scripts/exact-reference), to compare with.",
            valueName: "dir")) var exactReference: String?

    func parsedSizes() throws -> [QualityBenchmark.Size] {
        try sizes.split(separator: ",").map { item in
            guard let size = QualityBenchmark.Size(rawValue: item.trimmingCharacters(in: .whitespaces).uppercased())
            else {
                throw ValidationError("--sizes: '\(item)' is not a centre; expected S, M or L, comma-separated")
            }
            return size
        }
    }

    func parsedSeeds() throws -> [UInt64] {
        try seeds.split(separator: ",").map { item in
            guard let seed = UInt64(item.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--seeds: '\(item)' is not a seed; expected whole numbers, comma-separated")
            }
            return seed
        }
    }

    func validate() throws {
        if let exactReference {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: exactReference, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { throw ValidationError("--exact-reference: '\(exactReference)' is not a directory") }
        }
        guard try !parsedSizes().isEmpty else { throw ValidationError("--sizes: empty; expected S, M or L") }
        guard try !parsedSeeds().isEmpty else { throw ValidationError("--seeds: empty; expected one seed or more") }
    }

    func run() async throws {
        let today = LocalDate(year: 2027, month: 1, day: 4) ?? LocalDate(daysSinceEpoch: 0)
        let rows = try QualityBenchmark.run(
            sizes: try parsedSizes(), seeds: try parsedSeeds(),
            options: improvement.options, today: today,
            reference: exactReference.map { QualityBenchmark.Reference(directory: URL(fileURLWithPath: $0)) })
        say(format == .json ? try renderJSON(rows) : QualityBenchmark.table(rows))
    }
}
