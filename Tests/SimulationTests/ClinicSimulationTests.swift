import Benchmarks
import CareModel
import Foundation
import PathwayEngine
import Store
import Testing

/// Twelve weeks of clinic life through the Booking service, at a quarter of the demo centre's
/// referral rate so the suite stays fast: every daily check finds nothing, and the figures add up.
@Suite struct ClinicSimulationTests {
    @Test func twelveWeeksOfClinicLifeKeepEveryInvariantEveryDay() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ParcoursStore.create(at: directory.appendingPathComponent("sim.sqlite").path)
        let start = try #require(LocalDate(year: 2027, month: 1, day: 4))
        let figures = try ClinicSimulation(
            store: store, catalog: catalog, weeks: 12, seed: 3, start: start, referralScale: 0.25
        ).run()
        #expect(figures.violations == 0, "\(figures.violationExamples)")
        #expect(figures.daysChecked == 84)
        #expect(figures.referrals > 10)
        #expect(figures.sessionsAttended > 50)
        #expect(figures.noShows > 0)
        #expect(figures.sessionsReplaced + figures.sessionsNotReplaced > 0)
        // Every held session is counted in some clinician's hours.
        #expect(figures.clinicianHours.values.reduce(0, +) >= Double(figures.sessionsAttended))
        #expect(figures.daysToIntakeMedian <= 21)
    }
}
