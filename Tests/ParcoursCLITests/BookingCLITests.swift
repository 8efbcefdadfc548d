import Foundation
import Testing

@testable import ParcoursCLI

/// Booking from the command line, on a demo centre in a temporary database.
@Suite struct BookingCLITests {
    /// A demo centre, as of 2026-11-26, with its waiting list booked that day and nothing held yet.
    func demoCentre() async throws -> Workspace {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "40", "--history-weeks", "0")
        #expect(demo.status == 0, "\(demo.errors)")
        return ws
    }

    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func theDemoBooksEveryoneAndLeavesNobodyWaiting() async throws {
        let ws = try await demoCentre()
        let waitlist = await ws.run("waitlist", "--format", "json")
        #expect(try json(waitlist.output).isEmpty, "\(waitlist.output)")
        let week = await ws.run("agenda", "--week", "2026-W49", "--format", "json")
        let sessions = try json(week.output)
        #expect(!sessions.isEmpty)
        #expect(sessions.allSatisfy { ($0["localDate"] as? String) != "2026-12-25" })
    }

    @Test func bookingANewReferralPrintsTheSeriesAndDryRunBooksNothing() async throws {
        let ws = try await demoCentre()
        let add = await ws.run(
            "patient", "add", "--birth", "1990-05-05", "--category", "accident-disaster",
            "--source", "hospital-emergency", "--referred", "2026-11-25")
        let code = try #require(add.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(await ws.run("enrol", code, "adult-accident-disaster-emdr").status == 0)
        let dry = await ws.run("book", code, "--dry-run")
        #expect(dry.status == 0, "\(dry.errors)")
        #expect(dry.output.contains("Nothing was booked"))
        #expect(
            try json(await ws.run("agenda", "--week", "2026-W49", "--patient", code, "--format", "json").output).isEmpty
        )
        let booked = await ws.run("book", code, "--prefer", "tue,thu 09:00-17:00", "--format", "json")
        #expect(booked.status == 0, "\(booked.errors)")
        let rows = try json(booked.output)
        #expect(rows.count == 13)
        #expect(
            Set(
                rows.filter { ($0["step"] as? String) == "therapy" }.compactMap {
                    ($0["clinicians"] as? [String])?.first
                }
            ).count == 1)
        let again = await ws.run("book", code)
        #expect(again.status == 3)
        #expect(again.errors.contains("nothing left to book"))
    }

    @Test func cancelProposesAReplacementAndMoveReportsConflicts() async throws {
        let ws = try await demoCentre()
        let monday = try json(await ws.run("agenda", "--day", "2026-11-30", "--format", "json").output)
        let first = try #require(monday.first)
        let id = try #require(first["id"] as? String)
        let cancel = await ws.run("cancel", id, "--by", "patient", "--reason", "unwell")
        #expect(cancel.status == 0, "\(cancel.errors)")
        #expect(cancel.output.contains("Proposed replacement"))
        let again = await ws.run("cancel", id, "--by", "centre", "--reason", "twice")
        #expect(again.status == 3)
        let other = try #require(monday.dropFirst().first { ($0["status"] as? String) == "booked" })
        let otherID = try #require(other["id"] as? String)
        // A time the clocks skip is refused as it is typed, like the absence times: usage, exit 2.
        let gap = await ws.run("move", otherID, "--to", "2027-03-28 02:30")
        #expect(gap.status == 2)
        #expect(gap.errors.contains("does not exist"))
        let auto = await ws.run("move", otherID, "--auto")
        #expect(auto.status == 0, "\(auto.errors)")
        #expect(auto.output.contains("Moved \(otherID)"))
    }

    @Test func attendanceAdvancesThePathway() async throws {
        let ws = try await demoCentre()
        let monday = try json(await ws.run("agenda", "--day", "2026-11-30", "--format", "json").output)
        let intake = try #require(monday.first { ($0["step"] as? String) == "intake" })
        let id = try #require(intake["id"] as? String), patient = try #require(intake["patient"] as? String)
        let early = await ws.run("attend", id)
        #expect(early.status == 3, "attendance before the session must be refused")
        let attended = await ws.run(arguments: ["attend", id], today: "2026-12-01")
        #expect(attended.status == 0, "\(attended.errors)")
        #expect(attended.output.contains("in treatment"))
        let status = await ws.run(arguments: ["status", patient], today: "2026-12-01")
        #expect(status.output.contains("sessions 1 used of"))
        #expect(status.output.contains("sessions ahead; next therapy 1 on"), "\(status.output)")
    }

    @Test func solveThenCheckAGeneratedInstanceFindsNoViolation() async throws {
        let ws = try Workspace()
        let instance = ws.directory.appendingPathComponent("instance.json")
        let solution = ws.directory.appendingPathComponent("solution.json")
        let generated = await ws.runPlain(
            "bench", "generate", "--patients", "30", "--clinicians", "6", "--rooms", "4",
            "--interpreters", "2", "--weeks", "26", "--seed", "7")
        #expect(generated.status == 0, "\(generated.errors)")
        try generated.output.write(to: instance, atomically: true, encoding: .utf8)
        let same = await ws.runPlain(
            "bench", "generate", "--patients", "30", "--clinicians", "6", "--rooms", "4",
            "--interpreters", "2", "--weeks", "26", "--seed", "7")
        #expect(same.output == generated.output, "the same seed must give the same instance")
        let solved = await ws.runPlain("solve", instance.path)
        #expect(solved.status == 0)
        try solved.output.write(to: solution, atomically: true, encoding: .utf8)
        let checked = await ws.runPlain("check", instance.path, solution.path)
        #expect(checked.status == 0, "\(checked.output)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.output.utf8)) as? [String: Any])
        #expect(report["violations"] as? Int == 0)
        #expect((report["sessionsBooked"] as? Int ?? 0) > 300)
    }

    @Test func checkCatchesAPlantedDoubleBooking() async throws {
        let ws = try Workspace()
        let instance = ws.directory.appendingPathComponent("instance.json")
        let solution = ws.directory.appendingPathComponent("solution.json")
        let generated = await ws.runPlain(
            "bench", "generate", "--patients", "10", "--clinicians", "4", "--rooms", "3",
            "--interpreters", "1", "--weeks", "26")
        try generated.output.write(to: instance, atomically: true, encoding: .utf8)
        let solved = await ws.runPlain("solve", instance.path)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(solved.output.utf8)) as? [String: Any])
        var sessions = try #require(object["sessions"] as? [[String: Any]])
        // Give the second patient's first session the first patient's time, clinician and room.
        let firstPatient = sessions[0]["patient"] as? String
        let index = try #require(sessions.firstIndex { ($0["patient"] as? String) != firstPatient })
        for key in ["start", "end", "clinicians", "room"] { sessions[index][key] = sessions[0][key] }
        object["sessions"] = sessions
        try JSONSerialization.data(withJSONObject: object).write(to: solution)
        let checked = await ws.runPlain("check", instance.path, solution.path)
        #expect(checked.status == 3)
        #expect(checked.output.contains("clinician-double-booked"))
        #expect(checked.output.contains("room-double-booked"))
    }
}
