import Desk
import Hummingbird
import Store
import Testing

/// What each page shows to whom: the day sheet, the waiting list, a patient's file.
@Suite struct DeskPagesTests {
    @Test func theDaySheetListsSessionsByClinicianWithTheInterpretersNeeded() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let page = try await browser.get("/aujourdhui")
            #expect(page.status == .ok)
            #expect(page.body.contains("Dr Hélène Roux"))
            #expect(page.body.contains("09:00–10:00")) // 08:00 UTC shown in Paris time
            #expect(page.body.contains("Interprètes nécessaires"))
            #expect(page.body.contains("09:00–10:00 · P-SCRT · ar · <span class=\"\">Samir Haddad</span>"))
            #expect(
                page.body.contains("10:00–11:00 · P-PRTC · fa · <span class=\"overdue\">interprète à trouver</span>"))
            // A secretary sees the protected patient, by code and name.
            #expect(page.body.contains("P-PRTC"))
            #expect(page.body.contains("Camille Secret"))
            // The check-in buttons, cancellation included, each in a form with the session's token.
            #expect(page.body.contains(#"action="/seances/A-ROUX/presence""#))
            #expect(page.body.contains(#"value="annule""#))
        }
    }

    @Test func aClinicianSeesTheirOwnDayWithProtectedPatientsMasked() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            try await browser.signIn("helene")
            let page = try await browser.get("/aujourdhui")
            #expect(page.body.contains("P-SCRT"))
            #expect(!page.body.contains("P-PRTC"))
            #expect(page.body.contains("Séance réservée"))
            #expect(!page.body.contains("alert(1)")) // no identity for a clinician
            #expect(!page.body.contains(#"value="annule""#))
            #expect(try await browser.get("/patients/P-PRTC").status == .forbidden)
        }
    }

    @Test func aCoordinatorSeesAPathwayButNeverAnIdentity() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            try await browser.signIn("claire")
            let page = try await browser.get("/patients/P-SCRT")
            #expect(page.status == .ok)
            #expect(page.body.contains("P-SCRT"))
            #expect(page.body.contains("inscrit"))
            #expect(page.body.contains("violences conjugales et intrafamiliales"))
            #expect(!page.body.contains("Dupont"))
            #expect(!page.body.contains("Identité"))
            let waiting = try await browser.get("/liste-attente")
            #expect(!waiting.body.contains("Attente"))
            #expect(!waiting.body.contains("P-PRTC"))
        }
    }

    @Test func theWaitingListShowsAnOverdueIntakeInRed() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let page = try await browser.get("/liste-attente")
            #expect(page.status == .ok)
            #expect(page.body.contains("P-WAIT"))
            #expect(page.body.contains("Inès Attente"))
            // Referred on 2026-10-01 with a 21-day intake limit: overdue by 2026-11-26.
            #expect(page.body.contains(#"<span class="overdue">2026-10-22 · en retard</span>"#))
        }
    }

    @Test func absentAndCancelledAreRecordedThroughTheBookingService() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let csrf = try await browser.csrf()
            #expect(
                try await browser.post("/seances/A-ROUX/presence", [("csrf", csrf), ("etat", "absent")]).status
                    == .seeOther)
            #expect(try fixture.store.appointment("A-ROUX")?.status == .noShow)
            #expect(
                try await browser.post("/seances/A-PRTC/presence", [("csrf", csrf), ("etat", "annule")]).status
                    == .seeOther)
            #expect(try fixture.store.appointment("A-PRTC")?.status == .cancelledByPatient)
            // A second click on a session already recorded is refused, and says so.
            let again = try await browser.post("/seances/A-ROUX/presence", [("csrf", csrf), ("etat", "venu")])
            #expect(again.status == .conflict)
            #expect(again.body.contains("Action impossible"))
            #expect(again.body.contains("<strong>marie</strong>")) // the refusal keeps the signed-in header
            #expect(try fixture.store.appointment("A-ROUX")?.status == .noShow)
        }
    }

    @Test func theDeskSpeaksEnglishWhenTheBrowserOrTheUserAsks() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let anonymous = Browser(client)
            #expect(try await anonymous.get("/connexion").body.contains("Connexion"))
            #expect(
                try await anonymous.get("/connexion", headers: [.acceptLanguage: "en-GB,en;q=0.9,fr;q=0.5"]).body
                    .contains("Sign in"))
            let browser = Browser(client)
            try await browser.signIn("marie")
            let csrf = try await browser.csrf()
            #expect(
                try await browser.post("/langue", [("csrf", csrf), ("langue", "en"), ("suite", "/liste-attente")])
                    .location
                    == "/liste-attente")
            #expect(try await browser.get("/liste-attente").body.contains("Waiting list"))
            #expect(try fixture.store.deskCredentials("marie")?.user.language == "en")
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let kept = try #require(browser.cookies["parcours_session"])
            let csrf = try await browser.csrf()
            #expect(try await browser.post("/deconnexion", [("csrf", csrf)]).location == "/connexion")
            #expect(try fixture.store.deskSessionCount("marie") == 0)
            let replay = Browser(client)
            replay.cookies["parcours_session"] = kept
            #expect(try await replay.get("/").status == .seeOther)
        }
    }

    @Test func aClinicianMakesTheirFeedAddressShownOnceAndCanRevokeIt() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let browser = Browser(client)
            try await browser.signIn("helene")
            let csrf = try await browser.csrf()
            let created = try await browser.post("/mon-calendrier/creer", [("csrf", csrf)])
            #expect(created.status == .ok)
            let url = try #require(
                created.body.firstMatch(of: /value="(http:\/\/[^"]+\/feeds\/([A-Za-z0-9_\-]{43})\.ics)"/))
            let token = String(url.output.2)
            let record = try #require(try fixture.store.activeFeedToken(sha256: FeedTokenSecret.sha256(token)))
            #expect(record.scope == .clinician("C-ROUX"))
            #expect(
                try fixture.store.auditEntries(entityID: String(record.id)).first { $0.action == "create-feed-token" }?
                    .actor == "helene")
            // Shown once: the page read again lists the address by number, never the token.
            let listed = try await browser.get("/mon-calendrier")
            #expect(listed.body.contains("Adresse n° \(record.id)"))
            #expect(!listed.body.contains(token))
            #expect(try await browser.post("/mon-calendrier/revoquer", [("csrf", csrf)]).location == "/mon-calendrier")
            #expect(try fixture.store.activeFeedToken(sha256: FeedTokenSecret.sha256(token)) == nil)
        }
    }

    @Test func aClinicianReplacesOneOfTheirAddressesAndTheOldOneStopsAtOnce() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let browser = Browser(client)
            try await browser.signIn("helene")
            let csrf = try await browser.csrf()
            let created = try await browser.post("/mon-calendrier/creer", [("csrf", csrf)])
            let old = String(try #require(created.body.firstMatch(of: /\/feeds\/([A-Za-z0-9_\-]{43})\.ics/)).output.1)
            let record = try #require(try fixture.store.activeFeedToken(sha256: FeedTokenSecret.sha256(old)))
            let listed = try await browser.get("/mon-calendrier")
            #expect(listed.body.contains("action=\"/mon-calendrier/\(record.id)/renouveler\""))
            #expect(listed.body.contains("Remplacer cette adresse"))

            let rotated = try await browser.post("/mon-calendrier/\(record.id)/renouveler", [("csrf", csrf)])
            #expect(rotated.status == .ok)
            let new = String(try #require(rotated.body.firstMatch(of: /\/feeds\/([A-Za-z0-9_\-]{43})\.ics/)).output.1)
            #expect(new != old)
            // The feed server serves only active tokens: the old one is revoked, the new one is hers.
            #expect(try fixture.store.activeFeedToken(sha256: FeedTokenSecret.sha256(old)) == nil)
            let fresh = try #require(try fixture.store.activeFeedToken(sha256: FeedTokenSecret.sha256(new)))
            #expect(fresh.scope == .clinician("C-ROUX"))
            let audit = try fixture.store.auditEntries(entityID: String(record.id))
            #expect(audit.contains { $0.action == "revoke-feed-token" && $0.actor == "helene" })
            #expect(
                try fixture.store.auditEntries(entityID: String(fresh.id)).contains {
                    $0.action == "create-feed-token" && $0.actor == "helene"
                })
            // The revoked number cannot be replaced a second time.
            #expect(
                try await browser.post("/mon-calendrier/\(record.id)/renouveler", [("csrf", csrf)]).status == .notFound)
        }
    }

    @Test func aClinicianCannotReplaceAnotherClinicianAddress() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let token = FeedTokenSecret.generate()
            let paulsFeed = try fixture.store.createFeedToken(
                scope: .clinician("C-MARTIN"), sha256: FeedTokenSecret.sha256(token), actor: Actor(name: "test"))
            let helene = Browser(client)
            try await helene.signIn("helene")
            let csrf = try await helene.csrf()
            let refused = try await helene.post("/mon-calendrier/\(paulsFeed.id)/renouveler", [("csrf", csrf)])
            #expect(refused.status == .notFound)
            #expect(!refused.body.contains("/feeds/"))
            #expect(try fixture.store.activeFeedToken(sha256: FeedTokenSecret.sha256(token))?.id == paulsFeed.id)
            #expect(try fixture.store.feedTokens().count == 1)
        }
    }

    @Test func replacingAnAddressWithoutTheFormTokenIsRefusedAndChangesNothing() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let token = FeedTokenSecret.generate()
            let feed = try fixture.store.createFeedToken(
                scope: .clinician("C-ROUX"), sha256: FeedTokenSecret.sha256(token), actor: Actor(name: "test"))
            let helene = Browser(client)
            try await helene.signIn("helene")
            let forged = try await helene.post("/mon-calendrier/\(feed.id)/renouveler", [("csrf", "forged")])
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("Formulaire refusé"))
            #expect(try fixture.store.activeFeedToken(sha256: FeedTokenSecret.sha256(token))?.id == feed.id)
            #expect(try fixture.store.feedTokens().count == 1)
        }
    }
}
