import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// The tables written in Swift (day sheet, waiting list, agenda grid, a patient's sessions) escape
/// every name and label as the templates do: markup in a name, a room or a clinician is text.
@Suite struct DeskEscapingTests {
    static let hostileRoom = "<script>room()</script>"
    static let hostileGiven = "\"><img src=x onerror=alert(1)>"
    static let hostileFamily = "O'Brien<b>"

    @Test func markupInANameARoomOrAClinicianIsShownAsTextInEveryWrittenTable() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let store = fixture.store
            let actor = DeskFixture.secretary
            let hours = try WeeklyHours(parsing: "mon-fri 09:00-17:00")
            try store.addClinician(
                Clinician(id: "C-EVIL", name: "Dr <i>Evil</i> & Co", role: .psychologist, hours: hours), actor: actor)
            try store.addRoom(
                Room(id: "R-EVIL", name: Self.hostileRoom, capacity: 1, features: [.individual]), actor: actor)
            let referred = try #require(LocalDate(parsing: "2026-10-01"))
            let born = try #require(LocalDate(parsing: "1988-05-06"))
            for code: PatientCode in ["P-EVIL", "P-WAIT2"] {
                try store.addPatient(
                    Patient(
                        code: code, birthDate: born, category: .domesticViolence, referralSource: .legalAid,
                        referralDate: referred),
                    identity: PatientIdentity(code: code, givenName: Self.hostileGiven, familyName: Self.hostileFamily),
                    actor: actor)
                try store.addEnrolment(
                    Enrolment(patient: code, track: "adult-domestic-violence", state: .enrolled, enrolledOn: referred),
                    actor: actor)
            }
            // P-EVIL has a session in the hostile room with the hostile clinician; P-WAIT2 waits.
            let start = DeskFixture.start.addingTimeInterval(3 * 3600)
            try store.book(
                [
                    Appointment(
                        id: "A-EVIL", patient: "P-EVIL", track: "adult-domestic-violence", step: "intake",
                        occurrence: 1, start: start, end: start.addingTimeInterval(3600), clinicians: ["C-EVIL"],
                        room: "R-EVIL")
                ], actor: actor)
            let marie = Browser(client)
            try await marie.signIn("marie")
            let pages = [
                "/aujourdhui?jour=2026-11-26", "/liste-attente", "/patients/P-EVIL",
                "/agenda?voir=c:C-EVIL&semaine=2026-11-26", "/agenda?voir=s:R-EVIL&semaine=2026-11-26",
            ]
            for uri in pages {
                let page = try await marie.get(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(!page.body.contains("<script>") && !page.body.contains("<img"), "\(uri)")
                #expect(!page.body.contains("<i>Evil") && !page.body.contains("<b>"), "\(uri)")
            }
            let today = try await marie.get("/aujourdhui?jour=2026-11-26").body
            #expect(today.contains("<td>&lt;script&gt;room()&lt;/script&gt;</td>"))
            #expect(today.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; O&#39;Brien&lt;b&gt;"))
            #expect(today.contains("<h2>Dr &lt;i&gt;Evil&lt;/i&gt; &amp; Co</h2>"))
            let waiting = try await marie.get("/liste-attente").body
            #expect(waiting.contains("<a href=\"/patients/P-WAIT2\">P-WAIT2</a>"))
            #expect(waiting.contains("<span class=\"name\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt; O&#39;Brien"))
            let week = try await marie.get("/agenda?voir=c:C-EVIL&semaine=2026-11-26").body
            #expect(week.contains("<br>&lt;script&gt;room()&lt;/script&gt;\n"))
            let room = try await marie.get("/agenda?voir=s:R-EVIL&semaine=2026-11-26").body
            #expect(room.contains("<br>Dr &lt;i&gt;Evil&lt;/i&gt; &amp; Co\n"))
        }
    }
}
