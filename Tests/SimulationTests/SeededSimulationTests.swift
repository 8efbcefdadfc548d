import Benchmarks
import CareModel
import Foundation
import PathwayEngine
import Store
import Testing

/// `bench simulate --seed S` is reproducible: the same seed plays the same clinic life, down to
/// the appointment ids the Booking service draws, so two runs give the same figures; another seed
/// gives another life.
@Suite struct SeededSimulationTests {
    /// The figures of a three-week run as JSON, without the two wall-time fields (the only ones a
    /// run may change).
    func figures(seed: UInt64) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-seeded-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ParcoursStore.create(at: directory.appendingPathComponent("sim.sqlite").path)
        let start = try #require(LocalDate(year: 2027, month: 1, day: 4))
        var figures = try ClinicSimulation(
            store: store, catalog: catalog, weeks: 3, seed: seed, start: start, referralScale: 0.5
        ).run()
        #expect(figures.violations == 0, "\(figures.violationExamples)")
        figures.seconds = 0
        figures.checkSeconds = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(figures), as: UTF8.self)
    }

    @Test func theSameSeedGivesTheSameFiguresAndAnotherSeedOtherFigures() throws {
        let first = try figures(seed: 5)
        let again = try figures(seed: 5)
        #expect(first == again)
        #expect(first.contains("\"sessionsAttended\""))
        let other = try figures(seed: 6)
        #expect(other != first)
    }
}
