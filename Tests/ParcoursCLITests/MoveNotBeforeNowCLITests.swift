import Foundation
import Testing

@testable import ParcoursCLI

/// `move --auto` never lands in the part of `--today` already gone.
@Suite struct MoveNotBeforeNowCLITests {
    /// On Monday 30 November at noon (`--today 2026-11-30`), a morning session moved with `--auto`
    /// lands at noon or later.
    @Test func moveAutoOnTodayNeverLandsBeforeNoon() async throws {
        let ws = try await Workspace.demoCentre()
        let monday = try jsonRows(await ws.run("agenda", "--day", "2026-11-30", "--format", "json").output)
        let morning = try #require(
            monday.first { ($0["status"] as? String) == "booked" && ($0["localStart"] as? String ?? "") < "12:00" })
        let id = try #require(morning["id"] as? String)
        let moved = await ws.run("move", id, "--auto", "--format", "json", today: "2026-11-30")
        #expect(moved.status == 0, "\(moved.errors)")
        let row = try #require(try jsonRows(moved.output).first)
        let day = try #require(row["localDate"] as? String), start = try #require(row["localStart"] as? String)
        #expect(day > "2026-11-30" || (day == "2026-11-30" && start >= "12:00"), "\(day) \(start)")
    }
}
