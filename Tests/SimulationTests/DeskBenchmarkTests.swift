import Benchmarks
import CareModel
import Foundation
import PathwayEngine
import Store
import Testing

/// `parcours bench desk` on a small centre: every page answers each signed-in user with 200,
/// and the centre measured is a copy (the original gains no account).
@Suite struct DeskBenchmarkTests {
    @Test func everyDeskPageAnswersEverySignedInUserAndTheOriginalCentreIsLeftAlone() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-bench-desk-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("centre.sqlite").path
        _ = try LargeCentre.build(at: path, patients: 30, sessionsEach: 4)

        let (subject, runs, _) = try await DeskBenchmark(users: 3, seconds: 0.3).run(database: path, catalog: catalog)

        // LargeCentre books its first patients from Monday 6 January 2025, one clinician each.
        #expect(subject.day == LocalDate(year: 2025, month: 1, day: 6))
        #expect(subject.clinician == ClinicianID("C-B00"))
        #expect(runs.map(\.page) == DeskBenchmark.pages.map(\.name))
        for run in runs {
            #expect(run.result.requests >= 3, "\(run.page): \(run.result.requests) requests")
            #expect(run.result.unexpected == 0, "\(run.page) (\(run.path)) answered other than 200")
            #expect(run.result.milliseconds(at: 0.5) > 0)
        }
        #expect(try ParcoursStore.openReadOnly(at: path).deskUsers().isEmpty)
    }
}
