import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// *Rapports*: completion and capacity for coordinators, as tables and CSV attachments that a
/// spreadsheet cannot run, never with an identity.
@Suite struct DeskReportsTests {
    @Test func aCoordinatorSeesCompletionAndCapacityTablesWithoutAnyIdentity() async throws {
        try await DeskFixture.withDesk { _, client in
            let claire = Browser(client)
            try await claire.signIn("claire")
            let page = try await claire.get("/rapports?par=category&semaines=2")
            #expect(page.status == .ok)
            #expect(page.body.contains("Achèvement des parcours"))
            #expect(page.body.contains(#"<th scope="col">Patients adressés</th>"#))
            #expect(page.body.contains(#"<th scope="col">Séances hors règle (dérogation)</th>"#))
            // The fixture's three patients are one group under five: shown "<5", figures withheld.
            #expect(page.body.contains(#"<th scope="row">domestic-violence</th><td>&lt;5</td>"#))
            #expect(page.body.contains(#"<th scope="row">Dr Hélène Roux</th>"#))
            #expect(page.body.contains(#"<th scope="row">Salle Iris</th>"#))
            #expect(page.body.contains("2026-W48"))
            #expect(page.body.contains(#"href="/rapports/capacite.csv?par=category&amp;semaines=2""#))
            for identity in ["Dupont", "alert(1)", "Camille", "Secret", "Attente"] {
                #expect(!page.body.contains(identity), "\(identity)")
            }
            #expect(try await claire.get("/patients/P-SCRT").body.contains("Dupont") == false)
        }
    }

    @Test func theCSVDownloadsAreAttachmentsWhoseFormulaCellsStayText() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let hours = try WeeklyHours(parsing: "mon-fri 09:00-17:00")
            try fixture.store.addClinician(
                Clinician(
                    id: "C-EVIL", name: "=HYPERLINK(\"http://evil.example\",\"x\")", role: .psychologist,
                    hours: hours), actor: DeskFixture.secretary)
            let claire = Browser(client)
            try await claire.signIn("claire")
            let capacity = try await claire.get("/rapports/capacite.csv?semaines=1")
            #expect(capacity.status == .ok)
            #expect(capacity.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(capacity.headers[.contentDisposition] == "attachment; filename=\"capacite-2026-11-26.csv\"")
            #expect(capacity.body.hasPrefix("kind,id,name,week,monday,booked_hours,available_hours,percent\r\n"))
            #expect(
                capacity.body.contains(
                    "clinician,C-EVIL,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",2026-W48"))
            #expect(!capacity.body.contains(",=HYPERLINK"))
            let completion = try await claire.get("/rapports/completion.csv?par=track")
            #expect(completion.status == .ok)
            #expect(completion.headers[.contentDisposition] == "attachment; filename=\"completion-track.csv\"")
            #expect(completion.body.hasPrefix("track,patients,enrolled,"))
        }
    }

    @Test func aBadChoiceIsShownNextToItsFieldAndTheCSVRefusesIt() async throws {
        try await DeskFixture.withDesk { _, client in
            let claire = Browser(client)
            try await claire.signIn("claire")
            let page = try await claire.get("/rapports?semaines=500")
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains(#"<p id="semaines-erreur" class="error">"#))
            #expect(page.body.contains(#"value="500""#))
            let grouping = try await claire.get("/rapports?par=nom")
            #expect(grouping.status == .unprocessableContent)
            #expect(grouping.body.contains(#"<p id="par-erreur" class="error">"#))
            #expect(try await claire.get("/rapports/capacite.csv?semaines=0").status == .badRequest)
            #expect(try await claire.get("/rapports/completion.csv?par=%3Cx%3E").status == .badRequest)
        }
    }

    @Test func figuresFollowAChangeWithoutWaitingForTheMinuteAndThePageSaysWhenTheyWereComputed() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let claire = Browser(client)
            try await claire.signIn("claire")
            let page = try await claire.get("/rapports?semaines=1")
            #expect(
                page.body.contains(
                    "Chiffres calculés le (recalculés après chaque changement, au plus tard une minute après) : 2026-11-26 11:00."
                ))
            // Unchanged data: the same figures.
            fixture.clock.advance(30)
            #expect(try await claire.get("/rapports?semaines=1").body.contains(" : 2026-11-26 11:00."))
            let hours = try WeeklyHours(parsing: "mon-fri 09:00-17:00")
            try fixture.store.addClinician(
                Clinician(id: "C-NEUF", name: "Nouvelle Clinicienne", role: .psychologist, hours: hours),
                actor: DeskFixture.secretary)
            // The database changed: the previous figures are served while new ones are computed…
            fixture.clock.advance(1)
            #expect(!(try await claire.get("/rapports/capacite.csv?semaines=1")).body.contains("C-NEUF"))
            // …and the new ones come well before the minute is up.
            var csv = ""
            for _ in 0..<200 where !csv.contains("C-NEUF") {
                try await Task.sleep(for: .milliseconds(10))
                csv = try await claire.get("/rapports/capacite.csv?semaines=1").body
            }
            #expect(csv.contains("C-NEUF"))
            let later = try await claire.get("/rapports?semaines=1")
            #expect(later.body.contains("Nouvelle Clinicienne"))
            #expect(later.body.contains(" : 2026-11-26 11:00."))
        }
    }

    @Test func onlyCoordinatorsOpenTheReports() async throws {
        try await DeskFixture.withDesk { _, client in
            for account in ["marie", "helene", "root"] {
                let browser = Browser(client)
                try await browser.signIn(account)
                #expect(try await browser.get("/rapports").status == .forbidden, "\(account)")
                #expect(try await browser.get("/rapports/completion.csv").status == .forbidden, "\(account)")
            }
        }
    }
}
