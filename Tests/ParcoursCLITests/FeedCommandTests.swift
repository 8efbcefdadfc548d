import CareModel
import Foundation
import ICalendar
import Store
import Testing

@testable import ParcoursCLI

/// `parcours export`: feeds written from appointments saved in the store, read back by libical.
@Suite struct FeedCommandTests {
    /// Paris wall-clock instant.
    static func at(_ day: String, _ hour: Int) -> Date {
        CalendarFiles.midnight(LocalDate(parsing: day) ?? LocalDate(daysSinceEpoch: 0)).addingTimeInterval(
            Double(hour * 3600))
    }

    /// A centre with C-ROUX and C-MOREAU, room R-201, one domestic-violence patient (named, with a
    /// phone) and three sessions: two with Roux, one with Moreau.
    func centre(safeChannels: String? = nil) async throws -> (Workspace, String) {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        for (id, name) in [("C-ROUX", "Dr Anne Roux"), ("C-MOREAU", "Claire Moreau")] {
            let r = await ws.run(
                "clinician", "add", id, "--name", name, "--role", "psychologist", "--skills", "tf-cbt",
                "--hours", "mon-fri 09:00-17:00")
            #expect(r.status == 0, "\(r.errors)")
        }
        #expect(await ws.run("room", "add", "R-201", "--name", "Bureau 201", "--capacity", "2").status == 0)
        let added = await ws.run(
            arguments: [
                "patient", "add", "--birth", "1988-03-12", "--category", "domestic-violence",
                "--source", "legal-aid", "--referred", "2026-11-20", "--given-name", "Léa",
                "--family-name", "Fontaine", "--phone", "06 11 22 33 44",
            ]
                + (safeChannels.map { ["--safe-channels", $0] } ?? []))
        #expect(added.status == 0, "\(added.errors)")
        let code = try #require(added.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        let store = try ParcoursStore.open(at: ws.db)
        func session(
            _ id: String, _ step: String, _ occurrence: Int, _ day: String, _ clinician: ClinicianID
        ) -> Appointment {
            Appointment(
                id: AppointmentID(id), patient: PatientCode(code), track: "adult-domestic-violence", step: StepID(step),
                occurrence: occurrence, start: Self.at(day, 14), end: Self.at(day, 15), clinicians: [clinician],
                room: "R-201")
        }
        try store.addAppointments(
            [
                session("A-1", "intake", 1, "2026-12-01", "C-ROUX"),
                session("A-2", "therapy", 3, "2026-12-08", "C-ROUX"),
                session("A-3", "follow-up", 1, "2027-03-01", "C-MOREAU"),
            ],
            actor: Actor(name: "test"))
        return (ws, code)
    }

