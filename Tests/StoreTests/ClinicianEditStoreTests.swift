import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// A clinician edited on a real SQLite file: name, role, skills, languages and hours replaced with
/// one `edit-clinician` audit row (before and after), the `active` flag and the caps left alone, and
/// a refusal (unknown id, no language) that saves nothing.
@Suite struct ClinicianEditStoreTests {
    @Test func aClinicianEditReplacesSkillsLanguagesAndHoursWithItsAuditRow() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, caps: WorkloadCaps(sessionsPerDay: 6), actor: Fixtures.secretary)
            var edited = Fixtures.roux
            edited.skills = [.emdr, .narrativeExposure]
            edited.languages = ["fr", "ar"]
            edited.hours = Fixtures.hours("tue-fri 09:00-13:00")
            try store.updateClinician(edited, actor: Fixtures.secretary, reason: "passe au mardi")
            #expect(try store.clinician("C-ROUX") == edited)
            #expect(try store.caps(of: "C-ROUX") == WorkloadCaps(sessionsPerDay: 6))
            let entry = try #require(try store.auditEntries(entityID: "C-ROUX").last)
            #expect(entry.action == "edit-clinician" && entry.reason == "passe au mardi")
            #expect(entry.before?.contains("\"en\"") == true && entry.before?.contains("\"ar\"") == false)
            #expect(entry.after?.contains("\"ar\"") == true && entry.after?.contains("\"en\"") == false)
        }
    }

    @Test func anEditKeepsAnInactiveClinicianInactive() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.benali, actor: Fixtures.secretary)
            var edited = Fixtures.benali
            edited.active = true
            edited.hours = Fixtures.hours("mon 09:00-12:00")
            try store.updateClinician(edited, actor: Fixtures.secretary)
            let stored = try #require(try store.clinician("C-BENALI"))
            #expect(stored.hours == Fixtures.hours("mon 09:00-12:00") && !stored.active)
        }
    }

    @Test func anEditOfAnUnknownClinicianOrWithNoLanguageSavesNothing() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            let audit = try store.stringsForTesting("SELECT count(*) FROM audit")
            var stranger = Fixtures.roux
            stranger.id = "C-NOBODY"
            #expect(throws: StoreError.notFound(kind: "clinician", id: "C-NOBODY")) {
                try store.updateClinician(stranger, actor: Fixtures.secretary)
            }
            var silent = Fixtures.roux
            silent.languages = []
            silent.hours = Fixtures.hours("mon 09:00-10:00")
            #expect(throws: StoreError.self) { try store.updateClinician(silent, actor: Fixtures.secretary) }
            #expect(try store.clinician("C-ROUX") == Fixtures.roux)
            #expect(try store.stringsForTesting("SELECT count(*) FROM audit") == audit)
        }
    }

    @Test func capsGivenWithAnEditChangeWithItOrNotAtAll() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            var edited = Fixtures.roux
            edited.hours = Fixtures.hours("mon 09:00-12:00")
            #expect(throws: StoreError.self) {
                try store.updateClinician(edited, caps: WorkloadCaps(sessionsPerDay: 0), actor: Fixtures.secretary)
            }
            #expect(try store.clinician("C-ROUX") == Fixtures.roux)
            try store.updateClinician(edited, caps: WorkloadCaps(hoursPerWeek: 20), actor: Fixtures.secretary)
            #expect(try store.clinician("C-ROUX") == edited)
            #expect(try store.caps(of: "C-ROUX") == WorkloadCaps(hoursPerWeek: 20))
            #expect(
                try store.auditEntries(entityID: "C-ROUX").suffix(2).map(\.action) == [
                    "edit-clinician", "set-clinician-caps",
                ])
        }
    }
}
