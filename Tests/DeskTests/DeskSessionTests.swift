import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// A session's page: attendance and the PCL-5 score, for the clinician who holds it only.
@Suite struct DeskSessionTests {
    @Test func aClinicianRecordsAPCL5ScoreForTheirOwnSessionAuditedUnderTheirName() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let helene = Browser(client)
            try await helene.signIn("helene")
            let form = try await helene.get("/seances/A-ROUX")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"<label for="score">Score PCL-5 (0 à 80)</label>"#))
            #expect(form.body.contains(#"id="jour" name="jour" type="text" inputmode="numeric" value="2026-11-26""#))
            let csrf = try #require(form.csrf)
            let saved = try await helene.post(
                "/seances/A-ROUX/pcl5", [("csrf", csrf), ("score", "47"), ("jour", "2026-11-26")])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/seances/A-ROUX?enregistre=1")
            let measures = try fixture.store.measures(patient: "P-SCRT")
            #expect(measures.map(\.score) == [47])
            #expect(measures.map(\.on.iso) == ["2026-11-26"])
            #expect(measures.map(\.instrument) == [.pcl5])
            let audit = try fixture.store.auditEntries().filter { $0.action == "add-measure" }
            #expect(audit.map(\.actor) == ["helene"])
            let after = try await helene.get("/seances/A-ROUX?enregistre=1")
            #expect(after.body.contains("Score enregistré."))
            #expect(after.body.contains("<td>2026-11-26</td><td>47</td>"))
        }
    }

    @Test(arguments: [
        ("81", "2026-11-26", "score-erreur"), ("-1", "2026-11-26", "score-erreur"),
        ("quarante", "2026-11-26", "score-erreur"), ("40", "2026-11-27", "jour-erreur"),
        ("40", "2012-12-31", "jour-erreur"), ("40", "26/11/2026x", "jour-erreur"),
    ])
    func aScoreOutOfRangeOrDatedInTheFutureIsRefusedNextToItsFieldAndNothingIsSaved(
        score: String, day: String, errorID: String
    ) async throws {
        try await DeskFixture.withDesk { fixture, client in
            let helene = Browser(client)
            try await helene.signIn("helene")
            let csrf = try await helene.csrf()
            let page = try await helene.post("/seances/A-ROUX/pcl5", [("csrf", csrf), ("score", score), ("jour", day)])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"<p id="\#(errorID)" class="error">"#))
            #expect(page.body.contains(#"value="\#(score)""#))
            #expect(page.body.contains(#"value="\#(day)""#))
            #expect(try fixture.store.measures(patient: "P-SCRT").isEmpty)
        }
    }

    @Test func anotherCliniciansSessionAnswers403AndSavesNothing() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let paul = Browser(client)
            try await paul.signIn("paul")
            let csrf = try await paul.csrf()
            #expect(try await paul.get("/seances/A-ROUX").status == .forbidden)
            let post = try await paul.post(
                "/seances/A-ROUX/pcl5", [("csrf", csrf), ("score", "40"), ("jour", "2026-11-26")])
            #expect(post.status == .forbidden)
            // Secretaries record attendance, not scores.
            let marie = Browser(client)
            try await marie.signIn("marie")
            let marieCSRF = try await marie.csrf()
            let refused = try await marie.post(
                "/seances/A-ROUX/pcl5", [("csrf", marieCSRF), ("score", "40"), ("jour", "2026-11-26")])
            #expect(refused.status == .forbidden)
            #expect(try await marie.get("/seances/A-ROUX").status == .ok)
            #expect(!(try await marie.get("/seances/A-ROUX")).body.contains(#"id="score""#))
            #expect(try fixture.store.measures(patient: "P-SCRT").isEmpty)
        }
    }

    @Test func aScoreWithoutTheFormsCSRFTokenIsRefused() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let helene = Browser(client)
            try await helene.signIn("helene")
            let page = try await helene.post("/seances/A-ROUX/pcl5", [("score", "40"), ("jour", "2026-11-26")])
            #expect(page.status == .forbidden)
            let forged = try await helene.post(
                "/seances/A-ROUX/pcl5", [("csrf", "forged"), ("score", "40"), ("jour", "2026-11-26")])
            #expect(forged.status == .forbidden)
            #expect(try fixture.store.measures(patient: "P-SCRT").isEmpty)
        }
    }

    @Test func attendanceFromTheSessionPageComesBackToIt() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let helene = Browser(client)
            try await helene.signIn("helene")
            let form = try await helene.get("/seances/A-ROUX")
            #expect(form.body.contains(#"action="/seances/A-ROUX/presence""#))
            let csrf = try #require(form.csrf)
            let done = try await helene.post(
                "/seances/A-ROUX/presence",
                [("csrf", csrf), ("etat", "venu"), ("jour", "2026-11-26"), ("retour", "seance")])
            #expect(done.status == .seeOther)
            #expect(done.location == "/seances/A-ROUX")
            #expect(try fixture.store.appointment("A-ROUX")?.status == .attended)
            let after = try await helene.get("/seances/A-ROUX")
            #expect(after.body.contains(#"<span class="status attended">venu</span>"#))
        }
    }

    @Test func anUnknownSessionIsNotFound() async throws {
        try await DeskFixture.withDesk { _, client in
            let helene = Browser(client)
            try await helene.signIn("helene")
            #expect(try await helene.get("/seances/A-NONE").status == .notFound)
        }
    }
}
