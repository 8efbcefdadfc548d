import Foundation
import Testing

@testable import ParcoursCLI

/// A series under change from the command line: moves checked against the rules, overrides shown
/// by `doctor`, a patient's whole schedule in `status` and `agenda --patient`.
@Suite struct SeriesCLITests {
    func demoCentre() async throws -> Workspace {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "20", "--history-weeks", "0")
        #expect(demo.status == 0, "\(demo.errors)")
        return ws
    }

    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// A patient with an individual series booked, and the sessions ahead as `agenda --patient` shows them.
    func patientAhead(_ ws: Workspace) async throws -> (code: String, sessions: [[String: Any]]) {
        let week = try json(await ws.run("agenda", "--week", "2026-W50", "--format", "json").output)
        let row = try #require(week.first { ($0["step"] as? String) == "therapy" && $0["cohort"] == nil })
        let code = try #require(row["patient"] as? String)
        let ahead = await ws.run("agenda", "--patient", code, "--format", "json")
        #expect(ahead.status == 0, "\(ahead.errors)")
        return (code, try json(ahead.output))
    }

    @Test func agendaForAPatientListsEverySessionAheadAndStatusTheWholeSchedule() async throws {
        let ws = try await demoCentre()
        let (code, sessions) = try await patientAhead(ws)
        #expect(sessions.count >= 10, "a whole series is ahead: \(sessions.count)")
        #expect(sessions.allSatisfy { ($0["patient"] as? String) == code })
        let status = await ws.run("status", code, "--format", "json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        let listed = try #require(report["sessions"] as? [[String: Any]])
        #expect(
            Set(listed.compactMap { $0["id"] as? String }).isSuperset(of: sessions.compactMap { $0["id"] as? String }))
        let text = await ws.run("status", code)
        #expect(text.output.contains("schedule"), "\(text.output)")
        let firstID = try #require(sessions.first?["id"] as? String)
        #expect(text.output.contains(firstID))
        #expect(await ws.run("patient", "show", code).output.contains(firstID))
    }

    @Test func aMoveToAHolidayAtNightIsRefusedWithExitThreeAndForcedOnlyWithAReason() async throws {
        let ws = try await demoCentre()
        let (_, sessions) = try await patientAhead(ws)
        let session = try #require(sessions.dropFirst(3).first)
        let id = try #require(session["id"] as? String)
        let refused = await ws.run("move", id, "--to", "25/12/2026 03:00")
        #expect(refused.status == 3, "\(refused.output)")
        #expect(refused.errors.contains("closed-day"), "\(refused.errors)")
        #expect(await ws.run("move", id, "--to", "2027-02-03 24:00").status == 2)
        #expect(await ws.run("move", id, "--to", "25/12/2026 10:00", "--force").status == 2)
        let unchanged = try json(
            await ws.run(
                "agenda", "--patient", try #require(session["patient"] as? String),
                "--format", "json"
            ).output)
        let stored = try #require(unchanged.first { ($0["id"] as? String) == id })
        #expect(stored["localDate"] as? String == session["localDate"] as? String)
        #expect(stored["localStart"] as? String == session["localStart"] as? String)
        let forced = await ws.run(
            "move", id, "--to", "25/12/2026 10:00", "--force", "--reason", "crisis; Dr Roux agrees")
        #expect(forced.status == 0, "\(forced.errors)")
        let doctor = await ws.run("doctor")
        #expect(doctor.output.contains("overrides: 1 session"), "\(doctor.output)")
        #expect(doctor.output.contains(id))
    }

    @Test func aNoShowForASessionAheadIsRefusedWithExitThree() async throws {
        let ws = try await demoCentre()
        let (_, sessions) = try await patientAhead(ws)
        let id = try #require(sessions.last?["id"] as? String)
        let refused = await ws.run("no-show", id)
        #expect(refused.status == 3)
        #expect(refused.errors.contains("once the session has begun"), "\(refused.errors)")
    }
}
