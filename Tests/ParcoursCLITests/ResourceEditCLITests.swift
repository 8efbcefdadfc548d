import CareModel
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// `room edit|deactivate|reactivate` and `interpreter edit|deactivate|reactivate` on a demo
/// centre: the record changed and listed, the sessions ahead that need another room named on
/// deactivation and by `doctor`, and bad input refused with the documented exit code and no change.
@Suite struct ResourceEditCLITests {
    @Test func aRoomIsEditedDeactivatedWithItsSessionsAheadListedAndReactivated() async throws {
        let ws = try await Workspace.demoCentre()
        let edited = await ws.run("room", "edit", "R-101", "--capacity", "4", "--name", "Bureau 101 (rénové)")
        #expect(edited.status == 0, "\(edited.errors)")
        #expect(edited.output.contains("Room R-101: Bureau 101 (rénové), 4 seats"), "\(edited.output)")
        let store = try ParcoursStore.open(at: ws.db)
        let ahead = try store.activeAppointments(from: Date(timeIntervalSince1970: 0), to: .distantFuture)
            .filter { $0.room == "R-101" && $0.status == .booked }
        #expect(!ahead.isEmpty)
        let off = await ws.run("room", "deactivate", "R-101", "--reason", "bureau rendu")
        #expect(off.status == 0, "\(off.errors)")
        #expect(off.output.contains("Deactivated room R-101: no new booking uses it."))
        #expect(off.output.contains("\(ahead.count) session\(ahead.count == 1 ? "" : "s") ahead still use it"))
        for session in ahead { #expect(off.output.contains(session.id.rawValue), "\(session.id)") }
        let listed = await ws.run("room", "list", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        let room = try #require(rows.first { $0["id"] as? String == "R-101" })
        #expect(room["active"] as? Bool == false && room["capacity"] as? Int == 4)
        let doctor = await ws.run("doctor")
        #expect(doctor.status == 1 && doctor.output.contains("inactive-resources"), "\(doctor.output)")
        let twice = await ws.run("room", "deactivate", "R-101")
        #expect(twice.status == 3 && twice.errors.contains("room R-101 is already inactive"), "\(twice.errors)")
        let back = await ws.run("room", "reactivate", "R-101")
        #expect(back.status == 0 && back.output.contains("Reactivated room R-101"))
        #expect(try store.room("R-101")?.active == true)
    }

    @Test func badInputNamesTheArgumentExitsAsDocumentedAndChangesNothing() async throws {
        let ws = try await Workspace.demoCentre()
        let store = try ParcoursStore.open(at: ws.db)
        let before = try store.rooms()
        let nothing = await ws.run("room", "edit", "R-101")
        #expect(nothing.status == 2 && nothing.errors.contains("nothing to change"), "\(nothing.errors)")
        let zero = await ws.run("room", "edit", "R-101", "--capacity", "0")
        #expect(zero.status == 2 && zero.errors.contains("--capacity"), "\(zero.errors)")
        let unknown = await ws.run("room", "deactivate", "R-NONE")
        #expect(unknown.status == 4, "\(unknown.errors)")
        let interpreter = try #require(try store.interpreters().first)
        let noLanguage = await ws.run("interpreter", "edit", interpreter.id.rawValue, "--languages", "")
        #expect(noLanguage.status == 2 && noLanguage.errors.contains("--languages"), "\(noLanguage.errors)")
        #expect(try store.rooms() == before)
        #expect(try store.interpreter(interpreter.id) == interpreter)
        let languages = await ws.run("interpreter", "edit", interpreter.id.rawValue, "--languages", "ar,fr,en")
        #expect(languages.status == 0, "\(languages.errors)")
        #expect(try store.interpreter(interpreter.id)?.languages == ["ar", "fr", "en"])
        let off = await ws.run("interpreter", "deactivate", interpreter.id.rawValue)
        #expect(off.status == 0 && off.output.contains("Deactivated interpreter \(interpreter.id)"), "\(off.errors)")
    }
}
