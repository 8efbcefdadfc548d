import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// *Groupes*: the front desk opens a closed group, fills it through the Booking services, and
/// sees why a refusal happened; nothing else changes then.
@Suite struct DeskGroupsTests {
    /// A patient enrolled on the group track, named with markup.
    static func addGroupPatient(_ fixture: DeskFixture) throws {
        let referred = try #require(LocalDate(parsing: "2026-10-01"))
        let born = try #require(LocalDate(parsing: "1985-06-07"))
        try fixture.store.addPatient(
            Patient(
                code: "P-GRP1", birthDate: born, category: .accidentDisaster, referralSource: .generalPractitioner,
                referralDate: referred),
            identity: PatientIdentity(code: "P-GRP1", givenName: "<b>Léa</b>", familyName: "Groupe"),
            actor: DeskFixture.secretary)
        try fixture.store.addEnrolment(
            Enrolment(patient: "P-GRP1", track: "adult-trauma-group", state: .enrolled, enrolledOn: referred),
            actor: DeskFixture.secretary)
    }

    @Test func aSecretaryOpensAGroupAndAddsAnEnrolledPatient() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addGroupPatient(fixture)
            let marie = Browser(client)
            try await marie.signIn("marie")
            let list = try await marie.get("/groupes")
            #expect(list.status == .ok)
            #expect(list.body.contains("Aucun groupe."))
            #expect(list.body.contains(#"<option value="adult-trauma-group""#))
            let csrf = try #require(list.csrf)
            let opened = try await marie.post(
                "/groupes", [("csrf", csrf), ("parcours", "adult-trauma-group"), ("debut", "2026-12-01")])
            #expect(opened.status == .seeOther)
            let cohort = try #require(try fixture.store.cohorts().first)
            #expect(cohort.track == "adult-trauma-group")
            #expect(opened.location == "/groupes/\(cohort.id)")
            let added = try await marie.post("/groupes/\(cohort.id)/membres", [("csrf", csrf), ("patient", "P-GRP1")])
            #expect(added.status == .seeOther)
            #expect(try fixture.store.cohort(cohort.id)?.members == ["P-GRP1"])
            let page = try await marie.get("/groupes/\(cohort.id)")
            #expect(page.body.contains(#"<a href="/patients/P-GRP1">P-GRP1</a>"#))
            #expect(page.body.contains("&lt;b&gt;Léa&lt;/b&gt; Groupe"))
            #expect(page.body.contains("Pas encore de séance réservée."))
            let audit = try fixture.store.auditEntries().filter { $0.entity == "cohort" }
            #expect(audit.map(\.action) == ["create-group", "join-group"])
            #expect(audit.map(\.actor) == ["marie", "marie"])
        }
    }

    @Test func aPatientOfAnotherTrackIsRefusedWithTheServicesReasonAndNothingChanges() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            try await marie.post(
                "/groupes", [("csrf", csrf), ("parcours", "adult-trauma-group"), ("debut", "2026-12-01")])
            let cohort = try #require(try fixture.store.cohorts().first)
            let refused = try await marie.post(
                "/groupes/\(cohort.id)/membres", [("csrf", csrf), ("patient", "P-WAIT")])
            #expect(refused.status == .conflict)
            #expect(
                refused.body.contains(
                    "P-WAIT est inscrit·e sur adult-domestic-violence, pas sur le parcours du groupe, adult-trauma-group."
                ))
            #expect(refused.body.contains(#"value="P-WAIT""#))
            let unknown = try await marie.post(
                "/groupes/\(cohort.id)/membres", [("csrf", csrf), ("patient", "P-NONE")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.body.contains(#"<p id="patient-erreur" class="error">"#))
            // One member, six needed: booking says why and books nothing.
            let book = try await marie.post("/groupes/\(cohort.id)/reserver", [("csrf", csrf)])
            #expect(book.status == .conflict)
            #expect(try fixture.store.cohort(cohort.id)?.members.isEmpty == true)
            #expect(try fixture.store.cohort(cohort.id)?.status == .forming)
        }
    }

    @Test func aBadTrackOrDayIsShownNextToItsFieldAsTyped() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let page = try await marie.post(
                "/groupes", [("csrf", csrf), ("parcours", "adult-domestic-violence"), ("debut", "2026-02-30")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"<p id="parcours-erreur" class="error">"#))
            #expect(page.body.contains(#"<p id="debut-erreur" class="error">"#))
            #expect(page.body.contains(#"value="2026-02-30""#))
            let past = try await marie.post(
                "/groupes", [("csrf", csrf), ("parcours", "adult-trauma-group"), ("debut", "2026-01-05")])
            #expect(past.status == .unprocessableContent)
            #expect(past.body.contains("Le premier jour doit être entre aujourd&#39;hui et dans un an."))
            #expect(try fixture.store.cohorts().isEmpty)
            #expect(try await marie.get("/groupes/G-NONE").status == .notFound)
        }
    }

    @Test func onlySecretariesFormGroups() async throws {
        try await DeskFixture.withDesk { fixture, client in
            for account in ["helene", "claire", "root"] {
                let browser = Browser(client)
                try await browser.signIn(account)
                let csrf = try await browser.csrf()
                #expect(try await browser.get("/groupes").status == .forbidden, "\(account)")
                let post = try await browser.post(
                    "/groupes", [("csrf", csrf), ("parcours", "adult-trauma-group"), ("debut", "2026-12-01")])
                #expect(post.status == .forbidden, "\(account)")
            }
            #expect(try fixture.store.cohorts().isEmpty)
        }
    }
}
