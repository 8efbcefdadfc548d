import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// A clinician's skills, languages and hours edited from the desk: each bad field shown next to
/// itself as typed with nothing saved, the sessions ahead outside the new hours listed (a
/// protected patient masked), markup shown as text, and no change without the form's CSRF token.
@Suite struct DeskAdminClinicianEditTests {
    @Test func aClinicianIsEditedAndEachBadFieldIsShownNextToItselfAsTyped() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            #expect(
                try await root.get("/administration/cliniciens").body.contains(
                    #"href="/administration/cliniciens/C-ROUX""#))
            let page = try await root.get("/administration/cliniciens/C-ROUX")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"name="horaires" type="text" value="mon-fri 09:00-17:00""#), "\(page.body)")
            #expect(page.body.contains(#"name="competence-emdr" type="checkbox" value="1" checked>"#))
            #expect(page.body.contains("Aucune séance à venir hors des horaires."))
            let csrf = try #require(page.csrf)
            let bad = try await root.post(
                "/administration/cliniciens/C-ROUX",
                [("csrf", csrf), ("nom", ""), ("role", "wizard"), ("langues", "arabe!"), ("horaires", "lundi matin")])
            #expect(bad.status == .unprocessableContent)
            for field in ["nom", "role", "langues", "horaires"] {
                #expect(bad.body.contains(#"<p id="\#(field)-erreur" class="error">"#), "\(field)")
            }
            #expect(bad.body.contains(#"value="lundi matin""#) && bad.body.contains(#"value="arabe!""#))
            #expect(try fixture.store.clinician("C-ROUX")?.hours.description == "mon-fri 09:00-17:00")
            let saved = try await root.post(
                "/administration/cliniciens/C-ROUX",
                [
                    ("csrf", csrf), ("nom", "Dr Hélène Roux"), ("role", "psychiatrist"), ("competence-emdr", "1"),
                    ("competence-tf-cbt", "1"), ("langues", "fr, ar"), ("horaires", "tue-fri 09:00-13:00"),
                ])
            #expect(saved.location == "/administration/cliniciens/C-ROUX?enregistre=1")
            let roux = try #require(try fixture.store.clinician("C-ROUX"))
            #expect(roux.skills == [.emdr, .tfCBT] && roux.languages == ["fr", "ar"])
            #expect(roux.hours.description == "tue-fri 09:00-13:00" && roux.active)
            #expect(
                try fixture.store.auditEntries(entityID: "C-ROUX").last.map { ($0.action, $0.actor) } ?? ("", "") == (
                    "edit-clinician", "root"
                ))
            #expect(
                try await root.get("/administration/cliniciens/C-ROUX?enregistre=1").body.contains(
                    "Modifications enregistrées"))
        }
    }

    @Test func newHoursListTheSessionsAheadOutsideThemAndMaskAProtectedPatient() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            // A-MART, in a week at 14:00 Paris, with a protected patient; 08:00-09:00 leaves it out.
            let saved = try await root.post(
                "/administration/cliniciens/C-MARTIN",
                [
                    ("csrf", csrf), ("nom", "<script>alert(1)</script>"), ("role", "psychologist"),
                    ("langues", "fr"), ("horaires", "mon-fri 08:00-09:00"),
                ])
            #expect(saved.location == "/administration/cliniciens/C-MARTIN?enregistre=1")
            #expect(try fixture.store.appointment("A-MART")?.clinicians == ["C-MARTIN"])
            let after = try await root.get("/administration/cliniciens/C-MARTIN")
            #expect(after.body.contains("A-MART") && !after.body.contains("P-PRTC"))
            #expect(after.body.contains("1 séance(s) réservée(s) hors des horaires"))
            #expect(
                after.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !after.body.contains("<script>alert"))
        }
    }

    @Test func withoutItsTokenOrForAnUnknownClinicianNothingChanges() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let missing = try await root.post(
                "/administration/cliniciens/C-ROUX", [("nom", "X"), ("langues", "fr"), ("horaires", "mon 09:00-10:00")])
            #expect(missing.status == .forbidden)
            let forged = try await root.post(
                "/administration/cliniciens/C-ROUX",
                [
                    ("csrf", "forged"), ("nom", "X"), ("role", "psychiatrist"), ("langues", "fr"),
                    ("horaires", "mon 09:00-10:00"),
                ])
            #expect(forged.status == .forbidden)
            #expect(try await root.get("/administration/cliniciens/C-NONE").status == .notFound)
            #expect(try await root.get("/administration/cliniciens/..%2Fx").status == .notFound)
            #expect(try fixture.store.clinician("C-ROUX")?.name == "Dr Hélène Roux")
            #expect(try fixture.store.auditEntries(entityID: "C-ROUX").map(\.action) == ["add-clinician"])
        }
    }
}
