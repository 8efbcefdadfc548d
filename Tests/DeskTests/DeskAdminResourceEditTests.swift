import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// Rooms and interpreters edited, taken out of service and put back from the desk: every bad
/// field shown next to itself as typed with nothing saved, the sessions ahead that need another
/// room or interpreter listed (a protected patient masked), markup shown as text, and no change
/// without the form's CSRF token.
@Suite struct DeskAdminResourceEditTests {
    @Test func aRoomIsEditedAndEachBadFieldIsShownNextToItselfAsTyped() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let page = try await root.get("/administration/salles/R-1")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<input id="nom" name="nom" type="text" maxlength="200" value="Salle Iris">"#))
            #expect(page.body.contains(#"name="equipement-individual" type="checkbox" value="1" checked>"#))
            let csrf = try #require(page.csrf)
            let bad = try await root.post(
                "/administration/salles/R-1", [("csrf", csrf), ("nom", ""), ("places", "deux")])
            #expect(bad.status == .unprocessableContent)
            for field in ["nom", "places", "equipements"] {
                #expect(bad.body.contains(#"<p id="\#(field)-erreur" class="error">"#), "\(field)")
            }
            #expect(bad.body.contains(#"value="deux""#))
            #expect(try fixture.store.room("R-1")?.name == "Salle Iris")
            let saved = try await root.post(
                "/administration/salles/R-1",
                [
                    ("csrf", csrf), ("nom", "Salle Iris (rénovée)"), ("places", "3"), ("equipement-individual", "1"),
                    ("equipement-accessible", "1"),
                ])
            #expect(saved.location == "/administration/salles/R-1?enregistre=1")
            let room = try #require(try fixture.store.room("R-1"))
            #expect(
                room.name == "Salle Iris (rénovée)" && room.capacity == 3
                    && room.features == [.individual, .accessible])
            #expect(room.active)
            #expect(
                try fixture.store.auditEntries(entityID: "R-1").last.map { ($0.action, $0.actor) } ?? ("", "") == (
                    "edit-room", "root"
                ))
            #expect(
                try await root.get("/administration/salles/R-1?enregistre=1").body.contains(
                    "Modifications enregistrées"))
        }
    }

    @Test func aDeactivatedRoomListsTheSessionsAheadThatNeedAnotherAndComesBack() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let before = try await root.get("/administration/salles/R-1")
            // A-MART, in a week, is ahead; today's sessions have begun. Its patient is protected.
            #expect(before.body.contains("A-MART") && !before.body.contains("A-ROUX"))
            #expect(!before.body.contains("P-PRTC"))
            #expect(before.body.contains(#"action="/administration/salles/R-1/desactiver""#))
            let done = try await root.post(
                "/administration/salles/R-1/desactiver", [("csrf", csrf), ("motif", "bureau rendu")])
            #expect(done.location == "/administration/salles/R-1?desactive=1&deplacees=0")
            #expect(try fixture.store.room("R-1")?.active == false)
            #expect(try fixture.store.appointment("A-MART")?.room == "R-1")
            let after = try await root.get(try #require(done.location))
            #expect(after.body.contains("Salle mise hors service"))
            #expect(after.body.contains("1 séance(s) à venir sont encore réservées ici"))
            #expect(after.body.contains(#"action="/administration/salles/R-1/reactiver""#))
            #expect(try await root.get("/administration/salles").body.contains("<td>inactif</td>"))
            let twice = try await root.post("/administration/salles/R-1/desactiver", [("csrf", csrf)])
            #expect(twice.status == .conflict)
            #expect(
                twice.body.contains("Elle est déjà hors service ; rien n&#39;a changé.")
                    && !twice.body.contains("already"))
            let back = try await root.post("/administration/salles/R-1/reactiver", [("csrf", csrf)])
            #expect(back.location == "/administration/salles/R-1?reactive=1")
            #expect(try fixture.store.room("R-1")?.active == true)
            #expect(
                try fixture.store.auditEntries(entityID: "R-1").suffix(2).map(\.action) == [
                    "deactivate-room", "reactivate-room",
                ])
            #expect(try fixture.store.auditEntries(entityID: "R-1").suffix(2).first?.reason == "bureau rendu")
        }
    }

    @Test func aDeactivationWhoseReplanCannotPlaceASessionChangesNothingAndSaysWhy() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            // A-MART's patient needs a Persian interpreter nobody is: it can go nowhere else.
            let page = try await root.post(
                "/administration/salles/R-1/desactiver",
                [("csrf", csrf), ("motif", "bureau rendu"), ("replanifier", "1")])
            #expect(page.status == .conflict)
            #expect(page.body.contains("Rien n&#39;a été changé : une séance à venir ne peut pas être replanifiée."))
            #expect(page.body.contains("ne peut être replanifiée ni avec son clinicien ni avec un collègue"))
            #expect(!page.body.contains("Cannot book") && !page.body.contains("cannot be replanned"))
            #expect(page.body.contains(#"name="replanifier" type="checkbox" value="1" checked>"#))
            #expect(page.body.contains(#"value="bureau rendu""#) && page.body.contains(#"value="Salle Iris""#))
            #expect(try fixture.store.room("R-1")?.active == true)
            #expect(try fixture.store.appointment("A-MART")?.room == "R-1")
        }
    }

    @Test func anInterpreterIsEditedDeactivatedAndTheirNameShownAsText() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let bad = try await root.post(
                "/administration/interpretes/I-HADDAD",
                [("csrf", csrf), ("nom", "Samir"), ("langues", "arabe!"), ("horaires", "lundi matin")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(#"<p id="langues-erreur" class="error">"#))
            #expect(bad.body.contains(#"<p id="horaires-erreur" class="error">"#))
            #expect(bad.body.contains(#"value="lundi matin""#))
            #expect(try fixture.store.interpreter("I-HADDAD")?.name == "Samir Haddad")
            let hostile = "<script>alert(1)</script>"
            let saved = try await root.post(
                "/administration/interpretes/I-HADDAD",
                [("csrf", csrf), ("nom", hostile), ("langues", "ar, fr"), ("horaires", "tue,thu 09:00-17:00")])
            #expect(saved.location == "/administration/interpretes/I-HADDAD?enregistre=1")
            #expect(try fixture.store.interpreter("I-HADDAD")?.languages == ["ar", "fr"])
            for path in ["/administration/interpretes", "/administration/interpretes/I-HADDAD"] {
                let page = try await root.get(path)
                #expect(!page.body.contains(hostile), "\(path)")
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
            let off = try await root.post("/administration/interpretes/I-HADDAD/desactiver", [("csrf", csrf)])
            #expect(off.location == "/administration/interpretes/I-HADDAD?desactive=1&deplacees=0")
            #expect(try fixture.store.interpreter("I-HADDAD")?.active == false)
            // A-ROUX, the only session with an interpreter, began this morning: nothing ahead.
            #expect(try await root.get(try #require(off.location)).body.contains("Aucune séance réservée à venir."))
        }
    }

    @Test func withoutItsTokenAnUnknownIdOrABadReasonNothingChanges() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let missing = try await root.post("/administration/salles/R-1/desactiver", [("motif", "x")])
            #expect(missing.status == .forbidden && missing.body.contains("Formulaire refusé"))
            let forged = try await root.post(
                "/administration/interpretes/I-HADDAD", [("csrf", "forged"), ("nom", "X"), ("langues", "fr")])
            #expect(forged.status == .forbidden)
            let csrf = try await root.csrf()
            #expect(try await root.get("/administration/salles/R-NONE").status == .notFound)
            #expect(try await root.get("/administration/interpretes/..%2Fx").status == .notFound)
            let badReason = try await root.post(
                "/administration/salles/R-1/desactiver", [("csrf", csrf), ("motif", "a\u{7}b")])
            #expect(badReason.status == .unprocessableContent)
            #expect(badReason.body.contains(#"<p id="motif-erreur" class="error">"#))
            #expect(try fixture.store.room("R-1")?.active == true)
            #expect(try fixture.store.interpreter("I-HADDAD")?.name == "Samir Haddad")
            #expect(try fixture.store.auditEntries(entityID: "R-1").map(\.action) == ["add-room"])
            #expect(try fixture.store.auditEntries(entityID: "I-HADDAD").map(\.action) == ["add-interpreter"])
        }
    }
}
