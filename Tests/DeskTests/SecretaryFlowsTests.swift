import Booking
import CareModel
import Desk
import Foundation
import Hummingbird
import Store
import Testing

/// The secretary's flows over HTTP: a referral registered and enrolled, a series proposed then
/// confirmed, a session cancelled and its replacement booked, a move to a proposed time, the
/// waiting list booked in one batch; each refusal changes nothing.
@Suite struct SecretaryFlowsTests {
    /// A French-speaking TF-CBT psychologist, so the domestic-violence track can be booked.
    static func addTherapist(_ fixture: DeskFixture) throws {
        try fixture.store.addClinician(
            Clinician(
                id: "C-BLANC", name: "Léa Blanc", role: .psychologist, skills: [.tfCBT],
                hours: try WeeklyHours(parsing: "mon-fri 09:00-17:00")), actor: DeskFixture.secretary)
    }

    static let referral: [(String, String)] = [
        ("prenom", "Léa"), ("nom", "Martin"), ("naissance", "1988-03-12"), ("categorie", "domestic-violence"),
        ("source", "legal-aid"), ("adresse_le", "2026-11-20"), ("langue_patient", "fr"), ("interprete", "auto"),
        ("telephone", "06 12 34 56 78"), ("canal_phone", "on"),
    ]

    /// The value of the hidden field `name` on the page.
    static func hidden(_ name: String, in page: Page) -> String? {
        guard let range = page.body.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(page.body[range.upperBound...].prefix { $0 != "\"" })
    }

    static func replacing(_ fields: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
        fields.filter { $0.0 != name } + [(name, value)]
    }

