import CareModel
import Foundation
import ICalendar
import Testing

@Suite("Feed composition")
struct FeedComposerTests {
    static let roux = Clinician(id: "C-ROUX", name: "Dr Anne Roux", role: .psychiatrist, hours: WeeklyHours())
    static let salle = Room(id: "R-201", name: "Bureau 201", capacity: 2, features: [.individual])
    static let now = Paris.at("2026-11-26", 12)
    static let composer = FeedComposer(
        steps: [
            "adult-domestic-violence": [
                "therapy": StepLabel(title: "TF-CBT session", kind: "therapy", sessions: 10),
                "intake": StepLabel(title: "Intake assessment", kind: "assessment"),
            ]
        ],
        roomNames: ["R-201": "Bureau 201"])

    static func session(
        _ uid: String, step: StepID = "therapy", occurrence: Int = 3, start: Date,
        status: AppointmentStatus = .booked, patient: PatientCode = "P-7KQ2",
        clinicians: [ClinicianID] = ["C-ROUX"]
    ) -> FeedSession {
        FeedSession(
            appointment: Appointment(
                id: AppointmentID(uid), patient: patient, track: "adult-domestic-violence", step: step,
                occurrence: occurrence, start: start, end: start.addingTimeInterval(3600),
                clinicians: clinicians, room: "R-201", status: status),
            uid: "\(uid)@parcours", sequence: 0, created: Fixtures.stamp, lastModified: Fixtures.stamp)
    }

    @Test func aClinicianSeesStepOccurrenceAndCodeWithRoomAndKindButNeverTheTrack() throws {
        let feed = try Self.composer.feed(
            for: .clinician(Self.roux),
            sessions: [
                Self.session("a", start: Paris.at("2026-12-01", 14)),
                Self.session("b", step: "intake", occurrence: 1, start: Paris.at("2026-12-02", 9)),
                Self.session("other", start: Paris.at("2026-12-03", 9), clinicians: ["C-BENALI"]),
            ],
            closedDays: [ClosedDay(date: Paris.day("2026-12-25"), label: "Noël")], now: Self.now)
        #expect(feed.events.map(\.summary) == ["TF-CBT session 3/10 · P-7KQ2", "Intake assessment · P-7KQ2"])
        #expect(feed.events.map(\.location) == ["Bureau 201", "Bureau 201"])
        #expect(feed.events.map(\.categories) == [["therapy"], ["assessment"]])
        #expect(feed.allDayEvents.map(\.summary) == ["Centre fermé · Noël"])
        let text = try CalendarExporter.ics(feed)
        #expect(!text.contains("domestic") && !text.contains("violence"))
    }

    @Test func aGroupSessionAppearsOnceInAFacilitatorsFeedWithItsHeadcount() throws {
        let start = Paris.at("2026-12-01", 14)
        func member(_ code: String, status: AppointmentStatus = .booked) -> FeedSession {
            var s = Self.session(
                "g-\(code)", start: start, status: status, patient: PatientCode(code),
                clinicians: ["C-ROUX", "C-LAMBERT"])
            s.appointment.cohort = "G-2026-12-01-AB12"
            return s
        }
        let feed = try Self.composer.feed(
            for: .clinician(Self.roux),
            sessions: [member("P-2222"), member("P-3333"), member("P-4444", status: .cancelledByPatient)], now: Self.now
        )
        #expect(feed.events.count == 1)
        #expect(feed.events.first?.summary == "TF-CBT session 3/10 · 2 patients")
        #expect(feed.events.first?.status == .confirmed)
        #expect(feed.events.first?.uid == "g-2026-12-01-ab12-therapy-3@parcours")
        let text = try CalendarExporter.ics(feed)
        #expect(!text.contains("P-2222") && !text.contains("P-3333"))
    }

    @Test func cancelledSessionsStayThirtyDaysThenLeaveTheFeed() throws {
        let sessions = [
            Self.session("recent", start: Paris.at("2026-11-10", 9), status: .cancelledByPatient),
            Self.session("old", start: Paris.at("2026-10-20", 9), status: .cancelledByCentre),
            Self.session("held", start: Paris.at("2026-10-20", 11), status: .attended),
        ]
        let feed = try Self.composer.feed(for: .room(Self.salle), sessions: sessions, now: Self.now)
        #expect(feed.events.map(\.uid) == ["recent@parcours", "held@parcours"])
        #expect(feed.events.map(\.status) == [.cancelled, .confirmed])
    }

    @Test func aPatientFeedIsNeutralAndOnlyOnOptIn() throws {
        var patient = Patient(
            code: "P-7KQ2", birthDate: Paris.day("1988-01-01"), category: .domesticViolence,
            language: .french, referralSource: .legalAid, referralDate: Paris.day("2026-11-01"))
        let sessions = [Self.session("a", start: Paris.at("2026-12-01", 14))]
        #expect(throws: ICalendarError.patientCalendarNotOptedIn(patient: "P-7KQ2")) {
            try Self.composer.feed(for: .patient(patient), sessions: sessions, now: Self.now)
        }
        patient.safeChannels = [.calendar]
        let feed = try Self.composer.feed(
            for: .patient(patient), sessions: sessions,
            closedDays: [ClosedDay(date: Paris.day("2026-12-25"), label: "Noël")], now: Self.now)
        #expect(feed.name == "Rendez-vous")
        #expect(feed.events.map(\.summary) == ["Rendez-vous"])
        #expect(feed.events.allSatisfy { $0.location == nil && $0.categories.isEmpty })
        #expect(feed.allDayEvents.isEmpty)
    }

    @Test func aStepMissingFromTheCatalogueIsNamedNeutrally() {
        let stray = Self.session("x", step: "forensic-unit", start: Self.now).appointment
        #expect(Self.composer.title(of: stray) == "Séance · P-7KQ2")
    }
}

@Suite("Closed days and absences from imported events")
struct UnavailabilityImportTests {
    @Test func theHolidaysFileGivesFiftyFiveClosedDays() throws {
        let events = try CalendarImporter().events(
            inICS: Array(try Data(contentsOf: Fixtures.holidaysFile)),
            from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        let days = try UnavailabilityImport.closedDays(from: events)
        #expect(days.count == 55)
        #expect(days.first == ClosedDay(date: Paris.day("2026-01-01"), label: "Jour de l'An"))
    }

    @Test func aTimedEventIsRefusedAsAClosedDay() throws {
        let event = ImportedEvent(
            uid: "x", summary: "Fermeture à 14h",
            timing: .timed(start: Paris.at("2026-12-24", 14), end: Paris.at("2026-12-24", 18)), line: 7)
        #expect(throws: ICalendarError.timedClosure(line: 7, summary: "Fermeture à 14h")) {
            try UnavailabilityImport.closedDays(from: [event])
        }
    }

    @Test func anAllDayAbsenceRunsFromLocalMidnightToLocalMidnight() {
        let leave = ImportedEvent(
            uid: "l", summary: "Congés",
            timing: .allDay(firstDay: Paris.day("2026-12-21"), endExclusive: Paris.day("2026-12-24")), line: 3)
        let cancelled = ImportedEvent(
            uid: "c", summary: "Formation", timing: .timed(start: Self.noon, end: Self.noon),
            isCancelled: true, line: 9)
        let absences = UnavailabilityImport.absences(of: "C-ROUX", from: [leave, cancelled])
        #expect(
            absences == [
                ClinicianAbsence(
                    clinician: "C-ROUX", start: utc("20261220T230000Z"),
                    end: utc("20261223T230000Z"), reason: "Congés")
            ])
    }

    static let noon = Paris.at("2026-12-01", 12)
}
