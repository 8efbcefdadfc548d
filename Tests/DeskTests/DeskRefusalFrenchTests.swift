import Booking
import CareModel
import Foundation
import Hummingbird
import ScheduleCheck
import Scheduler
import Store
import Testing

@testable import Desk

/// Every path by which the scheduler's explanation, the checker's rules or a session's stored
/// state reached a French page in English now goes through the catalogue: each is driven with
/// real data and the French page must hold none of the services' English.
@Suite struct DeskRefusalFrenchTests {
    /// Words of the services' English sentences (Explanation, ruleBreaks, Refusal) that must not
    /// reach a French page.
    static let english = [
        "Cannot book", "searched", "cannot be replanned", "The earliest day", "en anglais", "attended",
    ]

    @Test func aBookingWithNoRoomInServiceSaysWhyInFrenchThenInEnglish() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try fixture.store.setActive(room: "R-1", false, actor: DeskFixture.secretary)
            let marie = Browser(client)
            try await marie.signIn("marie")
            let french = try await marie.get("/patients/P-WAIT/reservation")
            #expect(french.body.contains("Aucun créneau pour P-WAIT : "), "\(french.body)")
            #expect(french.body.contains("aucune salle en service n&#39;a la capacité et les équipements demandés"))
            for words in Self.english { #expect(!french.body.contains(words), "\(words)") }
            let csrf = try await marie.csrf()
            try await marie.post("/langue", [("csrf", csrf), ("langue", "en")])
            let english = try await marie.get("/patients/P-WAIT/reservation")
            #expect(english.body.contains("No slot for P-WAIT: "))
            #expect(english.body.contains("no room in service has the capacity and features needed"))
        }
    }

    @Test func aDepartureReplanThatCannotPlaceASessionSaysWhyInFrench() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let root = Browser(client)
            try await root.signIn("root")
            let csrf = try await root.csrf()
            // A-MART's patient speaks Persian and no interpreter does: it cannot go anywhere.
            let page = try await root.post(
                "/administration/cliniciens/C-MARTIN/desactivation", [("csrf", csrf), ("replanifier", "1")])
            #expect(page.status == .conflict)
            #expect(
                page.body.contains("ne peut être replanifiée ni avec son clinicien ni avec un collègue (therapy n° 1"))
            #expect(page.body.contains("cherchée du "))
            for words in Self.english { #expect(!page.body.contains(words), "\(words)") }
            #expect(try fixture.store.clinician("C-MARTIN")?.active == true)
        }
    }

    @Test func aLeaveReplanThatCannotPlaceASessionSaysWhyInFrench() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let page = try await marie.post(
                "/absences",
                [
                    ("csrf", csrf), ("clinicien", "C-MARTIN"), ("du", "2026-12-03"), ("au", "2026-12-03"),
                    ("motif", "congé"), ("replanifier", "1"),
                ])
            #expect(page.status == .conflict)
            #expect(
                page.body.contains("ne peut être replanifiée ni avec son clinicien ni avec un collègue (therapy n° 1"))
            for words in Self.english { #expect(!page.body.contains(words), "\(words)") }
            #expect(try fixture.store.absences(clinician: "C-MARTIN", from: DeskFixture.start).isEmpty)
        }
    }

    @Test func aSecondCheckInNamesTheSessionsStateInFrench() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            try await marie.post("/seances/A-ROUX/presence", [("csrf", csrf), ("etat", "venu")])
            let again = try await marie.post("/seances/A-ROUX/presence", [("csrf", csrf), ("etat", "venu")])
            #expect(again.status == .conflict)
            #expect(again.body.contains("(état : venu)"), "\(again.body)")
            for words in Self.english { #expect(!again.body.contains(words), "\(words)") }
        }
    }

    @Test func aMoveThatBreaksRulesNamesThemInFrench() async throws {
        let fixture = try DeskFixture()
        defer { fixture.remove() }
        let service = BookingService(
            store: fixture.store, catalog: try DeskFixture.catalog.get(), actor: DeskFixture.secretary)
        let session = try #require(try fixture.store.appointment("A-MART"))
        // Monday 03:00 in Paris, four days later: outside every hour, and R-1 out of service.
        try fixture.store.setActive(room: "R-1", false, actor: DeskFixture.secretary)
        var moved = session
        moved.start = session.start.addingTimeInterval(4 * 86_400 - 11 * 3600)
        moved.end = moved.start.addingTimeInterval(3600)
        let today = ClinicTimeZone.paris.today(at: fixture.clock.now)
        let breaks = try service.ruleBreaks(moving: session, to: moved, today: today)
        #expect(breaks.contains { $0.hasPrefix("room-inactive: ") }, "\(breaks)")
        let french = fixture.desk.refusal(BookingError.ruleBroken(session.id, breaks), .fr)
        #expect(french.hasPrefix("A-MART ne peut pas aller là : "), "\(french)")
        #expect(french.contains("la salle est hors service") && french.contains("en dehors des horaires du clinicien"))
        #expect(!french.contains("room-inactive") && !french.contains("outside"), "\(french)")
        let series = fixture.desk.refusal(BookingError.seriesRuleBroken(session.id, breaks), .fr)
        #expect(series.contains("la salle est hors service") && !series.contains("takes no new bookings"))
    }

    @Test func aStoreRefusalInsideABookingIsSaidInFrenchWithoutTheStoresEnglish() throws {
        let fixture = try DeskFixture()
        defer { fixture.remove() }
        // The Store's own words for a failure its guard triggers catch (a real message of theirs).
        let error = BookingError.store(.conflict("room R-1 already holds A-ROUX from 2026-11-26 09:00"))
        #expect(error.code == "changed-meanwhile")
        let refused = BookingError.store(.constraint("room R-1 needs a capacity of at least 1, not 0"))
        let french = fixture.desk.refusal(refused, .fr)
        #expect(french.hasPrefix("La base de données a refusé ce changement"), "\(french)")
        #expect(!french.contains("capacity"))
        #expect(
            fixture.desk.refusal(refused, .en).contains(
                "The database refused this change: refused: room R-1 needs a capacity of at least 1, not 0"))
    }

    @Test func everyConstraintAndRuleKindHasWordsInBothCatalogues() throws {
        let catalogue = try Catalogue.bundled()
        let kinds = ViolationKind.allCases.map(\.rawValue) + ["in-the-past", "out-of-order", "other"]
        for language in DeskLanguage.allCases {
            let table = catalogue.table(language)
            #expect(Constraint.allCases.filter { table["constraint_\($0.rawValue)"] == nil } == [], "\(language)")
            #expect(kinds.filter { table["rule_\($0)"] == nil } == [], "\(language)")
        }
    }

    @Test func aMinorsRefusalAndReferralAreInFrenchWithoutPathwayEnginesEnglish() async throws {
        try await DeskFixture.withDesk { _, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let submitted = try await marie.post(
                "/adressages/nouveau",
                [
                    ("csrf", csrf), ("prenom", "Léa"), ("nom", "Durand"), ("naissance", "2012-05-01"),
                    ("categorie", "domestic-violence"), ("source", "legal-aid"), ("adresse_le", "2026-11-20"),
                    ("langue_patient", "fr"), ("interprete", "auto"), ("telephone", "06 12 34 56 78"),
                    ("canal_phone", "on"),
                ])
            #expect(submitted.status == .unprocessableContent)
            let verdict = try await marie.get(
                "/adressages/eligibilite?naissance=2012-05-01&categorie=domestic-violence&langue_patient=fr")
            for page in [submitted, verdict] {
                #expect(page.body.contains("La personne a 14 ans ; les parcours du centre commencent à 18 ans."))
                #expect(page.body.contains("pédopsychiatrie (psychiatrie de l&#39;enfant et de l&#39;adolescent)."))
                for words in ["refer to", "child and adolescent", "enrol on track", "instead", "too young"] {
                    #expect(!page.body.contains(words), "\(words)")
                }
            }
            try await marie.post("/langue", [("csrf", csrf), ("langue", "en")])
            let english = try await marie.get(
                "/adressages/eligibilite?naissance=2012-05-01&categorie=domestic-violence&langue_patient=fr")
            #expect(english.body.contains("child and adolescent psychiatry."))
        }
    }
}
