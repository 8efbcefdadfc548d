import CareModel
import Desk
import Foundation
import Store
import Testing

/// The two language catalogues and the templates that use them.
@Suite struct CatalogueTests {
    @Test func bothCataloguesHaveTheSameKeys() throws {
        let catalogue = try Catalogue.bundled()
        #expect(catalogue.mismatchedKeys == [])
        #expect(catalogue.table(.fr).count > 50)
        #expect(catalogue.table(.fr).count == catalogue.table(.en).count)
    }

    @Test func theParityCheckNamesAKeyOneLanguageLacks() {
        let catalogue = Catalogue(strings: [.fr: ["a": "un", "b": "deux"], .en: ["a": "one", "c": "three"]])
        #expect(catalogue.mismatchedKeys == ["b", "c"])
        #expect(catalogue.text("b", .en) == "b")
    }

    @Test func everyKeyATemplateUsesIsInTheCatalogue() throws {
        let catalogue = try Catalogue.bundled()
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Desk/Resources/templates")
        let files = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(files.count >= 8)
        var used: Set<String> = []
        for file in files {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{t\.([a-z_\-]+)\}\}/) { used.insert(String(match.output.1)) }
        }
        #expect(!used.isEmpty)
        #expect(used.filter { catalogue.table(.fr)[$0] == nil } == [])
    }

    @Test func everyCategoryStatusAndStateTheCodeNamesHasItsWords() throws {
        let catalogue = try Catalogue.bundled()
        let keys =
            VictimCategory.allCases.map { "category_\($0.rawValue)" }
            + AppointmentStatus.allCases.map { "status_\($0.rawValue)" }
            + EnrolmentState.allCases.map { "state_\($0.rawValue)" } + DeskRole.allCases.map { "role_\($0.rawValue)" }
            + DeskRole.allCases.map { "home_intro_\($0.rawValue)" }
            + DeskLanguage.allCases.map { "language_\($0.rawValue)" }
        #expect(keys.filter { catalogue.table(.fr)[$0] == nil } == [])
    }

    @Test func theLanguageFollowsTheUsersSettingThenTheBrowserThenFrench() {
        #expect(DeskLanguage.choose(userSetting: "en", acceptLanguage: "fr-FR") == .en)
        #expect(DeskLanguage.choose(userSetting: nil, acceptLanguage: "de-DE, en;q=0.8, fr;q=0.7") == .en)
        #expect(DeskLanguage.choose(userSetting: nil, acceptLanguage: "en;q=0.2, fr-CA;q=0.9") == .fr)
        #expect(DeskLanguage.choose(userSetting: nil, acceptLanguage: "de, es") == .fr)
        #expect(DeskLanguage.choose(userSetting: nil, acceptLanguage: nil) == .fr)
        #expect(DeskLanguage.choose(userSetting: "xx", acceptLanguage: "en") == .en)
    }
}
