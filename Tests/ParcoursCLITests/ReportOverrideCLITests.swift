import Foundation
import Testing

@testable import ParcoursCLI

/// A move forced against the rules (`move --to … --force --reason`) shows in `report completion`:
/// counted in its group and listed by patient code, from the real SQLite file.
@Suite struct ReportOverrideCLITests {
    func report(_ ws: Workspace) async throws -> [String: Any] {
        let json = await ws.run("report", "completion", "--format", "json", "--by", "track")
        #expect(json.status == 0, "\(json.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    }

    @Test func aForcedMoveIsCountedAndListedByTheCompletionReport() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "20", "--history-weeks", "0")
        #expect(demo.status == 0, "\(demo.errors)")
        let before = try await report(ws)
        #expect((before["total"] as? [String: Any])?["overrides"] as? Int == 0)
        #expect((before["overrides"] as? [Any])?.isEmpty == true)

        // A therapy four sessions into a series booked in December: moved to Christmas Day, a
        // closed day, it keeps its place in the series (as in SeriesCLITests).
        let week = await ws.run("agenda", "--week", "2026-W50", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(week.output.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { ($0["step"] as? String) == "therapy" && $0["cohort"] == nil })
        let code = try #require(row["patient"] as? String)
        let ahead = await ws.run("agenda", "--patient", code, "--format", "json")
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(ahead.output.utf8)) as? [[String: Any]])
        let id = try #require(sessions.dropFirst(3).first?["id"] as? String)
        let forced = await ws.run(
            "move", id, "--to", "25/12/2026 10:00", "--force", "--reason", "crisis; Dr Roux agrees")
        #expect(forced.status == 0, "\(forced.errors)")

        let after = try await report(ws)
        #expect((after["total"] as? [String: Any])?["overrides"] as? Int == 1)
        let listed = try #require(after["overrides"] as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed.first?["session"] as? String == id)
        #expect(listed.first?["patient"] as? String == code)
        #expect(listed.first?["reason"] as? String == "crisis; Dr Roux agrees")
        #expect((listed.first?["rules"] as? [String])?.contains { $0.contains("closed-day") } == true)
        // Christmas Day 2026 is in ISO week 2026-W52 (Monday 21 December).
        let capacity = await ws.run(
            "report", "capacity", "--from", "2026-12-14", "--weeks", "2", "--format", "json")
        #expect(capacity.status == 0, "\(capacity.errors)")
        let weekly = try #require(try JSONSerialization.jsonObject(with: Data(capacity.output.utf8)) as? [String: Any])
        let byWeek = try #require(weekly["overrides_by_week"] as? [[String: Any]])
        #expect(byWeek.map { $0["week"] as? String } == ["2026-W51", "2026-W52"])
        #expect(byWeek.map { $0["sessions"] as? Int } == [0, 1])
        let csv = await ws.run("report", "completion", "--format", "csv")
        #expect(csv.output.contains(",cancelled_by_centre,overrides,"), "\(csv.output)")
    }
}
