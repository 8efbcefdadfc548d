import CareModel
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// `parcours room unavailable` and `interpreter unavailable` on a demo centre: the sessions hit
/// are listed (id, time, clinician, patient code) with how to replan, `--replan` moves them all or
/// none, and bad input names the argument, exits as docs/cli.md says and changes nothing.
@Suite struct ResourceUnavailableCLITests {
    /// The booked sessions of the first week of December in `room`, grouped by local day.
    static func bookedDays(in room: String, _ ws: Workspace) async throws -> [String: [[String: Any]]] {
        let week = try jsonRows(await ws.run("agenda", "--week", "2026-W50", "--format", "json").output)
            .filter { ($0["status"] as? String) == "booked" && ($0["room"] as? String) == room }
        return Dictionary(grouping: week) { $0["localDate"] as? String ?? "" }
    }

    @Test func aRoomOutOfUseListsTheSessionsItHitsThenReplanKeepsThemAtTheirTimeInAnotherRoom() async throws {
        let ws = try await Workspace.demoCentre()
        let days = try await Self.bookedDays(in: "R-101", ws)
        let (day, sessions) = try #require(days.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) })
        let listed = await ws.run(
            "room", "unavailable", "add", "R-101", "--from", day, "--to", day, "--reason", "fuite")
        #expect(listed.status == 0, "\(listed.errors)")
        #expect(listed.output.contains("Recorded room R-101 unavailable"), "\(listed.output)")
        let count = sessions.count == 1 ? "1 session is" : "\(sessions.count) sessions are"
        #expect(listed.output.contains("WARNING: \(count) still booked with room R-101"), "\(listed.output)")
        #expect(listed.output.contains("--reason fuite --replan"), "\(listed.output)")
        let store = try ParcoursStore.open(at: ws.db)
        var held: [AppointmentID: Appointment] = [:]
        for session in sessions {
            let id = try #require(session["id"] as? String)
            let line = try #require(listed.output.split(separator: "\n").first { $0.contains(id) })
            #expect(
                line.contains(session["patient"] as? String ?? "-")
                    && line.contains(session["localStart"] as? String ?? "-"))
            #expect(line.contains((session["clinicians"] as? [String])?.first ?? "-"))
            let stored = try #require(try store.appointment(AppointmentID(id)))
            #expect(stored.room == "R-101")
            held[stored.id] = stored
        }

