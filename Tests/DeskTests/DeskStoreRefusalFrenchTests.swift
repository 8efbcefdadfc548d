import CareModel
import Foundation
import Hummingbird
import Store
import StoreTesting
import Testing

@testable import Desk

/// The Store's and CareModel's English no longer reach a French page: a refusal on an
/// administration page and the parse error of weekly hours are said from the catalogue, and the
/// English page says them from the same templates.
@Suite struct DeskStoreRefusalFrenchTests {
    @Test func aStoreRuleRefusingAClosedDayIsSaidInFrenchThenInEnglishAndChangesNothing() async throws {
        try await DeskFixture.withDesk { fixture, client in
            // A real rule in the database: the Store refuses the insert with its own English words.
            try fixture.store.executeForTesting(
                "CREATE TRIGGER frozen BEFORE INSERT ON closed_day BEGIN SELECT RAISE(ABORT, 'closed days are frozen'); END"
            )
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            let form = [("csrf", csrf), ("jour", "2026-12-24"), ("libelle", "Veille de Noël")]
            let french = try await root.post("/administration/jours-fermes", form)
            #expect(french.status == .conflict)
            #expect(french.body.contains("Rien n&#39;a été changé :"))
            #expect(french.body.contains("Une règle du registre refuse ce changement ; vérifiez les valeurs saisies."))
            for words in ["frozen", "closed days", "constraint"] { #expect(!french.body.contains(words), "\(words)") }
            #expect(try fixture.store.closedDays().isEmpty)
            try await root.post("/langue", [("csrf", csrf), ("langue", "en")])
            let english = try await root.post("/administration/jours-fermes", form)
            #expect(english.status == .conflict)
            #expect(english.body.contains("A rule of the register refuses this change; check the values entered."))
        }
    }

    @Test func aBackupFolderThatIsAFileIsSaidInFrench() async throws {
        try await DeskFixture.withDesk { fixture, client in
            // The backup folder is a file: listing it and writing into it, the Store refuses with
            // `.io` and English words.
            try Data("x".utf8).write(to: URL(fileURLWithPath: fixture.backupFolder))
            let root = Browser(client)
            try await root.signIn("root")
            let page = try await root.post("/administration/sauvegardes", [("csrf", try await root.csrf())])
            #expect(page.status == .conflict)
            #expect(page.body.contains("Le registre ou un fichier n&#39;a pas pu être lu ou écrit"))
            for words in ["backup folder", "is a file", "not a folder"] {
                #expect(!page.body.contains(words), "\(words)")
            }
        }
    }

    @Test func storeRefusalsNameTheKindAndIdentifierInEachLanguage() throws {
        let fixture = try DeskFixture()
        defer { fixture.remove() }
        let hours = try WeeklyHours(parsing: "mon 09:00-12:00")
        let duplicate = #expect(throws: StoreError.self) {
            try fixture.store.addClinician(
                Clinician(id: "C-ROUX", name: "Autre", role: .psychologist, hours: hours), actor: DeskFixture.secretary)
        }
        let missing = #expect(throws: StoreError.self) {
            try fixture.store.deactivateClinician("C-NONE", actor: DeskFixture.secretary)
        }
        let french = try [#require(duplicate), #require(missing)].map { fixture.desk.storeRefusal($0, .fr) }
        #expect(french == ["Existe déjà : le clinicien C-ROUX.", "Introuvable : le clinicien C-NONE."])
        let english = try [#require(duplicate), #require(missing)].map { fixture.desk.storeRefusal($0, .en) }
        #expect(english == ["Already exists: the clinician C-ROUX.", "Not found: the clinician C-NONE."])
    }

    @Test(arguments: [
        ("", "indiquez des jours puis des plages"),
        ("someday 09:00-12:00", "« someday » ne désigne pas des jours"),
        ("mon-fri 17:00-09:00", "« 17:00-09:00 » n&#39;est pas une plage horaire"),
        ("mon-fri", "« mon-fri » doit donner des jours, une espace, puis des plages"),
    ])
    func unreadableHoursAreExplainedInFrenchNextToTheField(typed: String, said: String) async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let page = try await root.post(
                "/administration/cliniciens",
                [
                    ("csrf", try await root.csrf()), ("id", "C-NOUR"), ("nom", "Nour Haddad"),
                    ("role", "psychologist"), ("langues", "fr"), ("horaires", typed),
                ])
            #expect(page.status == .unprocessableContent)
            let field = try #require(page.body.firstMatch(of: /<p id="horaires-erreur" class="error">([^<]*)</))
            #expect(field.output.1.contains("Horaires illisibles : " + said), "\(field.output.1)")
            for words in ["expected", "is not valid", "days and ranges", "like", "start before"] {
                #expect(!field.output.1.contains(words), "\(words)")
            }
            #expect(try fixture.store.clinician("C-NOUR") == nil)
        }
    }
}
