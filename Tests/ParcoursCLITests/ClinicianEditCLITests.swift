import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@testable import ParcoursCLI

/// `clinician edit --name --role --skills --languages --hours`: each option replaces its field,
/// read with `clinician add`'s rules and words; new hours list the sessions ahead they leave out.
@Suite struct ClinicianEditCLITests {
    @Test func editReplacesSkillsLanguagesAndHoursAndShowPrintsThem() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(
            await ws.run(
                "clinician", "add", "C-NEW", "--name", "Dr New", "--role", "psychologist", "--skills", "emdr",
                "--hours", "mon-fri 09:00-17:00", "--max-sessions-per-day", "6"
            ).status == 0)
        let edit = await ws.run(
            "clinician", "edit", "C-NEW", "--name", "Dr Nouvelle", "--skills", "emdr,tf-cbt", "--languages", "fr,ar",
            "--hours", "tue-fri 09:00-13:00", "--max-therapy-hours-per-week", "16", "--reason", "passe au mardi")
        #expect(edit.status == 0, "\(edit.errors)")
        #expect(edit.output.contains("Updated clinician C-NEW (psychologist)"), "\(edit.output)")
        #expect(!edit.output.contains("outside the new hours"))
        let show = await ws.run("clinician", "show", "C-NEW").output
        #expect(show.contains("C-NEW  Dr Nouvelle"), "\(show)")
        #expect(show.contains("skills     emdr,tf-cbt") && show.contains("languages  ar,fr"), "\(show)")
        #expect(show.contains("hours      tue-fri 09:00-13:00"), "\(show)")
        #expect(show.contains("caps       6 sessions a day, 16h a week"), "\(show)")
        let audit = try ParcoursStore.open(at: ws.db).auditEntries(entityID: "C-NEW")
        #expect(audit.suffix(2).map(\.action) == ["edit-clinician", "set-clinician-caps"])
        #expect(audit.suffix(2).allSatisfy { $0.reason == "passe au mardi" })
    }

    @Test func badHoursLanguagesOrSkillsExitTwoWithAddsWordsAndChangeNothing() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let base = ["--name", "Dr New", "--role", "psychologist"]
        #expect(
            await ws.run(arguments: ["clinician", "add", "C-NEW"] + base + ["--hours", "mon 09:00-12:00"]).status == 0)
        let before = await ws.run("clinician", "show", "C-NEW").output
        for bad in [["--hours", "mon 12:00-09:00"], ["--languages", "fr,klingon"], ["--skills", "emdr,hypnosis"]] {
            let add = await ws.run(
                arguments: ["clinician", "add", "C-OTHER"] + base + ["--hours", "mon 09:00-12:00"] + bad)
            let edit = await ws.run(arguments: ["clinician", "edit", "C-NEW"] + bad)
            #expect(edit.status == 2 && add.status == 2, "\(bad): \(edit.errors)")
            #expect(edit.errors.contains(bad[0]), "\(edit.errors)")
            let addWords = add.errors.split(separator: "\n").first { $0.contains(bad[0]) }
            #expect(addWords != nil && addWords == edit.errors.split(separator: "\n").first { $0.contains(bad[0]) })
        }
        #expect(await ws.run("clinician", "show", "C-NEW").output == before)
        #expect(await ws.run("clinician", "edit", "C-NOBODY", "--hours", "mon 09:00-12:00").status == 4)
        let nothing = await ws.run("clinician", "edit", "C-NEW")
        #expect(nothing.status == 2 && nothing.errors.contains("--hours"))
    }

    @Test func newHoursListEverySessionAheadTheyLeaveOutAndDoctorFlagsThem() async throws {
        let ws = try await Workspace.demoCentre()
        let store = try ParcoursStore.open(at: ws.db)
        // The clinician with the most sessions booked from noon on 2026-11-26 (the tests' now).
        let busiest = try #require(
            try store.stringsForTesting(
                """
                SELECT ac.clinician || ' ' || COUNT(*) FROM appointment a JOIN appointment_clinician ac
                ON ac.appointment = a.id WHERE a.status = 'booked' AND a.start_utc >= '2026-11-26T11:00:00Z'
                GROUP BY ac.clinician ORDER BY COUNT(*) DESC, ac.clinician LIMIT 1
                """
            ).first)
        let parts = busiest.split(separator: " ")
        let clinician = String(parts[0])
        let count = try #require(Int(parts[1]))
        try #require(count >= 2)
        let ids = try store.stringsForTesting(
            """
            SELECT a.id FROM appointment a JOIN appointment_clinician ac ON ac.appointment = a.id
            WHERE a.status = 'booked' AND a.start_utc >= '2026-11-26T11:00:00Z' AND ac.clinician = '\(clinician)'
            """)
        let edit = await ws.run("clinician", "edit", clinician, "--hours", "sat 07:00-08:00")
        #expect(edit.status == 0, "\(edit.errors)")
        #expect(edit.output.contains("\(count) sessions booked ahead fall outside the new hours"), "\(edit.output)")
        for id in ids { #expect(edit.output.contains(id), "\(id) not listed") }
        let doctor = await ws.run("doctor")
        #expect(doctor.output.contains("clinician-outside-hours"), "\(doctor.output)")
    }

    /// An address-protected patient's session is listed by id and time, never by code.
    @Test func aSessionOutsideTheNewHoursWithAProtectedPatientMasksTheCode() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral("--address-protected")
        let first = try #require(ids.first)
        let session = try #require(try ParcoursStore.open(at: ws.db).appointment(AppointmentID(first)))
        let clinician = try #require(session.clinicians.first).rawValue
        let edit = await ws.run("clinician", "edit", clinician, "--hours", "sat 07:00-08:00")
        #expect(edit.status == 0, "\(edit.errors)")
        let line = try #require(edit.output.split(separator: "\n").first { $0.contains(first) })
        #expect(line.contains("protected") && !edit.output.contains(code), "\(edit.output)")
    }
}