        // Listed, not yet moved: doctor names them until they are.
        let unresolved = await ws.run("doctor")
        #expect(unresolved.status == 1)
        #expect(
            unresolved.output.contains("resource-unavailability: \(sessions.count) problem"), "\(unresolved.output)")

        let replanned = await ws.run(
            "room", "unavailable", "add", "R-101", "--from", day, "--to", day, "--reason", "fuite", "--replan")
        #expect(replanned.status == 0, "\(replanned.errors)")
        #expect(replanned.output.contains("already recorded"), "\(replanned.output)")
        #expect(replanned.output.contains("Replanned \(sessions.count) session"), "\(replanned.output)")
        for session in sessions {
            let id = try #require(session["id"] as? String)
            let now = try #require(try store.appointment(AppointmentID(id)))
            #expect(now.room != "R-101" && now.room != nil)
            #expect(now.start == held[now.id]?.start && now.clinicians == held[now.id]?.clinicians)
        }
        let rows = try jsonRows(await ws.run("room", "unavailable", "list", "R-101", "--format", "json").output)
        #expect(rows.count == 1 && rows.first?["reason"] as? String == "fuite")
        let doctor = await ws.run("doctor")
        #expect(doctor.status == 0, "\(doctor.output)")
        #expect(doctor.output.contains("resource-unavailability"))
        let first = try #require(sessions.first)
        let audit = await ws.run("audit", "--patient", try #require(first["patient"] as? String))
        #expect(
            audit.output.contains("fuite: room R-101 unavailable, another room at the same time"), "\(audit.output)")
    }

    @Test func aProtectedPatientsSessionInTheListIsShownByIdAndTimeNeverByCode() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral("--address-protected")
        let first = AppointmentID(try #require(ids.first))
        let session = try #require(try ParcoursStore.open(at: ws.db).appointment(first))
        let room = try #require(session.room).rawValue
        let day = ClinicTimeZone.paris.local(session.start).date.iso
        let added = await ws.run("room", "unavailable", "add", room, "--from", day, "--to", day, "--reason", "fuite")
        #expect(added.status == 0, "\(added.errors)")
        let line = try #require(added.output.split(separator: "\n").first { $0.contains(session.id.rawValue) })
        #expect(line.contains("protected"))
        #expect(!added.output.contains(code))
    }

    @Test func anInterpreterReplanThatCannotPlaceEverySessionExitsThreeAndChangesNothing() async throws {
        let ws = try await Workspace.demoCentre()
        let before = await ws.run("agenda", "--week", "2026-W50", "--format", "json").output
        #expect(before.contains("I-AHMADI"))
        // The only Pashto and Farsi interpreter away for a year: nobody can take their sessions.
        let refused = await ws.run(
            "interpreter", "unavailable", "add", "I-AHMADI", "--from", "2026-12-01", "--to", "2027-11-30",
            "--reason", "départ", "--replan")
        #expect(refused.status == 3, "\(refused.output)")
        #expect(refused.errors.contains("nothing changed"), "\(refused.errors)")
        #expect(await ws.run("agenda", "--week", "2026-W50", "--format", "json").output == before)
        #expect(try jsonRows(await ws.run("interpreter", "unavailable", "list", "--format", "json").output).isEmpty)
    }

    @Test func badInputNamesTheArgumentExitsAsDocumentedAndChangesNothing() async throws {
        let ws = try await Workspace.demoCentre()
        let audit = try ParcoursStore.open(at: ws.db).auditEntries(AuditQuery()).count
        let cases: [([String], Int32, String)] = [
            (
                ["room", "unavailable", "add", "R-999", "--from", "2026-12-08", "--to", "2026-12-08", "--reason", "x"],
                4, "R-999"
            ),
            (
                ["room", "unavailable", "add", "R-101", "--from", "2026-12-09", "--to", "2026-12-08", "--reason", "x"],
                2, "--to"
            ),
            (
                ["room", "unavailable", "add", "R-101", "--from", "2026-12-09", "--to", "2300-12-08", "--reason", "x"],
                2, "--to"
            ),
            (
                ["room", "unavailable", "add", "R-101", "--from", "2001-12-09", "--to", "2026-12-10", "--reason", "x"],
                2, "--from"
            ),
            (
                ["room", "unavailable", "add", "R-101", "--from", "2026-11-20", "--to", "2026-11-21", "--reason", "x"],
                2, "--to"
            ),
            (
                [
                    "interpreter", "unavailable", "add", "I-NOBODY", "--from", "2026-12-08", "--to", "2026-12-08",
                    "--reason", "x",
                ], 4, "I-NOBODY"
            ),
            (["room", "unavailable", "remove", "7"], 4, "7"),
        ]
        for (arguments, status, named) in cases {
            let result = await ws.run(arguments: arguments)
            #expect(result.status == status, "\(arguments): \(result.errors)")
            #expect(result.errors.contains(named), "\(arguments): \(result.errors)")
        }
        // A room's unavailability is not removed as an interpreter's.
        #expect(
            await ws.run(
                "room", "unavailable", "add", "R-102", "--from", "2027-01-05", "--to", "2027-01-05", "--reason", "x"
            ).status == 0)
        #expect(await ws.run("interpreter", "unavailable", "remove", "1").status == 4)
        #expect(try jsonRows(await ws.run("room", "unavailable", "list", "--format", "json").output).count == 1)
        #expect(try ParcoursStore.open(at: ws.db).auditEntries(AuditQuery()).count == audit + 1)
    }
}
