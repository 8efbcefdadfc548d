import Benchmarks
import Foundation
import Store
import StoreTesting
import Testing

@testable import ParcoursCLI

/// `parcours doctor` on a generated centre: nothing found on a valid calendar, the first session
/// of each kind of problem named, `--fast` limited to the file's own checks.
@Suite struct DoctorScaleTests {
    @Test func aGeneratedCentreIsHealthyAndEachKindOfProblemNamesItsFirstSession() async throws {
        let ws = try Workspace()
        let summary = try LargeCentre.build(at: ws.db, patients: 60, sessionsEach: 12)
        #expect(summary.sessions == 720)
        let healthy = await ws.run("doctor", "--format", "json")
        #expect(healthy.status == 0, "\(healthy.output)\(healthy.errors)")

        let fast = await ws.run("doctor", "--fast", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fast.output.utf8)) as? [String: Any])
        let names = (object["checks"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["integrity", "foreign-keys", "schema", "schema-objects"])

        // Two kinds planted: a session at 07:00 (outside hours) and a closed day under another.
        let store = try ParcoursStore.open(at: ws.db)
        try store.executeForTesting(
            """
            UPDATE appointment SET start_utc = '2025-01-07T06:00:00Z', end_utc = '2025-01-07T07:00:00Z' WHERE id = 'A-22223-0';
            INSERT INTO closed_day (date, label) VALUES ('2025-01-13', 'planted');
            """)
        let sick = await ws.run("doctor")
        #expect(sick.status == 1)
        #expect(sick.output.contains("- clinician-outside-hours: P-22223"), "\(sick.output)")
        #expect(sick.output.contains("- closed-day: P-2222"), "\(sick.output)")
        #expect(sick.output.contains("by kind: clinician-outside-hours 1, closed-day"), "\(sick.output)")
    }
}
