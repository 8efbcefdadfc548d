import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// *Salles et interprètes indisponibles*, the front desk's page beside the clinicians' absences:
/// a room out of use recorded with the sessions it hits listed, every bad field shown next to
/// itself as typed with nothing saved, a replan that cannot place a session recording nothing
/// (said in French), markup shown as text, and the record removed again.
@Suite struct DeskResourceAbsencesTests {
    @Test func aSecretaryRecordsARoomOutOfUseSeesTheSessionsItHitsAndRemovesIt() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let empty = try await marie.get("/absences/ressources")
            #expect(empty.status == .ok)
            #expect(empty.body.contains(#"<option value="s:R-1">Salle Salle Iris (R-1)</option>"#))
            #expect(empty.body.contains(#"<option value="i:I-HADDAD">Interprète Samir Haddad (I-HADDAD)</option>"#))
            #expect(try await marie.get("/absences").body.contains(#"<a href="/absences/ressources">"#))
            let csrf = try #require(empty.csrf)
            let hostile = "<script>alert(1)</script>"
            let saved = try await marie.post(
                "/absences/ressources",
                [
                    ("csrf", csrf), ("ressource", "s:R-1"), ("du", "2026-12-03"), ("au", "2026-12-03"),
                    ("motif", hostile),
                ])
            #expect(saved.location == "/absences/ressources?enregistree=1&deplacees=0")
            let records = try fixture.store.unavailabilities()
            #expect(records.map(\.resource) == [.room("R-1")] && records.first?.reason == hostile)
            // Recording moves nothing: A-MART (3 December, R-1) is listed as hit, still in R-1.
            #expect(try fixture.store.appointment("A-MART")?.room == "R-1")
            let page = try await marie.get(try #require(saved.location))
            #expect(page.body.contains(#"<a href="/seances/A-MART">A-MART</a>"#))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains(hostile))
            let number = try #require(records.first?.id)
            let removed = try await marie.post("/absences/ressources/\(number)/retirer", [("csrf", csrf)])
            #expect(removed.location == "/absences/ressources?retiree=1")
            #expect(try fixture.store.unavailabilities().isEmpty)
            #expect(
                try await marie.post("/absences/ressources/\(number)/retirer", [("csrf", csrf)]).status == .notFound)
        }
    }

    @Test func eachBadFieldIsShownNextToItselfAsTypedAndNothingIsSaved() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let bad = try await marie.post(
                "/absences/ressources",
                [("csrf", csrf), ("ressource", "s:R-NONE"), ("du", "demain"), ("au", "2031-01-01"), ("motif", "")])
            #expect(bad.status == .unprocessableContent)
            for field in ["ressource", "du", "au", "motif"] {
                #expect(bad.body.contains(#"<p id="\#(field)-erreur" class="error">"#), "\(field)")
            }
            #expect(bad.body.contains(#"value="demain""#))
            let past = try await marie.post(
                "/absences/ressources",
                [
                    ("csrf", csrf), ("ressource", "i:I-HADDAD"), ("du", "2026-11-20"), ("au", "2026-11-21"),
                    ("motif", "congés"),
                ])
            #expect(past.status == .unprocessableContent)
            #expect(past.body.contains("La fin doit venir après le début et après maintenant."))
            #expect(try fixture.store.unavailabilities().isEmpty)
        }
    }

    @Test func aReplanThatCannotPlaceEverySessionRecordsNothingAndSaysWhyInFrench() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            // R-1 is the only room, and A-MART's patient needs a Persian interpreter nobody is.
            let page = try await marie.post(
                "/absences/ressources",
                [
                    ("csrf", csrf), ("ressource", "s:R-1"), ("du", "2026-12-03"), ("au", "2026-12-03"),
                    ("motif", "dégât des eaux"), ("replanifier", "1"),
                ])
            #expect(page.status == .conflict)
            #expect(page.body.contains("ne peut être replanifiée"), "\(page.body)")
            for words in ["Cannot book", "cannot be replanned", "searched"] { #expect(!page.body.contains(words)) }
            #expect(page.body.contains(#"value="dégât des eaux""#))
            #expect(try fixture.store.unavailabilities().isEmpty)
            #expect(try fixture.store.appointment("A-MART")?.room == "R-1")
        }
    }
}
