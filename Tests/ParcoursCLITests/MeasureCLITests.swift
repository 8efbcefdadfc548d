import Foundation
import Testing

@testable import ParcoursCLI

/// `parcours measure` and the measurement points `status` shows.
@Suite struct MeasureCLITests {
    func registerAndEnrol(_ ws: Workspace) async throws -> String {
        _ = await ws.run("init")
        let added = await ws.run(
            "patient", "add", "--birth", "1988-03-12", "--category", "domestic-violence",
            "--source", "legal-aid", "--referred", "2026-11-20")
        #expect(added.status == 0, "\(added.errors)")
        let code = try #require(added.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(await ws.run("enrol", code, "adult-domestic-violence").status == 0)
        return code
    }

    func rows(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func aScoreIsRecordedAndListed() async throws {
        let ws = try Workspace()
        let code = try await registerAndEnrol(ws)
        let recorded = await ws.run("measure", "record", code, "pcl-5", "52", "--at", "2026-11-24")
        #expect(recorded.status == 0, "\(recorded.errors)")
        #expect(recorded.output.contains("PCL-5 52"))
        let listed = try rows(await ws.run("measure", "list", code, "--format", "json").output)
        #expect(listed.count == 1)
        #expect(listed.first?["score"] as? Int == 52)
        #expect(listed.first?["date"] as? String == "2026-11-24")
    }

    @Test func anOutOfRangeScoreIsRefusedWithExitTwoAndChangesNothing() async throws {
        let ws = try Workspace()
        let code = try await registerAndEnrol(ws)
        let refused = await ws.run("measure", "record", code, "PCL-5", "81")
        #expect(refused.status == 2)
        #expect(refused.errors.contains("from 0 to 80"), "\(refused.errors)")
        let unknown = await ws.run("measure", "record", code, "PHQ-9", "12")
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("PCL-5"), "\(unknown.errors)")
        #expect(try rows(await ws.run("measure", "list", code, "--format", "json").output).isEmpty)
    }

    @Test func statusShowsTheIntakeScoreDueAndTheOthersToCome() async throws {
        let ws = try Workspace()
        let code = try await registerAndEnrol(ws)
        let status = await ws.run("status", code, "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        let points = try #require(json["measurements"] as? [[String: Any]])
        #expect(points.map { $0["step"] as? String } == ["intake", "closing", "follow-up"])
        #expect(points.map { $0["status"] as? String } == ["due", "upcoming", "upcoming"])
        // Referred 2026-11-20: the intake, and its PCL-5, are due by 2026-12-11.
        #expect(points.first?["day"] as? String == "2026-12-11")
        #expect(await ws.run("status", code).output.contains("intake PCL-5 due"))
    }

    @Test func aScoreDatedAfterTodayIsRefusedWithExitTwoAndChangesNothing() async throws {
        let ws = try Workspace()
        let code = try await registerAndEnrol(ws)
        let refused = await ws.run("measure", "record", code, "PCL-5", "40", "--at", "2027-05-26")
        #expect(refused.status == 2)
        #expect(refused.errors.contains("--at"), "\(refused.errors)")
        #expect(refused.errors.contains("2026-11-26"), "\(refused.errors)")
        #expect(try rows(await ws.run("measure", "list", code, "--format", "json").output).isEmpty)
        #expect(await ws.run("measure", "record", code, "PCL-5", "40", "--at", "2026-11-26").status == 0)
    }

    @Test func aDroppedOutPatientsClosingAndFollowUpScoresAreNoLongerUpcoming() async throws {
        let ws = try Workspace()
        let code = try await registerAndEnrol(ws)
        #expect(await ws.run("drop-out", code, "--reason", "moved away").status == 0)
        let status = await ws.run("status", code, "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        let points = try #require(json["measurements"] as? [[String: Any]])
        #expect(points.map { $0["step"] as? String } == ["intake", "closing", "follow-up"])
        #expect(points.map { $0["status"] as? String } == ["ended", "ended", "ended"])
        #expect(!(await ws.run("status", code).output.contains("upcoming")))
    }
}
