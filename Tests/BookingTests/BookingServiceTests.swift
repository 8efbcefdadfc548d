import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// A small real centre on a temporary SQLite file, with the shipped care tracks.
final class TestCentre {
    let directory: URL
    let store: ParcoursStore
    let service: BookingService
    static let today = LocalDate(year: 2027, month: 1, day: 11) ?? LocalDate(daysSinceEpoch: 0) // a Monday
    static let secretary = Actor(name: "secretary")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-booking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ParcoursStore.create(at: directory.appendingPathComponent("parcours.sqlite").path)
        service = BookingService(store: store, catalog: try shippedCatalog.get(), actor: Self.secretary)
        let hours = try WeeklyHours(parsing: "mon-fri 09:00-17:00")
        for clinician in [
            Clinician(id: "C-ROUX", name: "Roux", role: .psychiatrist, skills: [.emdr, .tfCBT], hours: hours),
            Clinician(
                id: "C-MOREAU", name: "Moreau", role: .psychologist, skills: [.tfCBT, .groupFacilitation], hours: hours),
            Clinician(
                id: "C-PETIT", name: "Petit", role: .psychologist, skills: [.prolongedExposure, .groupFacilitation],
                hours: hours),
            Clinician(
                id: "C-FAURE", name: "Faure", role: .psychologist, skills: [.narrativeExposure],
                languages: ["fr", "ar"], hours: hours),
        ] { try store.addClinician(clinician, actor: Self.secretary) }
        try store.addRoom(
            Room(id: "R-1", name: "Bureau 1", capacity: 3, features: [.individual, .accessible]), actor: Self.secretary)
        try store.addRoom(
            Room(id: "R-2", name: "Bureau 2", capacity: 3, features: [.individual]), actor: Self.secretary)
        try store.addRoom(
            Room(id: "R-G", name: "Salle de groupe", capacity: 12, features: [.group]), actor: Self.secretary)
        try store.addInterpreter(
            Interpreter(id: "I-HADDAD", name: "Haddad", languages: ["ar"], hours: hours), actor: Self.secretary)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Registers and enrols a patient referred a week before `today`.
    @discardableResult
    func enrol(
        _ code: String, on track: String, category: VictimCategory = .domesticViolence, language: LanguageCode = .french
    )
        throws -> Patient
    {
        let patient = Patient(
            code: PatientCode(code), birthDate: LocalDate(year: 1985, month: 6, day: 1) ?? Self.today,
            category: category, language: language, referralSource: .generalPractitioner,
            referralDate: Self.today.adding(days: -7))
        try store.addPatient(patient, actor: Self.secretary)
        var machine = EnrolmentMachine()
        let track = try #require(service.catalog.track(TrackID(track)))
        _ = try machine.enrol(
            on: track, date: Self.today.adding(days: -7), at: Date(timeIntervalSince1970: 1_799_000_000))
        try store.addEnrolment(try #require(machine.enrolment(patient: patient.code)), actor: Self.secretary)
        return patient
    }
}

@Suite struct BookingServiceTests {
    @Test func aWholeSeriesIsBookedWithOneClinicianForTheTherapyAndNoOverlap() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        let first = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today)
        let second = try centre.service.book(.init(patient: "P-3333"), today: TestCentre.today)
        #expect(first.appointments.count == 13)
        #expect(second.appointments.count == 13)
        let therapists = Set(
            first.appointments.filter { $0.step == "therapy" || $0.step == "closing" }.flatMap(\.clinicians))
        #expect(therapists.count == 1)
        let all = first.appointments + second.appointments
        for a in all {
            for b in all where a.id < b.id && a.start < b.end && b.start < a.end {
                #expect(Set(a.clinicians).isDisjoint(with: b.clinicians), "\(a.id) and \(b.id) share a clinician")
                #expect(a.room != b.room, "\(a.id) and \(b.id) share a room")
            }
        }
        #expect(first.appointments.allSatisfy { TestCentre.today < ClinicTimeZone.paris.local($0.start).date })
        #expect(try centre.store.appointments(patient: "P-2222").count == 13)
    }

    @Test func aPatientWhoNeedsAnInterpreterGetsOneInTheLanguageUnlessTheClinicianSpeaksIt() throws {
        let centre = try TestCentre()
        try centre.enrol("P-4444", on: "adult-migrant", category: .migrant, language: "ar")
        let booking = try centre.service.book(.init(patient: "P-4444"), today: TestCentre.today)
        #expect(!booking.appointments.isEmpty)
        // C-FAURE speaks Arabic and sees the patient alone; with anyone else, Samir Haddad interprets.
        for appointment in booking.appointments {
            if appointment.clinicians == ["C-FAURE"] {
                #expect(appointment.interpreter == nil, "\(appointment.step)")
            } else {
                #expect(appointment.interpreter == "I-HADDAD", "\(appointment.step) with \(appointment.clinicians)")
            }
        }
    }

    @Test func attendanceMovesThePathwayToTreatmentThenCompletion() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today)
        let afterAll = Date(timeIntervalSince1970: 2_000_000_000)
        let intake = try centre.service.attend(booking.appointments[0].id, at: afterAll)
        #expect(intake.state == .inTreatment)
        var last = intake
        for appointment in booking.appointments.dropFirst() where appointment.step != "follow-up" {
            last = try centre.service.attend(appointment.id, at: afterAll)
        }
        #expect(last.state == .completed)
        #expect(try centre.store.currentEnrolment(patient: "P-2222")?.state == .completed)
    }

    @Test func attendanceBeforeTheSessionIsRefused() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        #expect(throws: BookingError.self) {
            _ = try centre.service.attend(booking.appointments[0].id, at: Date(timeIntervalSince1970: 1_700_000_000))
        }
    }

    @Test func twoNoShowsInARowRaiseADropOutReview() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today)
        #expect(
            try centre.service.noShow(booking.appointments[0].id, at: booking.appointments[0].start).dropOutReview
                == nil)
        #expect(
            try centre.service.noShow(booking.appointments[1].id, at: booking.appointments[1].start).dropOutReview == 2)
    }

    @Test func aCancellationFreesTheSlotAndProposesAReplacement() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        let result = try centre.service.cancel(
            booking.appointments[0].id, by: .patient, reason: "ill", today: TestCentre.today)
        #expect(result.cancelled.status == .cancelledByPatient)
        let replacement = try result.rebook.get()
        #expect(replacement.appointments.first?.step == "intake")
        #expect(try centre.store.appointment(booking.appointments[0].id)?.status == .cancelledByPatient)
    }

    @Test func aMoveOntoAnotherPatientsClinicianIsAConflictAndAutoFindsAFreeTime() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        let a = try centre.service.book(
            .init(patient: "P-2222", scope: .next, clinician: "C-ROUX"), today: TestCentre.today)
        let b = try centre.service.book(
            .init(patient: "P-3333", scope: .next, clinician: "C-ROUX"), today: TestCentre.today)
        let target = ClinicTimeZone.paris.local(a.appointments[0].start)
        #expect(throws: BookingError.self) {
            _ = try centre.service.move(
                b.appointments[0].id, to: .at(target.date, target.time), today: TestCentre.today)
        }
        let moved = try centre.service.move(b.appointments[0].id, to: .auto, today: TestCentre.today)
        #expect(moved.id == b.appointments[0].id)
        #expect(!(moved.start < a.appointments[0].end && a.appointments[0].start < moved.end))
    }

    @Test func twoSecretariesBookingTheSameSlotAtOnceGetOneBookingAndOneConflict() async throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        // Both plan against the same snapshot with the same clinician: the same first slot.
        let one = try centre.service.propose(
            .init(patient: "P-2222", scope: .next, clinician: "C-ROUX"), today: TestCentre.today)
        let other = try centre.service.propose(
            .init(patient: "P-3333", scope: .next, clinician: "C-ROUX"), today: TestCentre.today)
        #expect(one.appointments[0].start == other.appointments[0].start)
        let path = centre.store.path
        let results = await withTaskGroup(of: Result<Void, StoreError>.self) { group in
            for booking in [one, other] {
                group.addTask {
                    do throws(StoreError) {
                        // A separate connection, as a second process would have.
                        let store = try ParcoursStore.open(at: path)
                        try store.book(booking.appointments, actor: Actor(name: "secretary"))
                        return .success(())
                    } catch { return .failure(error) }
                }
            }
            var all: [Result<Void, StoreError>] = []
            for await result in group { all.append(result) }
            return all
        }
        let failures = results.compactMap { if case let .failure(e) = $0 { e } else { nil } }
        #expect(failures.count == 1)
        if case .conflict = failures.first {} else { Issue.record("expected a conflict, got \(failures)") }
        let day = try #require(ClinicTimeZone.paris.instant(on: TestCentre.today, at: .midnight))
        #expect(try centre.store.activeAppointments(from: day, to: day.addingTimeInterval(86_400 * 60)).count == 1)
    }

    @Test func aGroupIsBookedAtItsWeeklySlotWithTwoFacilitatorsAndKeepsApartPairsOut() throws {
        let centre = try TestCentre()
        let codes = ["P-2222", "P-3333", "P-4444", "P-5555", "P-6666", "P-7777", "P-8888"]
        for code in codes { try centre.enrol(code, on: "adult-trauma-group", category: .accidentDisaster) }
        try centre.store.addKeepApart("P-2222", "P-8888", actor: TestCentre.secretary)
        for code in codes.dropLast() {
            _ = try centre.service.book(.init(patient: PatientCode(code)), today: TestCentre.today)
        }
        let group = try centre.service.createGroup(track: "adult-trauma-group", start: TestCentre.today)
        for code in codes.dropLast() { _ = try centre.service.addToGroup(group.id, patient: PatientCode(code)) }
        #expect(throws: BookingError.self) { _ = try centre.service.addToGroup(group.id, patient: "P-8888") }
        let result = try centre.service.bookGroup(group.id, today: TestCentre.today)
        let track = try #require(centre.service.catalog.track("adult-trauma-group"))
        let sessions = try #require(track.steps.first { $0.kind == .groupSession }).count.typical
        #expect(result.proposal.dates.count == sessions)
        #expect(result.appointments.count == sessions * 6)
        #expect(result.proposal.dates.allSatisfy { $0.weekday == track.cohort?.weekday })
        #expect(result.appointments.allSatisfy { $0.clinicians.count == 2 && $0.room == "R-G" })
        #expect(try centre.store.cohort(group.id)?.status == .booked)
        #expect(throws: BookingError.self) { _ = try centre.service.addToGroup(group.id, patient: "P-8888") }
    }

    @Test func theWaitingListIsBookedMostUrgentFirstAndEmptiesItself() throws {
        let centre = try TestCentre()
        for code in ["P-2222", "P-3333", "P-4444"] { try centre.enrol(code, on: "adult-domestic-violence") }
        #expect(try centre.service.waitlist(today: TestCentre.today).count == 3)
        let outcome = try centre.service.scheduleWaitlist(today: TestCentre.today)
        #expect(outcome.booked.count == 3)
        #expect(outcome.sessions == 39)
        #expect(try centre.service.waitlist(today: TestCentre.today).isEmpty)
    }

    @Test func theRestOfASeriesMovesWithTheSameRhythmAllOrNothing() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today)
        let therapy = booking.appointments.filter { $0.step == "therapy" }
        let third = therapy[2]
        let old = ClinicTimeZone.paris.local(third.start)
        let target = old.date.adding(days: 2)
        let moved = try centre.service.moveRestOfSeries(
            third.id, to: .at(target, LocalTime(hour: 10) ?? .midnight),
            today: TestCentre.today)
        let later = booking.appointments.filter { $0.start >= third.start && $0.status == .booked }
        #expect(moved.map(\.id) == later.sorted { $0.start < $1.start }.map(\.id))
        for (before, after) in zip(later.sorted { $0.start < $1.start }, moved) {
            let b = ClinicTimeZone.paris.local(before.start), a = ClinicTimeZone.paris.local(after.start)
            #expect(b.date.days(to: a.date) == 2)
            #expect(a.time == LocalTime(hour: 10))
        }
        #expect(try centre.store.appointment(third.id)?.start == moved.first?.start)
        #expect(try centre.store.appointment(therapy[1].id)?.start == therapy[1].start, "earlier sessions stay")
    }

    @Test func theRestOfASeriesCanBeReplannedByTheScheduler() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today)
        let fifth = booking.appointments.filter { $0.step == "therapy" }[4]
        let moved = try centre.service.moveRestOfSeries(fifth.id, to: .auto, today: TestCentre.today)
        #expect(moved.count == booking.appointments.filter { $0.start >= fifth.start }.count)
        let therapists = Set(
            try centre.store.appointments(patient: "P-2222").filter { $0.step == "therapy" }.flatMap(\.clinicians))
        #expect(therapists.count == 1, "continuity holds after a replan")
    }
}
