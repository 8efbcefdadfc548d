import Foundation
import Testing

@testable import ParcoursCLI

/// `parcours audit`: who changed what, found by patient, actor, day; readable and in JSON.
@Suite struct AuditCLITests {
    @Test func auditByPatientListsTheirBookingMoveAndCancellationWithReasons() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral()
        let first = try #require(ids.first), second = try #require(ids.dropFirst().first)
        let move = await ws.run("move", second, "--auto", "--reason", "clinician on training")
        #expect(move.status == 0, "\(move.errors)")
        #expect(await ws.run("cancel", first, "--by", "patient", "--reason", "unwell").status == 0)

        let table = await ws.run("audit", "--patient", code)
        #expect(table.status == 0, "\(table.errors)")
        for fragment in [
            "add-patient", "add-enrolment", "book", "move", "set-appointment-status",
            "clinician on training", "unwell", "appointment \(first)",
        ] {
            #expect(table.output.contains(fragment), "missing \(fragment) in\n\(table.output)")
        }
        let weekday = try #require(table.output.split(separator: "\n").dropFirst(2).first.map(String.init))
        #expect(
            ["Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "].contains { weekday.hasPrefix($0) }, "\(weekday)")
        #expect(!table.output.contains("before {"), "before/after only with --details")
        #expect(await ws.run("audit", "--patient", code, "--details").output.contains("    before {"))

        let rows = try jsonRows(await ws.run("audit", "--patient", code, "--format", "json").output)
        #expect(rows.allSatisfy { $0["patient"] as? String == code && $0["actor"] as? String == "test" })
        let moved = try #require(rows.first { $0["action"] as? String == "move" })
        #expect(moved["before"] is [String: Any] && moved["after"] is [String: Any])
        #expect(moved["record"] as? String == second)
        let newest = try jsonRows(
            await ws.run(
                "audit", "--patient", code, "--newest-first", "--limit", "1",
                "--format", "json"
            ).output)
        #expect(newest.map { $0["reason"] as? String } == ["unwell"])
        #expect(await ws.run("audit", "--actor", "nobody").output.contains("(none)"))
        #expect(try jsonRows(await ws.run("audit", "--since", "2099-01-01", "--format", "json").output).isEmpty)
    }

    @Test func noShowAndMoveTakeAReasonForTheLog() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral()
        let first = try #require(ids.first)
        #expect(
            await ws.run(arguments: ["no-show", first, "--reason", "called: no bus"], today: "2027-06-01").status == 0)
        let rows = try jsonRows(await ws.run("audit", "--patient", code, "--format", "json").output)
        #expect(rows.last?["reason"] as? String == "called: no bus")
    }
}
