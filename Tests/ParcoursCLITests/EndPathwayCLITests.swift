import Foundation
import Testing

@testable import ParcoursCLI

/// `parcours drop-out` and `parcours refer-out`: the pathway ends and its booked sessions go back.
@Suite struct EndPathwayCLITests {
    @Test func dropOutEndsThePathwayAndCancelsEverySessionBookedAhead() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral()
        try #require(!ids.isEmpty)
        let result = await ws.run("drop-out", code, "--reason", "moved away")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("\(code) is dropped out"), "\(result.output)")
        #expect(result.output.contains("Cancelled \(ids.count) sessions booked ahead"), "\(result.output)")
        for id in ids { #expect(result.output.contains(id)) }
        let rows = try jsonRows(await ws.run("audit", "--patient", code, "--format", "json").output)
        #expect(rows.filter { $0["reason"] as? String == "pathway ended: moved away" }.count == ids.count)
        #expect(await ws.run("status", code).output.contains("dropped"))
    }

    @Test func referOutNamesThePartnerAndABadOneChangesNothing() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral()
        let before = try ws.contents()
        let bad = await ws.run("refer-out", code, "lawyer", "--reason", "x")
        #expect(bad.status == 2)
        #expect(bad.errors.contains("partner") || bad.errors.contains("lawyer"), "\(bad.errors)")
        let noReason = await ws.run("drop-out", code)
        #expect(noReason.status == 2)
        #expect(noReason.errors.contains("--reason"), "\(noReason.errors)")
        #expect(try ws.contents() == before)

        let referred = await ws.run("refer-out", code, "forensic-unit", "--reason", "forensic examination first")
        #expect(referred.status == 0, "\(referred.errors)")
        #expect(referred.output.contains("Cancelled \(ids.count) sessions"), "\(referred.output)")
        let afterEnd = try ws.contents()
        let again = await ws.run("drop-out", code, "--reason", "again")
        #expect(again.status != 0)
        #expect(
            again.errors.contains("enrolment is referred out; to take the patient back, start a new enrolment"),
            "\(again.errors)")
        #expect(try ws.contents() == afterEnd)
    }
}