    @Test func aReferralIsRegisteredThenEnrolledOnTheTrackItsCategoryCallsFor() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let form = try await browser.get("/adressages/nouveau")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"<label for="naissance">"#))
            #expect(form.body.contains(#"href="/adressages/nouveau""#), "the menu links to the form")
            let csrf = try #require(form.csrf)
            let sent = try await browser.post("/adressages/nouveau", [("csrf", csrf)] + Self.referral)
            #expect(sent.status == .seeOther)
            let location = try #require(sent.location)
            #expect(location.hasPrefix("/patients/P-") && location.hasSuffix("/inscription"))
            let code = PatientCode(String(location.dropFirst("/patients/".count).prefix { $0 != "/" }))
            let patient = try #require(try fixture.store.patient(code))
            #expect(patient.category == .domesticViolence && patient.safeChannels == [.phone])
            #expect(patient.referralDate == LocalDate(parsing: "2026-11-20"))
            #expect(try fixture.store.identity(code)?.familyName == "Martin")
            let enrolForm = try await browser.get(location)
            #expect(enrolForm.status == .ok)
            #expect(enrolForm.body.contains(#"value="adult-domestic-violence" checked"#))
            let enrolled = try await browser.post(location, [("csrf", csrf), ("parcours", "adult-domestic-violence")])
            #expect(enrolled.status == .seeOther)
            #expect(enrolled.location == "/patients/\(code.rawValue)")
            let enrolment = try #require(try fixture.store.currentEnrolment(patient: code))
            #expect(enrolment.track == "adult-domestic-violence" && enrolment.state == .enrolled)
            let actors = try fixture.store.auditEntries(entityID: code.rawValue).map(\.actor)
            #expect(!actors.isEmpty && actors.allSatisfy { $0 == "marie" }, "\(actors)")
            // Enrolled once: a second enrolment is refused, nothing added.
            let again = try await browser.get(location)
            #expect(again.body.contains("Parcours déjà en cours"))
        }
    }

    @Test func aMinorIsRefusedWithTheReferralToChildPsychiatryAndNothingIsSaved() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let csrf = try await browser.csrf()
            let before = try fixture.store.patients().count
            let minor = Self.replacing(Self.referral, "naissance", with: "2012-05-01")
            let page = try await browser.post("/adressages/nouveau", [("csrf", csrf)] + minor)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Aucun parcours du centre ne peut accueillir cette personne"))
            #expect(page.body.contains("La personne a 14 ans"))
            #expect(page.body.contains("pédopsychiatrie"))
            #expect(page.body.contains(#"value="2012-05-01""#), "the form is kept as typed")
            #expect(try fixture.store.patients().count == before)
        }
    }

    @Test func theVerdictShownWhileTypingIsTheRuleAppliedOnSubmit() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let form = try await browser.get("/adressages/nouveau")
            // The referral page alone may run a script, its own.
            #expect(form.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(form.body.contains(#"<script src="/static/referral.js" defer></script>"#))
            #expect(try await browser.get("/").headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
            #expect(try await browser.get("/static/referral.js").body.contains("/adressages/eligibilite"))
            let minor = try await browser.get(
                "/adressages/eligibilite?naissance=2012-05-01&categorie=domestic-violence&langue_patient=fr")
            #expect(minor.status == .ok)
            #expect(minor.body.contains("pédopsychiatrie") && minor.body.contains("La personne a 14 ans"))
            let adult = try await browser.get(
                "/adressages/eligibilite?naissance=1980-05-01&categorie=migrant&langue_patient=ar&interprete=oui")
            #expect(adult.body.contains("Éligible"))
            #expect(adult.body.contains(try #require(try DeskFixture.catalog.get().track("adult-migrant")).title))
            let partial = try await browser.get("/adressages/eligibilite?naissance=19")
            #expect(partial.status == .ok)
            #expect(partial.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }
    }

    @Test func badFieldsAreNamedNextToThemWithTheFormKeptAsTypedAndEscaped() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let browser = Browser(client)
            try await browser.signIn("marie")
            let csrf = try await browser.csrf()
            let before = try fixture.store.patients().count
            var fields = Self.replacing(Self.referral, "naissance", with: "31/02/19x")
            fields = Self.replacing(fields, "nom", with: "<script>alert(2)</script>")
            fields = Self.replacing(fields, "categorie", with: "")
            fields = Self.replacing(fields, "ecarter", with: "P-ZZZZ")
            fields = Self.replacing(fields, "prenom", with: String(repeating: "é", count: 201))
            let page = try await browser.post("/adressages/nouveau", [("csrf", csrf)] + fields)
            #expect(page.status == .unprocessableContent)
            for field in ["naissance", "categorie", "ecarter", "prenom"] {
                #expect(page.body.contains(#"id="\#(field)-error""#), "\(field)")
            }
            #expect(page.body.contains("Date attendue au format AAAA-MM-JJ"))
            #expect(page.body.contains("Trop long pour ce champ."))
            #expect(page.body.contains(#"value="31/02/19x""#))
            #expect(page.body.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
            #expect(!page.body.contains("<script>alert(2)"))
            #expect(page.body.contains(#"name="canal_phone" type="checkbox" checked"#))
            #expect(try fixture.store.patients().count == before)
        }
    }

    @Test func theFormsRefuseAPostWithoutItsToken() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addTherapist(fixture)
            let browser = Browser(client)
            try await browser.signIn("marie")
            let before = try fixture.store.patients().count
            for uri in [
                "/adressages/nouveau", "/patients/P-WAIT/reservation", "/liste-attente/programmation",
                "/seances/A-MART/annulation", "/seances/A-MART/deplacement",
            ] {
                let page = try await browser.post(uri, Self.referral + [("plan", "x"), ("par", "patient")])
                #expect(page.status == .forbidden, "\(uri)")
            }
            #expect(try fixture.store.patients().count == before)
            #expect(try fixture.store.appointments(patient: "P-WAIT").isEmpty)
            #expect(try fixture.store.appointment("A-MART")?.status == .booked)
        }
    }

    @Test func aSeriesIsProposedThenBookedOnConfirmation() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addTherapist(fixture)
            let browser = Browser(client)
            try await browser.signIn("marie")
            let patientPage = try await browser.get("/patients/P-WAIT")
            #expect(patientPage.body.contains(#"href="/patients/P-WAIT/reservation""#))
            let proposal = try await browser.get("/patients/P-WAIT/reservation")
            #expect(proposal.status == .ok)
            #expect(proposal.body.contains("Léa Blanc"))
            #expect(try fixture.store.appointments(patient: "P-WAIT").isEmpty, "showing a proposal books nothing")
            let plan = try #require(Self.hidden("plan", in: proposal))
            let rows = proposal.body.components(separatedBy: "<tr><td>").count - 1
            let confirmed = try await browser.post(
                "/patients/P-WAIT/reservation",
                [("csrf", try #require(proposal.csrf)), ("etape", "serie"), ("plan", plan)])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location == "/patients/P-WAIT")
            let booked = try fixture.store.appointments(patient: "P-WAIT")
            #expect(booked.count == rows && rows > 0)
            #expect(try fixture.store.auditEntries(entityID: booked[0].id.rawValue).first?.actor == "marie")
        }
    }

    @Test func aSlotTakenBetweenProposalAndConfirmationIsRefusedAndNothingIsBooked() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addTherapist(fixture)
            let browser = Browser(client)
            try await browser.signIn("marie")
            let proposal = try await browser.get("/patients/P-WAIT/reservation")
            let plan = try #require(Self.hidden("plan", in: proposal))
            // The same plan, computed as the desk does, to know which slot to take.
            let service = BookingService(
                store: fixture.store, catalog: try DeskFixture.catalog.get(), actor: DeskFixture.secretary,
                snapshots: SnapshotBuilder(notBefore: fixture.clock.now))
            let today = ClinicTimeZone.paris.today(at: fixture.clock.now)
            let shown = try service.propose(.init(patient: "P-WAIT"), today: today)
            #expect(shown.digest == plan)
            var taken = try #require(shown.appointments.min { $0.start < $1.start })
            taken.id = "A-TAKEN"
            taken.patient = "P-SCRT"
            taken.interpreter = nil
            // P-SCRT's intake is held already: the slot goes to a therapy session of theirs.
            taken.step = "therapy"
            try fixture.store.book([taken], actor: DeskFixture.secretary)
            let refused = try await browser.post(
                "/patients/P-WAIT/reservation",
                [("csrf", try #require(proposal.csrf)), ("etape", "serie"), ("plan", plan)])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Un créneau proposé a été pris entre-temps"))
            #expect(try fixture.store.appointments(patient: "P-WAIT").isEmpty)
            #expect(Self.hidden("plan", in: refused) != plan, "a new plan is offered")
        }
    }

    @Test func aCancelledSessionIsReplacedOnConfirmation() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addTherapist(fixture)
            let browser = Browser(client)
            try await browser.signIn("marie")
            let proposal = try await browser.get("/patients/P-WAIT/reservation")
            let csrf = try #require(proposal.csrf)
            _ = try await browser.post(
                "/patients/P-WAIT/reservation",
                [("csrf", csrf), ("plan", try #require(Self.hidden("plan", in: proposal)))])
            let series = try fixture.store.appointments(patient: "P-WAIT").sorted { $0.start < $1.start }
            let third = series[2]
            let patientPage = try await browser.get("/patients/P-WAIT")
            #expect(patientPage.body.contains(#"href="/seances/\#(third.id.rawValue)/annulation""#))
            let form = try await browser.get("/seances/\(third.id.rawValue)/annulation")
            #expect(form.status == .ok)
            // No reason, an over-long one: refused next to the field, the session still booked.
            let noReason = try await browser.post(
                "/seances/\(third.id.rawValue)/annulation", [("csrf", csrf), ("par", "centre"), ("motif", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.body.contains(#"id="motif-error""#))
            #expect(noReason.body.contains(#"value="centre" checked"#))
            let tooLong = try await browser.post(
                "/seances/\(third.id.rawValue)/annulation",
                [("csrf", csrf), ("par", "patient"), ("motif", String(repeating: "x", count: 201))])
            #expect(tooLong.status == .unprocessableContent)
            #expect(try fixture.store.appointment(third.id)?.status == .booked)
            let cancelled = try await browser.post(
                "/seances/\(third.id.rawValue)/annulation", [("csrf", csrf), ("par", "patient"), ("motif", "malade")])
            #expect(cancelled.status == .seeOther)
            #expect(cancelled.location == "/patients/P-WAIT/reservation?etape=suivante&annulee=1")
            #expect(try fixture.store.appointment(third.id)?.status == .cancelledByPatient)
            let replacement = try await browser.get(try #require(cancelled.location))
            #expect(replacement.status == .ok)
            #expect(replacement.body.contains("Séance annulée. Voici le remplacement proposé"))
            let plan = try #require(Self.hidden("plan", in: replacement))
            let booked = try await browser.post(
                "/patients/P-WAIT/reservation", [("csrf", csrf), ("etape", "suivante"), ("plan", plan)])
            #expect(booked.status == .seeOther)
            let active = try fixture.store.appointments(patient: "P-WAIT").filter { $0.status == .booked }
            #expect(active.count == series.count)
            #expect(!active.contains { $0.id == third.id })
        }
    }

    @Test func aSessionMovesToTheProposedTimeChosen() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addTherapist(fixture)
            let service = BookingService(
                store: fixture.store, catalog: try DeskFixture.catalog.get(), actor: DeskFixture.secretary,
                snapshots: SnapshotBuilder(notBefore: fixture.clock.now))
            let series = try service.book(
                .init(patient: "P-WAIT"), today: ClinicTimeZone.paris.today(at: fixture.clock.now)
            ).appointments
            let fifth = try #require(series.first { $0.step == "therapy" && $0.occurrence == 5 })
            let uri = "/seances/\(fifth.id.rawValue)/deplacement"
            let browser = Browser(client)
            try await browser.signIn("marie")
            let csrf = try await browser.csrf()
            let form = try await browser.get(uri)
            #expect(form.status == .ok)
            let marker = #"name="vers" value=""#
            let range = try #require(form.body.range(of: marker))
            let value = String(form.body[range.upperBound...].prefix { $0 != "\"" })
            let start = Date(timeIntervalSince1970: try #require(TimeInterval(value)))
            let refused = try await browser.post(
                uri, [("csrf", csrf), ("vers", "12"), ("motif", "le patient le demande")])
            #expect(refused.status == .conflict)
            #expect(try fixture.store.appointment(fifth.id)?.start == fifth.start)
            let unreasoned = try await browser.post(uri, [("csrf", csrf), ("vers", value), ("motif", " ")])
            #expect(unreasoned.status == .unprocessableContent)
            #expect(unreasoned.body.contains(#"id="motif-error""#))
            let moved = try await browser.post(
                uri, [("csrf", csrf), ("vers", value), ("motif", "le patient le demande")])
            #expect(moved.status == .seeOther)
            #expect(try fixture.store.appointment(fifth.id)?.start == start)
            #expect(start != fifth.start)
        }
    }

    @Test func theWaitingListIsBookedInOneBatchAfterAPreview() async throws {
        try await DeskFixture.withDesk { fixture, client in
            try Self.addTherapist(fixture)
            let browser = Browser(client)
            try await browser.signIn("marie")
            let list = try await browser.get("/liste-attente")
            #expect(list.body.contains(#"href="/liste-attente/programmation""#))
            let preview = try await browser.get("/liste-attente/programmation")
            #expect(preview.status == .ok)
            #expect(preview.body.contains("P-WAIT"))
            #expect(try fixture.store.appointments(patient: "P-WAIT").isEmpty)
            let csrf = try #require(preview.csrf)
            let stale = try await browser.post("/liste-attente/programmation", [("csrf", csrf), ("plan", "0000")])
            #expect(stale.status == .conflict)
            #expect(try fixture.store.appointments(patient: "P-WAIT").isEmpty)
            let plan = try #require(Self.hidden("plan", in: preview))
            let done = try await browser.post("/liste-attente/programmation", [("csrf", csrf), ("plan", plan)])
            #expect(done.status == .seeOther)
            #expect(!(try fixture.store.appointments(patient: "P-WAIT").isEmpty))
            let after = try await browser.get(try #require(done.location))
            #expect(after.body.contains("série(s) réservée(s)"))
        }
    }
}
