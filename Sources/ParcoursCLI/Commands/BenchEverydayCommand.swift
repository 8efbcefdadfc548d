import ArgumentParser
import Benchmarks
import CareModel
import Foundation
import Store

/// `parcours bench everyday`: a secretary's everyday changes timed on a copy of a centre.
struct BenchEverydayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "everyday",
        abstract: "Time a secretary's everyday changes (cancel, move --auto, no-show) on a copy of the database.",
        discussion: """
            Example: parcours bench everyday --db demo.sqlite --today 2026-11-26 --samples 50

            Copies the database to a temporary file (the original is never changed), draws
            --samples booked sessions ahead of today for each operation and times them one by one:
            a cancellation by the patient with its replacement booked inside the series, move
            --auto, a no-show with its replacement. Prints p50/p99 per operation as JSON (target:
            under 100 ms). On a large centre: parcours bench centre --patients 10000 --db big.sqlite,
            then --db big.sqlite --today 2025-12-08.
            """
    )
    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: "Sessions timed per operation (1 to 1000).") var samples = 50
    @Option(help: "Seed for drawing the sessions.") var seed: UInt64 = 1

    func validate() throws {
        guard (1...1000).contains(samples) else {
            throw ValidationError("--samples: '\(samples)' is out of range; expected 1 to 1000")
        }
    }

    func run() async throws {
        let catalog = try global.loadCatalog()
        let original = try global.openStoreReadOnly()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-everyday-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("copy.sqlite").path
        try original.backup(to: copy)
        let store = try ParcoursStore.open(at: copy)
        let figures = try EverydayBenchmark(
            store: store, catalog: catalog, today: global.todayInClinic, samples: samples, seed: seed
        ).run()
        say(try renderJSON(figures))
    }
}
