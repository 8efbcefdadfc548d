import Foundation
import Testing

/// `parcours closed remove`: the CLI side of the desk's *Rouvrir* (one Store service).
@Suite struct ClosedRemoveCommandTests {
    @Test func aClosedDayIsOpenedAgainAndAnUnknownOneIsRefused() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(await ws.run("closed", "add", "07/05/2027", "--label", "Pont").status == 0)
        let removed = await ws.run("closed", "remove", "2027-05-07", "--reason", "open after all")
        #expect(removed.status == 0, "\(removed.output)")
        #expect(removed.output.contains("Opened Fri 2027-05-07 again"), "\(removed.output)")
        #expect(!(await ws.run("closed", "list", "--from", "01/05/2027")).output.contains("Pont"))
        let audit = await ws.run("audit", "--format", "json")
        #expect(audit.output.contains("remove-closed-day"), "\(audit.output)")
        let before = try ws.contents()
        let again = await ws.run("closed", "remove", "2027-05-07")
        #expect(again.status != 0)
        #expect(again.errors.contains("2027-05-07"), "\(again.errors)")
        #expect(try ws.contents() == before)
    }
}