    @Test func aClinicianFeedParsesBackWithHerSessionsAndNothingThatNamesThePatient() async throws {
        let (ws, code) = try await centre()
        let path = ws.directory.appendingPathComponent("roux.ics").path
        let result = await ws.run("export", "--clinician", "C-ROUX", "-o", path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("2 sessions"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let events = try CalendarImporter().events(
            inICS: Array(bytes), from: Self.at("2026-01-01", 0), to: Self.at("2028-01-01", 0))
        let timed = events.filter { if case .timed = $0.timing { true } else { false } }
        #expect(timed.map(\.summary) == ["Intake assessment · \(code)", "TF-CBT session 3/10 · \(code)"])
        #expect(
            timed.map(\.timing) == [
                .timed(start: Self.at("2026-12-01", 14), end: Self.at("2026-12-01", 15)),
                .timed(start: Self.at("2026-12-08", 14), end: Self.at("2026-12-08", 15)),
            ])
        #expect(timed.allSatisfy { $0.location == "Bureau 201" })
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in [
            "Léa", "Fontaine", "06 11 22 33 44", "0611223344", "domestic", "violence", "adult-domestic-violence",
            "legal-aid", "1988",
        ] {
            #expect(text.range(of: secret, options: .caseInsensitive) == nil, "\(secret) leaked into the feed")
        }
        #expect(text.contains("CATEGORIES:therapy\r\n") && text.contains("CLASS:CONFIDENTIAL\r\n"))
    }

    @Test func unchangedDataGivesTheSameBytesAndAStatusChangeKeepsTheUIDAndRaisesSequence() async throws {
        let (ws, _) = try await centre()
        let first = await ws.run("export", "--clinician", "C-ROUX")
        #expect(first.status == 0, "\(first.errors)")
        #expect(await ws.run("export", "--clinician", "C-ROUX").output == first.output)
        let uids = Self.values("UID", in: first.output).filter { !$0.hasPrefix("closed-") }
        #expect(uids.count == 2 && uids.allSatisfy { !$0.contains("A-") })
        #expect(Self.values("SEQUENCE", in: first.output) == ["0", "0"])

        try ParcoursStore.open(at: ws.db).setAppointmentStatus("A-2", .cancelledByPatient, actor: Actor(name: "test"))
        let second = await ws.run("export", "--clinician", "C-ROUX")
        #expect(second.output != first.output)
        #expect(Self.values("UID", in: second.output).filter { !$0.hasPrefix("closed-") } == uids)
        #expect(Self.values("SEQUENCE", in: second.output) == ["0", "1"])
        #expect(Self.values("STATUS", in: second.output) == ["CONFIRMED", "CANCELLED"])
    }

    @Test func aSessionMovedWithTheMoveCommandKeepsItsUIDAndGoesToTheNewTime() async throws {
        let (ws, _) = try await centre()
        let before = await ws.run("export", "--clinician", "C-ROUX")
        let moved = await ws.run("move", "A-2", "--to", "2026-12-10 11:00")
        #expect(moved.status == 0, "\(moved.errors)\(moved.output)")
        let after = await ws.run("export", "--clinician", "C-ROUX")
        #expect(Self.values("UID", in: after.output) == Self.values("UID", in: before.output))
        #expect(Self.values("SEQUENCE", in: after.output) == ["0", "1"])
        #expect(Self.values("DTSTART;TZID=Europe/Paris", in: after.output).last == "20261210T110000")
    }

    @Test func aPatientFeedIsRefusedWithoutOptInAndNeutralWithIt() async throws {
        let (ws, code) = try await centre()
        let refused = await ws.run("export", "--patient", code)
        #expect(refused.status == 3)
        #expect(refused.errors.contains(code) && refused.errors.contains("calendar"))
        #expect(refused.output.isEmpty)

        let (optedIn, other) = try await centre(safeChannels: "calendar")
        let feed = await optedIn.run("export", "--patient", other)
        #expect(feed.status == 0, "\(feed.errors)")
        #expect(Self.values("SUMMARY", in: feed.output) == ["Rendez-vous", "Rendez-vous", "Rendez-vous"])
        for revealing in ["Bureau", "TF-CBT", "therapy", "Parcours ·", "Centre fermé", other] {
            #expect(!feed.output.contains(revealing), "\(revealing) in a patient's own calendar")
        }
    }

    @Test func allWritesOneFilePerClinicianAndRoomFeedsWork() async throws {
        let (ws, _) = try await centre()
        let dir = ws.directory.appendingPathComponent("feeds").path
        let all = await ws.run("export", "--all", "-o", dir)
        #expect(all.status == 0, "\(all.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["C-MOREAU.ics", "C-ROUX.ics"])
        let room = await ws.run("export", "--room", "R-201")
        #expect(Self.values("SUMMARY", in: room.output).count == 3)
        #expect(await ws.run("export", "--clinician", "C-NOBODY").status == 4)
        #expect(await ws.run("export").status == 2)
        #expect(await ws.run("export", "--all").status == 2)
        #expect(await ws.run("export", "--room", "R-201", "--clinician", "C-ROUX").status == 2)
    }

    @Test func benchPrintsEventsBytesAndRate() async throws {
        let ws = try Workspace()
        let result = await ws.run("bench", "ics", "--events", "200", "--seed", "7")
        #expect(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["events"] as? Int == 200)
        #expect((json["bytes"] as? Int ?? 0) > 200 * 200)
        #expect(json["eventsPerSecond"] is Int && json["seconds"] is Double)
    }

    @Test func theDemoWritesAFeedPerClinicianThatLibicalReads() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo")
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("Closed 55 public holidays"))
        #expect(demo.output.contains("absences of C-MOREAU"))
        let dir = ws.directory.appendingPathComponent("feeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".ics") }
        #expect(files.count == 12)
        for file in files {
            let data = try Data(contentsOf: dir.appendingPathComponent(file))
            #expect(throws: Never.self) {
                try CalendarImporter().events(
                    inICS: Array(data), from: Self.at("2026-01-01", 0), to: Self.at("2031-01-01", 0))
            }
        }
        let moreau = await ws.run("clinician", "absence", "list", "C-MOREAU", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(moreau.output.utf8)) as? [[String: Any]])
        #expect(rows.count > 40 && rows.allSatisfy { ($0["reason"] as? String)?.hasPrefix("Supervision") == true })
    }

    @Test func helpShowsAnExampleOnEveryNewLeafCommand() async throws {
        let ws = try Workspace()
        for command in [
            ["export"], ["calendar", "import-closed"], ["closed", "add"], ["closed", "list"],
            ["clinician", "absence", "add"], ["clinician", "absence", "import"], ["clinician", "absence", "list"],
            ["bench", "ics"],
        ] {
            let help = await ws.run(arguments: command + ["--help"])
            #expect(help.status == 0)
            #expect(help.output.contains("Example:"), "\(command) help has no example")
        }
    }

    /// The values of every `NAME:` line of a feed (unfolded lines are short enough here).
    static func values(_ name: String, in text: String) -> [String] {
        text.components(separatedBy: "\r\n").filter { $0.hasPrefix(name + ":") }.map {
            String($0.dropFirst(name.count + 1))
        }
    }
}
