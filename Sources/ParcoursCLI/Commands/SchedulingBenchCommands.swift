import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import ScheduleCheck
import Scheduler

/// The size of a generated instance, shared by `bench generate`, `bench schedule` and `bench book-one`.
struct InstanceSize: ParsableArguments {
    @Option(help: "Patients with a series to book.") var patients = 500
    @Option(help: "Clinicians.") var clinicians = 25
    @Option(help: "Rooms (one of them a group room).") var rooms = 12
    @Option(help: "Interpreters.") var interpreters = 5
    @Option(help: "Weeks of horizon.") var weeks = 26
    @Option(help: "Seed: the same seed gives the same instance.") var seed: UInt64 = 1
    @Option(help: "First bookable day (default 2027-01-04, a Monday).", transform: Parse.date) var start: LocalDate?

    var config: GeneratorConfig {
        GeneratorConfig(
            patients: patients, clinicians: clinicians, rooms: rooms, interpreters: interpreters, weeks: weeks,
            seed: seed, today: start ?? LocalDate(year: 2027, month: 1, day: 4) ?? LocalDate(daysSinceEpoch: 0))
    }
}

extension ScheduleCheckError: CommandFailure {
    var message: String { description }
    var exitCode: Int32 {
        if case .invalidConfig = self { return ExitStatus.usage }
        if case .invalidInstance = self { return ExitStatus.usage }
        return ExitStatus.error
    }
}

struct BenchGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a self-contained scheduling instance (JSON, docs/scheduling.md) for any solver.",
        discussion:
            "Example: parcours bench generate --patients 500 --clinicians 25 --rooms 12 --interpreters 5 --weeks 26 --seed 1 > instance.json"
    )
    @OptionGroup var size: InstanceSize

    func run() async throws {
        let problem = try InstanceGenerator.generate(size.config)
        let data = try SchedulingJSON.encoder().encode(problem)
        say(String(decoding: data, as: UTF8.self))
    }
}

struct BenchScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Batch-book a generated centre and check it independently; prints JSON figures.",
        discussion:
            "Example: parcours bench schedule --patients 500 --clinicians 25 --rooms 12 --interpreters 5 --weeks 26"
    )
    @OptionGroup var size: InstanceSize
    @OptionGroup var improvement: ImprovementArguments

    func run() async throws {
        say(try renderJSON(try ScheduleBenchmark.run(size.config, options: improvement.options)))
    }
}

struct BenchBookOneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book-one",
        abstract: "p50/p99 latency of booking one more series into a loaded centre.",
        discussion: "Example: parcours bench book-one --samples 200"
    )
    @OptionGroup var size: InstanceSize
    @Option(help: "How many new patients to time, one at a time.") var samples = 200

    func validate() throws {
        guard (1...10_000).contains(samples) else {
            throw ValidationError("--samples: '\(samples)' is out of range; expected 1 to 10000")
        }
    }

    func run() async throws {
        say(try renderJSON(try BookOneBenchmark.run(size.config, samples: samples)))
    }
}
