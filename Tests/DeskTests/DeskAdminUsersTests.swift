import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// *Administration › Utilisateurs*: the administrator adds, disables and resets accounts through
/// the same `Accounts` service as `parcours user`, every change audited under their name.
@Suite struct DeskAdminUsersTests {
    @Test func anAdministratorAddsAClinicianAccountAndSeesItsPasswordOnce() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let list = try await root.get("/administration/utilisateurs")
            #expect(list.status == .ok)
            #expect(list.body.contains("<th scope=\"row\">marie</th>"))
            #expect(list.body.contains(#"<label for="nom">Nom du compte</label>"#))
            let csrf = try #require(list.csrf)
            let added = try await root.post(
                "/administration/utilisateurs",
                [("csrf", csrf), ("nom", "anne"), ("role", "clinician"), ("clinicien", "C-MARTIN")])
            #expect(added.status == .ok)
            let user = try #require(try fixture.store.deskUsers().first { $0.name == "anne" })
            #expect(user.role == .clinician && user.clinician == "C-MARTIN" && user.passwordIsTemporary)
            // The one-time password is on this answer, and it signs in.
            let password = try #require(
                added.body.firstMatch(of: /<code>([^<]+)<\/code>/).map { String($0.output.1) })
            #expect(added.body.contains("affiché une seule fois"))
            let anne = Browser(client, address: "192.0.2.20")
            #expect(try await anne.signIn("anne", password: password).location == "/")
            // Shown once: the list does not show it again.
            #expect(!(try await root.get("/administration/utilisateurs")).body.contains(password))
            let audit = try fixture.store.auditEntries().filter { $0.action == "add-desk-user" }
            #expect(audit.last?.actor == "root")
        }
    }

    @Test func aBadNameRoleOrClinicianIsShownNextToItsFieldAndNothingIsSaved() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let before = try fixture.store.deskUsers()
            let badName = try await root.post(
                "/administration/utilisateurs", [("csrf", csrf), ("nom", "an ne<"), ("role", "secretary")])
            #expect(badName.status == .unprocessableContent)
            #expect(badName.body.contains(#"<p id="nom-erreur" class="error">"#))
            #expect(badName.body.contains(#"value="an ne&lt;""#))
            let taken = try await root.post(
                "/administration/utilisateurs", [("csrf", csrf), ("nom", "marie"), ("role", "secretary")])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.body.contains("Ce nom de compte existe déjà."))
            let noClinician = try await root.post(
                "/administration/utilisateurs", [("csrf", csrf), ("nom", "anne"), ("role", "clinician")])
            #expect(noClinician.status == .unprocessableContent)
            #expect(noClinician.body.contains(#"<p id="clinicien-erreur" class="error">"#))
            #expect(noClinician.body.contains(#"<option value="clinician" selected>"#))
            let badRole = try await root.post(
                "/administration/utilisateurs", [("csrf", csrf), ("nom", "anne"), ("role", "superuser")])
            #expect(badRole.status == .unprocessableContent)
            #expect(badRole.body.contains(#"<p id="role-erreur" class="error">"#))
            #expect(try fixture.store.deskUsers() == before)
        }
    }

    @Test func disablingAnAccountEndsItsSessionsAndResettingGivesANewOneTimePassword() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client, address: "192.0.2.30")
            try await marie.signIn("marie")
            #expect(try await marie.get("/aujourdhui").status == .ok)
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let reset = try await root.post("/administration/utilisateurs/marie/mot-de-passe", [("csrf", csrf)])
            #expect(reset.status == .ok)
            let password = try #require(
                reset.body.firstMatch(of: /<code>([^<]+)<\/code>/).map { String($0.output.1) })
            // Signed out everywhere; the new password signs in (and asks for a new one).
            #expect(try await marie.get("/aujourdhui").status == .seeOther)
            #expect(try await marie.signIn("marie", password: password).status == .seeOther)
            let disabled = try await root.post("/administration/utilisateurs/marie/desactiver", [("csrf", csrf)])
            #expect(disabled.location == "/administration/utilisateurs?desactive=marie")
            #expect(try fixture.store.deskUsers().first { $0.name == "marie" }?.disabled == true)
            #expect(try fixture.store.deskSessionCount("marie") == 0)
            let actions = try fixture.store.auditEntries().filter { $0.actor == "root" }.map(\.action)
            #expect(actions.contains("disable-desk-user"))
            // Never one's own account; an unknown one is 404.
            let own = try await root.post("/administration/utilisateurs/root/desactiver", [("csrf", csrf)])
            #expect(own.status == .conflict)
            #expect(try fixture.store.deskUsers().first { $0.name == "root" }?.disabled == false)
            #expect(
                try await root.post("/administration/utilisateurs/nobody/desactiver", [("csrf", csrf)]).status
                    == .notFound)
        }
    }

    @Test func aFormWithoutItsTokenOrFromAnotherRoleChangesNothing() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let noToken = try await root.post("/administration/utilisateurs", [("nom", "anne"), ("role", "admin")])
            #expect(noToken.status == .forbidden)
            #expect(
                try await root.post("/administration/utilisateurs/marie/desactiver", []).status == .forbidden)
            for account in ["marie", "helene", "claire"] {
                let browser = Browser(client, address: "192.0.2.40")
                try await browser.signIn(account)
                let csrf = try await browser.csrf()
                #expect(try await browser.get("/administration/utilisateurs").status == .forbidden, "\(account)")
                let post = try await browser.post(
                    "/administration/utilisateurs", [("csrf", csrf), ("nom", "anne"), ("role", "admin")])
                #expect(post.status == .forbidden, "\(account)")
            }
            #expect(try fixture.store.deskUsers().count == 5)
            #expect(try fixture.store.deskUsers().allSatisfy { !$0.disabled })
        }
    }
}
