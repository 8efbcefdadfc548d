import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// *Absences*: the front desk records a clinician's leave, sees the sessions it hits, and replans
/// them through the Booking service; bad input changes nothing.
@Suite struct DeskAbsencesTests {
    @Test func aSecretaryRecordsLeaveAndSeesTheSessionsItHits() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let form = try await marie.get("/absences?clinicien=C-MARTIN")
            #expect(form.status == .ok)
            #expect(form.body.contains("Aucune absence à venir."))
            let csrf = try #require(form.csrf)
            // Dr Martin's session A-MART is on Thursday 2026-12-03 at 14:00 Paris.
            let done = try await marie.post(
                "/absences",
                [
                    ("csrf", csrf), ("clinicien", "C-MARTIN"), ("du", "2026-12-03"), ("au", "2026-12-03"),
                    ("motif", "Formation <b>EMDR</b>"),
                ])
            #expect(done.status == .seeOther)
            #expect(done.location == "/absences?clinicien=C-MARTIN&ajoutees=1&deplacees=0")
            let absences = try fixture.store.absences(clinician: "C-MARTIN")
            #expect(absences.count == 1)
            #expect(absences.first?.reason == "Formation <b>EMDR</b>")
            let audit = try fixture.store.auditEntries().filter { $0.action == "add-absence" }
            #expect(audit.map(\.actor) == ["marie"])
            let page = try await marie.get(done.location ?? "/absences")
            #expect(page.body.contains("Formation &lt;b&gt;EMDR&lt;/b&gt;"))
            #expect(page.body.contains(#"<a href="/seances/A-MART">A-MART</a>"#))
            #expect(page.body.contains("Replanifier ces séances"))
            // The session is still booked where it was: recording leave moves nothing by itself.
            #expect(try fixture.store.appointment("A-MART")?.status == .booked)
        }
    }

    @Test func theReplanButtonMovesTheSessionsHitOutOfTheAbsence() async throws {
        try await DeskFixture.withDesk { fixture, client in
            // P-WAIT's intake with Dr Martin, Thursday 2026-12-03 10:00 Paris; his 14:00 session stays clear.
            try fixture.store.book(
                [DeskFixture.session("A-WAIT", "P-WAIT", "C-MARTIN", hourUTC: 9, step: "intake", day: 7)],
                actor: DeskFixture.secretary)
            let before = try #require(try fixture.store.appointment("A-WAIT"))
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            try await marie.post(
                "/absences",
                [
                    ("csrf", csrf), ("clinicien", "C-MARTIN"), ("du", "2026-12-03 09:00"), ("au", "2026-12-03 12:00"),
                    ("motif", "Formation"),
                ])
            let page = try await marie.get("/absences?clinicien=C-MARTIN")
            #expect(page.body.contains(#"<a href="/seances/A-WAIT">A-WAIT</a>"#))
            #expect(!page.body.contains("A-MART"))
            // The button sends the same absence back with replanifier=1, as its hidden fields say.
            #expect(page.body.contains(#"<input type="hidden" name="du" value="2026-12-03 09:00">"#))
            #expect(page.body.contains(#"<input type="hidden" name="au" value="2026-12-03 12:00">"#))
            let replanned = try await marie.post(
                "/absences",
                [
                    ("csrf", csrf), ("clinicien", "C-MARTIN"), ("du", "2026-12-03 09:00"), ("au", "2026-12-03 12:00"),
                    ("motif", "Formation"), ("replanifier", "1"),
                ])
            #expect(replanned.status == .seeOther)
            #expect(replanned.location == "/absences?clinicien=C-MARTIN&ajoutees=0&deplacees=1")
            let after = try #require(try fixture.store.appointment("A-WAIT"))
            #expect(after.status == .booked)
            #expect(after.start != before.start)
            #expect(try fixture.store.absences(clinician: "C-MARTIN").count == 1)
            #expect(try fixture.store.auditEntries(entityID: "A-WAIT").contains { $0.actor == "marie" })
        }
    }

    @Test func aReplanThatCannotPlaceASessionRecordsNothingAndSaysWhy() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            // A-MART is TF-CBT therapy; no clinician of the fixture has the tf-cbt skill.
            let refused = try await marie.post(
                "/absences",
                [
                    ("csrf", csrf), ("clinicien", "C-MARTIN"), ("du", "2026-12-03"), ("au", "2026-12-03"),
                    ("motif", "Congés"), ("replanifier", "1"),
                ])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Rien n&#39;a été enregistré : une séance ne peut pas être replanifiée."))
            #expect(
                refused.body.contains(
                    "A-MART (P-PRTC, le 2026-12-03 14:00) ne peut être replanifiée ni avec son clinicien ni avec un collègue"
                ))
            #expect(refused.body.contains(#"value="Congés""#))
            #expect(refused.body.contains(#"id="replanifier" name="replanifier" type="checkbox" value="1" checked"#))
            #expect(try fixture.store.absences().isEmpty)
            #expect(
                try fixture.store.appointment("A-MART")?.start
                    == DeskFixture.start.addingTimeInterval(7 * 86_400 + 3 * 3600))
        }
    }

    static let leave =
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Conges//FR", "BEGIN:VEVENT", "UID:conges-1@test",
            "DTSTAMP:20261101T090000Z", "DTSTART;VALUE=DATE:20261210", "DTEND;VALUE=DATE:20261212", "SUMMARY:Congés",
            "END:VEVENT", "BEGIN:VEVENT", "UID:formation-1@test", "DTSTAMP:20261101T090000Z",
            "DTSTART;TZID=Europe/Paris:20261215T140000", "DTEND;TZID=Europe/Paris:20261215T170000",
            "RRULE:FREQ=WEEKLY;COUNT=2", "SUMMARY:Formation <EMDR>", "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n"

    @Test func aPastedLeaveCalendarBecomesAbsencesWithItsRepeatsExpanded() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let form = try await marie.get("/absences?clinicien=C-ROUX")
            #expect(form.body.contains(#"<form method="post" action="/absences/import""#))
            let csrf = try #require(form.csrf)
            let done = try await marie.post(
                "/absences/import", [("csrf", csrf), ("clinicien", "C-ROUX"), ("ics", Self.leave)])
            #expect(done.status == .seeOther)
            #expect(done.location == "/absences?clinicien=C-ROUX&ajoutees=3&deplacees=0")
            let zone = ClinicTimeZone.paris
            let shown = try fixture.store.absences(clinician: "C-ROUX").map {
                "\(zone.local($0.start).date) \(zone.local($0.start).time)–\(zone.local($0.end).date) \(zone.local($0.end).time) \($0.reason ?? "")"
            }
            #expect(
                shown == [
                    "2026-12-10 00:00–2026-12-12 00:00 Congés", "2026-12-15 14:00–2026-12-15 17:00 Formation <EMDR>",
                    "2026-12-22 14:00–2026-12-22 17:00 Formation <EMDR>",
                ])
            #expect(
                try fixture.store.auditEntries().filter { $0.action == "add-absence" }.allSatisfy {
                    $0.actor == "marie"
                })
            let page = try await marie.get(done.location ?? "/absences")
            #expect(page.body.contains("Formation &lt;EMDR&gt;"))
        }
    }

    @Test func aCalendarThatDoesNotReadIsRefusedNextToTheFieldAsPastedAndNothingIsRecorded() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let html = "<html><script>alert(1)</script></html>"
            let page = try await marie.post(
                "/absences/import", [("csrf", csrf), ("clinicien", "C-ROUX"), ("ics", html)])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"<p id="ics-erreur" class="error">Ce calendrier ne se lit pas"#))
            #expect(page.body.contains("&lt;html&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/html&gt;</textarea>"))
            #expect(!page.body.contains("<script>alert(1)"))
            let empty = try await marie.post(
                "/absences/import", [("csrf", csrf), ("clinicien", "C-ROUX"), ("ics", " ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("Collez le contenu d&#39;un fichier .ics"))
            #expect(try fixture.store.absences().isEmpty)
        }
    }

    @Test func badDatesAreShownNextToTheirFieldsAsTypedAndNothingIsRecorded() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let page = try await marie.post(
                "/absences",
                [
                    ("csrf", csrf), ("clinicien", "C-ROUX"), ("du", "2026-12-32"), ("au", "2026-12-01 25:00"),
                    ("motif", "Congés"),
                ])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"<p id="du-erreur" class="error">"#))
            #expect(page.body.contains(#"<p id="au-erreur" class="error">"#))
            #expect(page.body.contains(#"value="2026-12-32""#))
            #expect(page.body.contains(#"value="Congés""#))
            let backwards = try await marie.post(
                "/absences", [("csrf", csrf), ("clinicien", "C-ROUX"), ("du", "2026-12-05"), ("au", "2026-12-04")])
            #expect(backwards.status == .unprocessableContent)
            #expect(backwards.body.contains("La fin doit venir après le début."))
            let nobody = try await marie.post(
                "/absences", [("csrf", csrf), ("clinicien", "C-NOBODY"), ("du", "2026-12-05"), ("au", "2026-12-05")])
            #expect(nobody.status == .unprocessableContent)
            #expect(nobody.body.contains(#"<p id="clinicien-erreur" class="error">"#))
            #expect(try fixture.store.absences().isEmpty)
        }
    }

    @Test func onlySecretariesManageAbsencesAndEveryPostNeedsItsToken() async throws {
        try await DeskFixture.withDesk { fixture, client in
            for account in ["helene", "claire", "root"] {
                let browser = Browser(client)
                try await browser.signIn(account)
                let csrf = try await browser.csrf()
                #expect(try await browser.get("/absences").status == .forbidden, "\(account)")
                let post = try await browser.post(
                    "/absences", [("csrf", csrf), ("clinicien", "C-ROUX"), ("du", "2026-12-05"), ("au", "2026-12-05")])
                #expect(post.status == .forbidden, "\(account)")
            }
            let marie = Browser(client)
            try await marie.signIn("marie")
            let noToken = try await marie.post(
                "/absences", [("clinicien", "C-ROUX"), ("du", "2026-12-05"), ("au", "2026-12-05")])
            #expect(noToken.status == .forbidden)
            #expect(try fixture.store.absences().isEmpty)
        }
    }
}
