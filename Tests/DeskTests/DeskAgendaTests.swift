import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// The *Agenda* week grid: who may see whose week, what each role sees of a patient, absences
/// and closed days, and bad choices shown next to their field.
@Suite struct DeskAgendaTests {
    /// Wednesday 2026-11-25 closed, Dr Roux away on Friday 2026-11-27 (both in the fixture's week).
    static func addLeaveAndHoliday(_ fixture: DeskFixture) throws {
        let holiday = try #require(LocalDate(parsing: "2026-11-25"))
        try fixture.store.addClosedDays(
            [ClosedDay(date: holiday, label: "Fête <i>locale</i>")], actor: DeskFixture.secretary)
        let zone = ClinicTimeZone.paris
        let friday = try #require(LocalDate(parsing: "2026-11-27"))
        let start = try #require(zone.instant(on: friday, at: .midnight))
        let end = try #require(zone.instant(on: friday.adding(days: 1), at: .midnight))
        try fixture.store.addAbsences(
            [ClinicianAbsence(clinician: "C-ROUX", start: start, end: end, reason: "Formation <b>EMDR</b>")],
            actor: DeskFixture.secretary)
    }

    @Test func aSecretarySeesAClinicianWeekWithNamesInterpreterAbsenceAndClosedDay() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addLeaveAndHoliday(fixture)
            let browser = Browser(client)
            try await browser.signIn("marie")
            let page = try await browser.get("/agenda?voir=c:C-ROUX&semaine=2026-11-26")
            #expect(page.status == .ok)
            #expect(page.body.contains("Dr Hélène Roux"))
            #expect(page.body.contains("Semaine du 2026-11-23 au 2026-11-29"))
            // Both of Dr Roux's sessions, in Paris time, the protected one shown to a secretary.
            #expect(page.body.contains("09:00–10:00"))
            #expect(page.body.contains(#"<a href="/seances/A-ROUX">P-SCRT</a>"#))
            #expect(page.body.contains(#"<a href="/seances/A-PRTC">P-PRTC</a>"#))
            #expect(page.body.contains("Camille Secret"))
            // The name with a <script> is text, never markup; so are the reason and the label.
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Dupont&amp;Co"))
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(page.body.contains("Interprète : Samir Haddad"))
            #expect(page.body.contains("Fermé : Fête &lt;i&gt;locale&lt;/i&gt;"))
            #expect(page.body.contains("Absent toute la journée (Formation &lt;b&gt;EMDR&lt;/b&gt;)"))
            // Dr Martin's session of the next week is not in Dr Roux's week.
            #expect(!page.body.contains("A-MART"))
            #expect(page.body.contains("semaine=2026-11-16"))
            #expect(page.body.contains("semaine=2026-11-30"))
            // No empty value shows as "nil": days not closed have no closed label, no error shows.
            #expect(page.body.components(separatedBy: "Fermé :").count == 2)
            #expect(!page.body.contains("nil<"))
            #expect(!page.body.contains(#"class="error""#))
        }
    }

    @Test func aGroupMeetingShowsOnceWithItsHeadCountAndLinksToItsGroupForSecretaries() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let start = try #require(LocalDate(parsing: "2026-11-23"))
            try fixture.store.createCohort(
                GroupCohort(id: "G-TEST", track: "adult-trauma-group", startDate: start), actor: DeskFixture.secretary)
            // Friday 2026-11-27, 14:00 Paris: two members, one meeting, two facilitators.
            let meeting = ["P-SCRT", "P-WAIT"].enumerated().map { index, code in
                var session = DeskFixture.session(
                    "A-G\(index)", PatientCode(code), "C-ROUX", hourUTC: 13, step: "group", day: 1)
                session.track = "adult-trauma-group"
                session.clinicians = ["C-ROUX", "C-MARTIN"]
                session.cohort = "G-TEST"
                return session
            }
            try fixture.store.book(meeting, actor: DeskFixture.secretary)
            let marie = Browser(client)
            try await marie.signIn("marie")
            let page = try await marie.get("/agenda?voir=c:C-MARTIN&semaine=2026-11-26")
            #expect(page.status == .ok)
            #expect(page.body.components(separatedBy: "Groupe G-TEST").count == 2)
            #expect(page.body.contains(#"<a href="/groupes/G-TEST">Groupe G-TEST</a>"#))
            #expect(page.body.contains("· 2 participant(s)"))
            #expect(!page.body.contains("A-G0") && !page.body.contains("A-G1"))
            let paul = Browser(client)
            try await paul.signIn("paul")
            let own = try await paul.get("/agenda?semaine=2026-11-26")
            #expect(own.body.contains("Groupe G-TEST"))
            #expect(!own.body.contains("/groupes/"))
        }
    }

    @Test func aRoomWeekListsEveryClinicianSessionsInIt() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let next = try await browser.get("/agenda?voir=s:R-1&semaine=2026-12-03")
            #expect(next.status == .ok)
            #expect(next.body.contains("Salle Iris"))
            #expect(next.body.contains(#"<a href="/seances/A-MART">P-PRTC</a>"#))
            #expect(next.body.contains("Paul Martin"))
            #expect(!next.body.contains("A-ROUX"))
        }
    }

    @Test func aClinicianSeesOnlyTheirOwnWeekWithProtectedPatientsMasked() async throws {
        try await DeskFixture.withDesk { _, client in
            let helene = Browser(client)
            try await helene.signIn("helene")
            let page = try await helene.get("/agenda?semaine=2026-11-26")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<a href="/seances/A-ROUX">P-SCRT</a>"#))
            #expect(!page.body.contains("P-PRTC"))
            #expect(page.body.contains(#"<a href="/seances/A-PRTC">Séance réservée</a>"#))
            #expect(!page.body.contains("alert(1)"))
            #expect(!page.body.contains(#"id="voir""#)) // no chooser
            #expect(!page.body.contains("nil"))
            #expect(try await helene.get("/agenda?voir=c:C-ROUX").status == .ok)
            #expect(try await helene.get("/agenda?voir=c:C-MARTIN").status == .forbidden)
            #expect(try await helene.get("/agenda?voir=s:R-1").status == .forbidden)
        }
    }

    @Test func aCoordinatorSeesCodesButNeverANameNorASessionPage() async throws {
        try await DeskFixture.withDesk { _, client in
            let claire = Browser(client)
            try await claire.signIn("claire")
            let page = try await claire.get("/agenda?voir=s:R-1&semaine=2026-11-26")
            #expect(page.status == .ok)
            #expect(page.body.contains("P-SCRT"))
            #expect(!page.body.contains("P-PRTC"))
            #expect(!page.body.contains("Dupont"))
            #expect(!page.body.contains("Camille"))
            #expect(!page.body.contains("/seances/"))
            #expect(try await claire.get("/seances/A-ROUX").status == .forbidden)
        }
    }

    @Test func aBadWeekOrAnUnknownChoiceIsShownNextToItsFieldAsTyped() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let week = try await browser.get("/agenda?voir=c:C-ROUX&semaine=2026-13-45")
            #expect(week.status == .unprocessableContent)
            #expect(week.body.contains(#"<p id="semaine-erreur" class="error">"#))
            #expect(week.body.contains(#"value="2026-13-45""#))
            #expect(!week.body.contains("<table class=\"week\">"))
            let who = try await browser.get("/agenda?voir=c:C-NOBODY")
            #expect(who.status == .unprocessableContent)
            #expect(who.body.contains(#"<p id="voir-erreur" class="error">"#))
            let english = try await browser.get(
                "/agenda?semaine=x", headers: [.acceptLanguage: "en"])
            #expect(english.body.contains("must be a day written YYYY-MM-DD"))
        }
    }
}
