import Benchmarks
import CareModel
import Foundation
import PathwayEngine
import Store
import Testing

/// `bench everyday` times real operations: on three simulated weeks, each operation runs on its
/// own sessions and changes them as a secretary's click would.
@Suite struct EverydayBenchmarkTests {
    @Test func eachOperationIsTimedOnItsOwnSessionsAndChangesThem() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-everyday-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ParcoursStore.create(at: directory.appendingPathComponent("sim.sqlite").path)
        let start = try #require(LocalDate(year: 2027, month: 1, day: 4))
        _ = try ClinicSimulation(
            store: store, catalog: catalog, weeks: 2, seed: 2, start: start, referralScale: 0.5
        ).run()
        let today = start.adding(days: 14)
        let all = { () throws -> [Appointment] in
            try store.appointments(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800))
        }
        let before = try all()
        let figures = try EverydayBenchmark(store: store, catalog: catalog, today: today, samples: 3, seed: 1).run()
        #expect(
            figures.operations.map(\.name) == ["cancel with replacement", "move --auto", "no-show with replacement"])
        for operation in figures.operations {
            #expect(operation.samples == 3)
            #expect(operation.p50Milliseconds > 0 && operation.p50Milliseconds <= operation.p99Milliseconds)
        }
        let after = try all()
        let cancelled = { (list: [Appointment]) in list.filter { $0.status == .cancelledByPatient }.count }
        #expect(cancelled(after) == cancelled(before) + 3)
        #expect(after.filter { $0.status == .noShow }.count >= before.filter { $0.status == .noShow }.count + 3)
        #expect(after.count > before.count, "replacements were booked")
    }
}
