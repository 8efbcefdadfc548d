import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// *Administration*: rooms, interpreters, closed days, backups and the care tracks, each through
/// the Store service the CLI calls, audited under the administrator's name.
@Suite struct DeskAdminCentreTests {
    @Test func roomsAndInterpretersAreAddedWithBadFieldsNamed() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let rooms = try await root.get("/administration/salles")
            #expect(
                rooms.body.contains(
                    #"<th scope="row"><a href="/administration/salles/R-1">R-1</a></th><td>Salle Iris</td><td>2</td><td>individuelle</td><td>actif</td>"#
                ))
            let csrf = try #require(rooms.csrf)
            let bad = try await root.post(
                "/administration/salles", [("csrf", csrf), ("id", "../x"), ("nom", ""), ("places", "0")])
            #expect(bad.status == .unprocessableContent)
            for field in ["id", "nom", "places", "equipements"] {
                #expect(bad.body.contains(#"<p id="\#(field)-erreur" class="error">"#), "\(field)")
            }
            let room = try await root.post(
                "/administration/salles",
                [
                    ("csrf", csrf), ("id", "R-GROUPE"), ("nom", "Salle de groupe"), ("places", "12"),
                    ("equipement-group", "1"), ("equipement-accessible", "1"),
                ])
            #expect(room.location == "/administration/salles?ajoute=R-GROUPE")
            #expect(try fixture.store.room("R-GROUPE")?.features == [.group, .accessible])
            let badInterpreter = try await root.post(
                "/administration/interpretes",
                [
                    ("csrf", csrf), ("id", "I-HADDAD"), ("nom", "Samir"), ("langues", ""),
                    ("horaires", "tue 09:00-17:00"),
                ])
            #expect(badInterpreter.status == .unprocessableContent)
            #expect(badInterpreter.body.contains(#"<p id="id-erreur" class="error">"#))
            #expect(badInterpreter.body.contains(#"<p id="langues-erreur" class="error">"#))
            let interpreter = try await root.post(
                "/administration/interpretes",
                [
                    ("csrf", csrf), ("id", "I-KARIMI"), ("nom", "Leila Karimi"), ("langues", "fa, ps"),
                    ("horaires", "tue,thu 09:00-17:00"),
                ])
            #expect(interpreter.status == .seeOther)
            #expect(try fixture.store.interpreter("I-KARIMI")?.languages == ["fa", "ps"])
            let actors = try fixture.store.auditEntries().filter {
                ["add-room", "add-interpreter"].contains($0.action)
            }
            #expect(actors.suffix(2).map(\.actor) == ["root", "root"])
        }
    }

    @Test func aNameWithMarkupIsShownAsTextOnEveryAdminList() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let hostile = "<script>alert(1)</script>"
            try await root.post(
                "/administration/salles",
                [("csrf", csrf), ("id", "R-X"), ("nom", hostile), ("places", "1"), ("equipement-individual", "1")])
            try await root.post(
                "/administration/jours-fermes", [("csrf", csrf), ("jour", "2026-12-24"), ("libelle", hostile)])
            #expect(try fixture.store.room("R-X")?.name == hostile)
            for path in ["/administration/salles", "/administration/jours-fermes"] {
                let page = try await root.get(path)
                #expect(!page.body.contains(hostile), "\(path)")
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
        }
    }

    @Test func aClosedDayIsAddedListedAndReopened() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let closed = try await root.post(
                "/administration/jours-fermes", [("csrf", csrf), ("jour", "24/12/2026"), ("libelle", "Veille de Noël")])
            #expect(closed.location == "/administration/jours-fermes?ferme=2026-12-24")
            let day = try #require(LocalDate(parsing: "2026-12-24"))
            #expect(try fixture.store.closedDays() == [ClosedDay(date: day, label: "Veille de Noël")])
            let page = try await root.get(try #require(closed.location))
            #expect(page.body.contains("Veille de Noël"))
            #expect(page.body.contains(#"action="/administration/jours-fermes/2026-12-24/retirer""#))
            let twice = try await root.post("/administration/jours-fermes", [("csrf", csrf), ("jour", "2026-12-24")])
            #expect(twice.location == "/administration/jours-fermes?deja=2026-12-24")
            let reopened = try await root.post("/administration/jours-fermes/2026-12-24/retirer", [("csrf", csrf)])
            #expect(reopened.location == "/administration/jours-fermes?rouvert=2026-12-24")
            #expect(try fixture.store.closedDays().isEmpty)
            let audit = try fixture.store.auditEntries(entityID: "2026-12-24")
            #expect(audit.map(\.action) == ["add-closed-day", "remove-closed-day"])
            #expect(audit.allSatisfy { $0.actor == "root" })
        }
    }

    @Test func aBadOrFarDayIsNamedNextToItsField() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let bad = try await root.post(
                "/administration/jours-fermes", [("csrf", csrf), ("jour", "2026-02-30"), ("libelle", "x")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains(#"<p id="jour-erreur" class="error">"#))
            #expect(bad.body.contains(#"value="2026-02-30""#))
            let far = try await root.post("/administration/jours-fermes", [("csrf", csrf), ("jour", "2090-01-02")])
            #expect(far.status == .unprocessableContent)
            #expect(far.body.contains("dans les dix ans"))
            let label = try await root.post(
                "/administration/jours-fermes", [("csrf", csrf), ("jour", "2026-12-24"), ("libelle", "a\u{7}b")])
            #expect(label.body.contains(#"<p id="libelle-erreur" class="error">"#))
            #expect(try fixture.store.closedDays().isEmpty)
            #expect(
                try await root.post("/administration/jours-fermes/2026-12-25/retirer", [("csrf", csrf)]).status
                    == .notFound)
        }
    }

    @Test func aBackupIsMadeNowIntoTheFolderAndListed() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let empty = try await root.get("/administration/sauvegardes")
            #expect(empty.body.contains("Aucune sauvegarde dans ce dossier."))
            #expect(empty.body.contains("parcours restore"))
            let made = try await root.post("/administration/sauvegardes", [("csrf", try #require(empty.csrf))])
            // Thursday 2026-11-26 10:00 UTC, the fixture's clock.
            #expect(made.location == "/administration/sauvegardes?faite=parcours-2026-11-26-100000.sqlite")
            let file = fixture.backupFolder + "/parcours-2026-11-26-100000.sqlite"
            let copy = try ParcoursStore.open(at: file)
            #expect(try copy.clinicians().count == 2)
            let listed = try await root.get(try #require(made.location))
            #expect(listed.body.contains("<th scope=\"row\">parcours-2026-11-26-100000.sqlite</th>"))
            let mode = try FileManager.default.attributesOfItem(atPath: fixture.backupFolder)[.posixPermissions]
            #expect((mode as? NSNumber)?.intValue == 0o700)
        }
    }

    @Test func withoutABackupFolderThePageSaysHowToSetOne() async throws {
        try await DeskFixture.withDesk(backups: false) { _, client in
            let root = Browser(client)
            try await root.signIn("root")
            let page = try await root.get("/administration/sauvegardes")
            #expect(page.body.contains("--backup-dir"))
            #expect(!page.body.contains("Sauvegarder maintenant"))
            #expect(
                try await root.post("/administration/sauvegardes", [("csrf", try #require(page.csrf))]).status
                    == .conflict)
        }
    }

    @Test func theCareTracksAreShownReadOnlyWithTheirSteps() async throws {
        try await DeskFixture.withDesk { _, client in
            let root = Browser(client)
            try await root.signIn("root")
            let page = try await root.get("/administration/parcours")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<span class="sub">adult-domestic-violence</span>"#))
            #expect(page.body.contains("PCL-5"))
            #expect(!page.body.contains("<form method=\"post\" action=\"/administration/parcours"))
            let english = try await root.get(
                "/administration/parcours", headers: [.acceptLanguage: "en"])
            #expect(english.body.contains("Care tracks"))
        }
    }
}
