import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// *Administration › Cliniciens*: add with skills, languages, hours and caps, change the caps,
/// and a departure that lists the sessions still booked before anything changes.
@Suite struct DeskAdminCliniciansTests {
    @Test func anAdministratorAddsAClinicianWithCapsAuditedUnderTheirName() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let page = try await root.get("/administration/cliniciens")
            #expect(page.status == .ok)
            #expect(
                page.body.contains(
                    "<th scope=\"row\"><a href=\"/administration/cliniciens/C-ROUX\">C-ROUX</a></th><td>Dr Hélène Roux</td><td>psychiatre</td>"
                ))
            let csrf = try #require(page.csrf)
            let added = try await root.post(
                "/administration/cliniciens",
                [
                    ("csrf", csrf), ("id", "C-NOUR"), ("nom", " Nour Haddad "), ("role", "psychologist"),
                    ("competence-emdr", "1"), ("competence-tf-cbt", "1"), ("langues", "fr, ar"),
                    ("horaires", "mon-thu 09:00-17:00"), ("max_jour", "6"), ("max_semaine", ""),
                ])
            #expect(added.location == "/administration/cliniciens?ajoute=C-NOUR")
            let nour = try #require(try fixture.store.clinician("C-NOUR"))
            #expect(nour.name == "Nour Haddad" && nour.role == .psychologist && nour.skills == [.emdr, .tfCBT])
            #expect(nour.languages == ["fr", "ar"] && nour.hours.weeklyMinutes == 4 * 8 * 60)
            #expect(try fixture.store.caps(of: "C-NOUR") == WorkloadCaps(sessionsPerDay: 6))
            let audit = try fixture.store.auditEntries(entityID: "C-NOUR")
            #expect(audit.map(\.action) == ["add-clinician", "set-clinician-caps"])
            #expect(audit.allSatisfy { $0.actor == "root" })
        }
    }

    @Test func eachBadFieldIsNamedNextToItselfAsTypedAndNothingIsSaved() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let page = try await root.post(
                "/administration/cliniciens",
                [
                    ("csrf", csrf), ("id", "C-ROUX"), ("nom", "Anne\u{1B}[31m"), ("role", "wizard"),
                    ("langues", "fr, klingon"), ("horaires", "lundi 9h"), ("max_jour", "200"),
                    ("max_semaine", "x"),
                ])
            #expect(page.status == .unprocessableContent)
            for field in ["id", "nom", "role", "langues", "horaires", "max_jour", "max_semaine"] {
                #expect(page.body.contains(#"<p id="\#(field)-erreur" class="error">"#), "\(field)")
            }
            #expect(page.body.contains("Cet identifiant est déjà pris."))
            #expect(page.body.contains(#"value="fr, klingon""#))
            #expect(try fixture.store.clinicians().count == 2)
        }
    }

    @Test func capsAreChangedAndRemovedAsClinicianEditDoes() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let set = try await root.post(
                "/administration/cliniciens/C-ROUX/plafonds",
                [("csrf", csrf), ("max_jour", "5"), ("max_semaine", "20")])
            #expect(set.location == "/administration/cliniciens?plafonds=C-ROUX")
            #expect(try fixture.store.caps(of: "C-ROUX") == WorkloadCaps(sessionsPerDay: 5, hoursPerWeek: 20))
            let bad = try await root.post(
                "/administration/cliniciens/C-ROUX/plafonds", [("csrf", csrf), ("max_jour", "0"), ("max_semaine", "")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(#"<p id="jour-C-ROUX-erreur" class="error">"#))
            #expect(try fixture.store.caps(of: "C-ROUX") == WorkloadCaps(sessionsPerDay: 5, hoursPerWeek: 20))
            let cleared = try await root.post(
                "/administration/cliniciens/C-ROUX/plafonds", [("csrf", csrf), ("max_jour", ""), ("max_semaine", "")])
            #expect(cleared.status == .seeOther)
            #expect(try fixture.store.caps(of: "C-ROUX").isEmpty)
        }
    }

    @Test func aDepartureListsTheSessionsAheadThenDeactivatesAndRevokesTheFeeds() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let page = try await root.get("/administration/cliniciens/C-MARTIN/desactivation")
            #expect(page.status == .ok)
            // Paul Martin's session in a week, for an address-protected patient: masked to an admin.
            #expect(page.body.contains("<td>A-MART</td>"))
            #expect(!page.body.contains("P-PRTC"))
            #expect(page.body.contains("1 séance(s) réservée(s)"))
            let csrf = try #require(page.csrf)
            try fixture.store.createFeedToken(
                scope: .clinician("C-MARTIN"), sha256: Array(repeating: 7, count: 32), actor: DeskFixture.secretary)
            let done = try await root.post(
                "/administration/cliniciens/C-MARTIN/desactivation", [("csrf", csrf), ("motif", "départ")])
            #expect(done.location == "/administration/cliniciens?desactive=C-MARTIN&deplacees=0")
            #expect(try fixture.store.clinician("C-MARTIN")?.active == false)
            #expect(try fixture.store.feedTokens().filter(\.isActive).isEmpty)
            let audit = try fixture.store.auditEntries(entityID: "C-MARTIN").last {
                $0.action == "deactivate-clinician"
            }
            #expect(audit?.actor == "root" && audit?.reason == "départ")
            let again = try await root.post(
                "/administration/cliniciens/C-MARTIN/desactivation", [("csrf", csrf), ("motif", "")])
            #expect(again.status == .conflict)
        }
    }

    @Test func otherRolesAndFormsWithoutTheTokenAreRefused() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let noToken = try await root.post("/administration/cliniciens/C-ROUX/desactivation", [("motif", "x")])
            #expect(noToken.status == .forbidden)
            for account in ["marie", "helene", "claire"] {
                let browser = Browser(client, address: "192.0.2.40")
                try await browser.signIn(account)
                let csrf = try await browser.csrf()
                #expect(try await browser.get("/administration/cliniciens").status == .forbidden, "\(account)")
                let post = try await browser.post(
                    "/administration/cliniciens/C-ROUX/desactivation", [("csrf", csrf), ("motif", "x")])
                #expect(post.status == .forbidden, "\(account)")
            }
            #expect(try fixture.store.clinicians().allSatisfy(\.active))
        }
    }
}
