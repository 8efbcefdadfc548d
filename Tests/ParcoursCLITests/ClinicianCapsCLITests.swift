import Foundation
import Store
import StoreTesting
import Testing

@testable import ParcoursCLI

/// `clinician add/edit --max-sessions-per-day --max-therapy-hours-per-week`, and `doctor`
/// reporting a day over a cap set after the sessions were booked.
@Suite struct ClinicianCapsCLITests {
    @Test func badCapValuesExitTwoNamingTheOptionAndChangeNothing() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let add = await ws.run(
            "clinician", "add", "C-NEW", "--name", "Dr New", "--role", "psychologist", "--hours", "mon-fri 09:00-17:00",
            "--max-sessions-per-day", "0")
        #expect(add.status == 2)
        #expect(add.errors.contains("--max-sessions-per-day"))
        #expect(await ws.run("clinician", "show", "C-NEW").status == 4)

        #expect(
            await ws.run(
                "clinician", "add", "C-NEW", "--name", "Dr New", "--role", "psychologist", "--hours",
                "mon-fri 09:00-17:00", "--max-sessions-per-day", "6"
            ).status == 0)
        let edit = await ws.run("clinician", "edit", "C-NEW", "--max-therapy-hours-per-week", "500")
        #expect(edit.status == 2)
        #expect(edit.errors.contains("--max-therapy-hours-per-week"))
        let show = await ws.run("clinician", "show", "C-NEW")
        let caps = show.output.split(separator: "\n").first { $0.hasPrefix("  caps") }
        #expect(caps == "  caps       6 sessions a day", "\(show.output)")
    }

    @Test func editSetsAndClearsCapsAndShowPrintsThem() async throws {
        let ws = try Workspace()
        #expect(await ws.run("demo", "--patients", "20").status == 0)
        let edit = await ws.run(
            "clinician", "edit", "C-ROUX", "--max-sessions-per-day", "6", "--max-therapy-hours-per-week", "24",
            "--reason", "trauma therapy is draining")
        #expect(edit.status == 0, "\(edit.errors)")
        #expect(edit.output.contains("6 sessions a day, 24h a week"))
        #expect(await ws.run("clinician", "show", "C-ROUX").output.contains("caps       6 sessions a day, 24h a week"))
        #expect(await ws.run("clinician", "edit", "C-ROUX", "--no-caps").status == 0)
        #expect(await ws.run("clinician", "show", "C-ROUX").output.contains("caps       none"))
        #expect(await ws.run("clinician", "edit", "C-NOBODY", "--max-sessions-per-day", "6").status == 4)
    }

    @Test func doctorReportsADayOverACapSetAfterBooking() async throws {
        let ws = try Workspace()
        #expect(await ws.run("demo", "--patients", "20").status == 0)
        let store = try ParcoursStore.open(at: ws.db)
        // The clinician with the busiest day, capped one session under it.
        let busiest = try #require(
            try store.stringsForTesting(
                """
                SELECT ac.clinician || ' ' || COUNT(*) FROM appointment a JOIN appointment_clinician ac
                ON ac.appointment = a.id WHERE a.status = 'booked'
                GROUP BY ac.clinician, substr(a.start_utc, 1, 10) ORDER BY COUNT(*) DESC, ac.clinician LIMIT 1
                """
            ).first)
        let parts = busiest.split(separator: " ")
        let clinician = String(parts[0])
        let count = try #require(Int(parts[1]))
        try #require(count >= 2)
        #expect(
            await ws.run("clinician", "edit", clinician, "--max-sessions-per-day", String(count - 1)).status == 0)
        let doctor = await ws.run("doctor")
        #expect(doctor.status != 0)
        #expect(doctor.output.contains("clinician-daily-cap"), "\(doctor.output)")
    }
}
