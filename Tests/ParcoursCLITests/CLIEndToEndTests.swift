import Foundation
import Testing

@testable import ParcoursCLI

/// The CLI parsed and run in-process against a temporary database, as a secretary would type it.
@Suite struct CLIEndToEndTests {
    /// A referral as `patient add` registers it; returns the printed code.
    func register(
        _ ws: Workspace, birth: String = "1988-03-12", category: String = "domestic-violence",
        extra: [String] = []
    ) async throws -> String {
        let result = await ws.run(
            arguments: [
                "patient", "add", "--birth", birth, "--category", category,
                "--source", "legal-aid", "--referred", "2026-11-20",
                "--given-name", "Léa", "--family-name", "Martin",
            ] + extra)
        #expect(result.status == 0, "\(result.errors)")
        let code = result.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }
        return try #require(code)
    }

    @Test func initCreatesTheDatabaseAndIsIdempotent() async throws {
        let ws = try Workspace()
        let first = await ws.run("init")
        #expect(first.status == 0)
        #expect(first.output.contains("Database ready"))
        #expect(FileManager.default.fileExists(atPath: ws.db))
        #expect(await ws.run("init").status == 0)
    }

    @Test func aMissingDatabaseSaysHowToCreateOne() async throws {
        let ws = try Workspace()
        let result = await ws.run("clinician", "list")
        #expect(result.status == 1)
        #expect(result.errors.contains("parcours init"))
        #expect(!FileManager.default.fileExists(atPath: ws.db), "a read must not create the database")
    }

    @Test func clinicianRoundTripsThroughAddListAndShow() async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        let added = await ws.run(
            "clinician", "add", "C-ROUX", "--name", "Dr Anne Roux", "--role", "psychiatrist",
            "--skills", "emdr,tf-cbt", "--languages", "fr,en", "--hours", "mon-thu 09:00-17:00")
        #expect(added.status == 0, "\(added.errors)")
        let list = await ws.run("clinician", "list")
        #expect(list.output.contains("C-ROUX"))
        #expect(list.output.contains("emdr,tf-cbt"))
        #expect(list.output.contains("32h"))
        let show = await ws.run("clinician", "show", "C-ROUX", "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any])
        #expect(json["role"] as? String == "psychiatrist")
        #expect(json["hours"] as? String == "mon-thu 09:00-17:00")
    }

    @Test func aDuplicateClinicianIsRefusedAndChangesNothing() async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        _ = await ws.run(
            "clinician", "add", "C-ROUX", "--name", "A", "--role", "psychiatrist", "--hours", "mon 09:00-12:00")
        let before = await ws.run("clinician", "list", "--format", "json").output
        let again = await ws.run(
            "clinician", "add", "C-ROUX", "--name", "B", "--role", "nurse", "--hours", "tue 09:00-12:00")
        #expect(again.status == 3)
        #expect(again.errors.contains("C-ROUX"))
        #expect(await ws.run("clinician", "list", "--format", "json").output == before)
    }

    @Test(arguments: [
        (["clinician", "add", "C-X", "--name", "X", "--role", "surgeon", "--hours", "mon 09:00-12:00"], "--role"),
        (["clinician", "add", "C-X", "--name", "X", "--role", "nurse", "--hours", "funday 09:00-12:00"], "funday"),
        (["patient", "add", "--birth", "31/02/1990", "--category", "migrant", "--source", "other"], "--birth"),
        (
            ["patient", "add", "--birth", "1990-01-01", "--category", "burglary", "--source", "other"],
            "domestic-violence"
        ),
        (["room", "add", "R-1", "--name", "R", "--capacity", "0"], "--capacity"),
        (["status", "not-a-code"], "P-7KQ2"),
    ])
    func badArgumentsExitWithUsageAndNameTheArgument(arguments: [String], mentioned: String) async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        let result = await ws.run(arguments: arguments)
        #expect(result.status == 2, "\(arguments): \(result.errors)")
        #expect(result.errors.contains(mentioned), "\(result.errors)")
    }

    @Test func aPatientIsListedByCodeAndHisNameOnlyShownOnRequest() async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        let code = try await register(ws)
        #expect(code.hasPrefix("P-"))
        let list = await ws.run("patient", "list")
        #expect(list.output.contains(code))
        #expect(!list.output.contains("Martin"))
        let show = await ws.run("patient", "show", code)
        #expect(show.output.contains("domestic violence"))
        #expect(!show.output.contains("Martin"))
        #expect(show.output.contains("none (do not contact)"))
        let identity = await ws.run("patient", "show", code, "--identity")
        #expect(identity.output.contains("Léa Martin"))
    }

    @Test func aSeventeenYearOldIsRefusedWithAReferralAndNothingChanges() async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        let code = try await register(ws, birth: "2009-01-15", category: "domestic-violence")
        let track = try #require(await firstTrack(ws, category: "domestic-violence"))
        let result = await ws.run("enrol", code, track)
        #expect(result.status == 3)
        #expect(result.errors.contains("17"))
        #expect(result.errors.contains("child and adolescent psychiatry"))
        let status = await ws.run("status", code)
        #expect(status.output.contains("not enrolled"))
    }

    @Test func enrolmentShowsTheIntakeDueWithinTwentyOneDaysOfReferral() async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        let code = try await register(ws)
        let track = try #require(await firstTrack(ws, category: "domestic-violence"))
        let enrolled = await ws.run("enrol", code, track)
        #expect(enrolled.status == 0, "\(enrolled.errors)")
        let status = await ws.run("status", code)
        #expect(status.output.contains("enrolled"))
        // Referred 2026-11-20: the intake is due by 2026-12-11.
        #expect(status.output.contains("2026-12-11"), "\(status.output)")
        #expect(status.output.contains("sessions 0 used of"))
        let twice = await ws.run("enrol", code, track)
        #expect(twice.status == 3)
        #expect(twice.errors.contains("already enrolled"))
    }

    @Test func unknownPatientsAndTracksExitNotFound() async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        let code = try await register(ws)
        let unknownPatient = await ws.run("status", "P-2222")
        #expect(unknownPatient.status == 4)
        #expect(unknownPatient.errors.contains("P-2222"))
        let unknownTrack = await ws.run("enrol", code, "no-such-track")
        #expect(unknownTrack.status == 4)
        #expect(unknownTrack.errors.contains("expected one of"))
    }

    @Test func shippedTracksListAndValidate() async throws {
        let ws = try Workspace()
        let list = await ws.run("pathway", "list", "--format", "json")
        #expect(list.status == 0)
        let tracks = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(tracks.count >= 5)
        let validate = await ws.run("pathway", "validate")
        #expect(validate.status == 0, "\(validate.errors)")
    }

    @Test func aBrokenTrackFileFailsValidationWithFileAndLine() async throws {
        let ws = try Workspace()
        let broken = ws.directory.appendingPathComponent("broken.yaml")
        try """
        id: broken
        title: Broken
        version: 1
        modality: individual
        eligibility:
          min-age: 18
          categories: [domestic-violence]
        steps:
          - id: intake
            title: Intake
            kind: asessment
            count: 1
            duration: -90
        """.write(to: broken, atomically: true, encoding: .utf8)
        let result = await ws.run("pathway", "validate", broken.path)
        #expect(result.status == 1)
        #expect(result.errors.contains("broken.yaml:11"), "\(result.errors)")
        #expect(result.errors.contains("broken.yaml:13"), "\(result.errors)")
    }

    @Test func aBrokenTrackDirectoryRefusesEnrolmentAndChangesNothing() async throws {
        let ws = try Workspace()
        _ = await ws.run("init")
        let code = try await register(ws)
        let tracks = ws.directory.appendingPathComponent("Pathways", isDirectory: true)
        try FileManager.default.createDirectory(at: tracks, withIntermediateDirectories: true)
        try "id: half\ntitle: [unclosed\n".write(
            to: tracks.appendingPathComponent("half.yaml"), atomically: true, encoding: .utf8)
        let result = await ws.run(arguments: ["enrol", code, "adult-domestic-violence", "--pathways", tracks.path])
        #expect(result.status == 1)
        #expect(result.errors.contains("half.yaml:"), "\(result.errors)")
        let status = await ws.run("status", code)
        #expect(status.output.contains("not enrolled"))
    }

    @Test func demoBuildsTheSampleCentreAndRefusesToOverwrite() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo")
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("12 clinicians, 6 rooms, 3 interpreters"))
        #expect(demo.output.contains("[2/9] Referrals: 120 registered"))
        let patients = await ws.run("patient", "list", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(patients.output.utf8)) as? [[String: Any]])
        #expect(rows.count == 120)
        // Enrolled six weeks ago, then attendance recorded up to today: most are in treatment now,
        // a few dropped out; only the minors were never enrolled.
        let states = Dictionary(grouping: rows.compactMap { $0["state"] as? String }, by: { $0 }).mapValues(\.count)
        #expect((states["in-treatment"] ?? 0) >= 80)
        #expect((states["in-treatment"] ?? 0) + (states["enrolled"] ?? 0) + (states["dropped-out"] ?? 0) >= 100)
        #expect(states["referred"] == rows.filter { ($0["category"] as? String) == "child-adolescent" }.count)
        #expect(Set(rows.compactMap { $0["category"] as? String }).count == 5)
        let again = await ws.run("demo")
        #expect(again.status == 3)
        #expect(again.errors.contains("--replace"))
        #expect(await ws.run("demo", "--replace").status == 0)
    }

    func firstTrack(_ ws: Workspace, category: String) async -> String? {
        let list = await ws.run("pathway", "list", "--format", "json")
        guard let tracks = try? JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]] else {
            return nil
        }
        return tracks.first { track in
            (track["modality"] as? String) == "individual"
                && ((track["eligibility"] as? [String: Any])?["categories"] as? [String])?.contains(category) == true
        }?["id"] as? String
    }
}
