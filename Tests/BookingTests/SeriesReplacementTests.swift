import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// A cancelled or missed session is replaced inside its series: between its neighbours, within
/// the spacing, or with the rest of the series shifted after it; never after the closing.
@Suite struct SeriesReplacementTests {
    let zone = ClinicTimeZone.paris

    func localDay(_ instant: Date) -> LocalDate { zone.local(instant).date }

    /// The patient's active sessions in the order the track gives them.
    func series(_ centre: TestCentre, _ code: PatientCode) throws -> [Appointment] {
        let track = try shippedTrack("adult-domestic-violence")
        let rank = { (a: Appointment) in (track.steps.firstIndex { $0.id == a.step } ?? 99) * 1000 + a.occurrence }
        return try centre.store.appointments(patient: code).filter { $0.status == .booked || $0.status == .attended }
            .sorted { rank($0) < rank($1) }
    }

    /// Every session after the one before it in track order, and within the track's spacing.
    func expectInOrderAndSpaced(_ sessions: [Appointment]) throws {
        let track = try shippedTrack("adult-domestic-violence")
        for (previous, session) in zip(sessions, sessions.dropFirst()) {
            #expect(
                previous.start < session.start,
                "\(session.step) \(session.occurrence) is not after \(previous.step) \(previous.occurrence)")
            guard let spacing = track.step(session.step)?.spacing else { continue }
            let days = localDay(previous.start).days(to: localDay(session.start))
            if let min = spacing.minDays {
                #expect(days >= min, "\(session.step) \(session.occurrence): \(days) days < \(min)")
            }
            if let max = spacing.maxDays {
                #expect(days <= max, "\(session.step) \(session.occurrence): \(days) days > \(max)")
            }
        }
    }

    @Test func aCancelledTherapyIsReplacedBetweenItsNeighboursAndBookNextBooksItThere() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booked = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let third = try #require(booked.first { $0.step == "therapy" && $0.occurrence == 3 })
        let fourth = try #require(booked.first { $0.step == "therapy" && $0.occurrence == 4 })
        let closing = try #require(booked.first { $0.step == "closing" })
        let result = try centre.service.cancel(third.id, by: .patient, reason: "ill", today: TestCentre.today)
        let proposal = try result.rebook.get()
        let replacement = try #require(proposal.appointments.first)
        #expect(replacement.step == "therapy" && replacement.occurrence == 3)
        #expect(replacement.start < fourth.start)
        #expect(replacement.start < closing.start)
        #expect(
            localDay(replacement.start) != localDay(third.start), "the day the patient cancelled is not offered again")
        let next = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        #expect(next.appointments.map(\.start) == [replacement.start])
        let after = try series(centre, "P-2222")
        #expect(after.count == 13)
        try expectInOrderAndSpaced(after)
    }

    @Test func whenThereIsNoRoomBetweenTheNeighboursTheRestOfTheSeriesShiftsAndTheClosingFollows() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booked = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let third = try #require(booked.first { $0.step == "therapy" && $0.occurrence == 3 })
        let fourth = try #require(booked.first { $0.step == "therapy" && $0.occurrence == 4 })
        // Therapy 4 pulled close to therapy 2 leaves no 6-day gap on either side for therapy 3.
        let second = try #require(booked.first { $0.step == "therapy" && $0.occurrence == 2 })
        _ = try centre.service.cancel(third.id, by: .centre, reason: "clinician ill", today: TestCentre.today)
        var pulled = fourth
        pulled.start = second.start.addingTimeInterval(7 * 86_400)
        pulled.end = pulled.start.addingTimeInterval(3600)
        try centre.store.move(fourth.id, to: pulled, actor: TestCentre.secretary, reason: "test setup")
        let booking = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        #expect(booking.appointments.map(\.occurrence) == [3])
        #expect(!booking.shifted.isEmpty)
        #expect(booking.shifted.contains { $0.id == fourth.id })
        let after = try series(centre, "P-2222")
        #expect(after.count == 13)
        #expect(after.last?.step == "follow-up")
        try expectInOrderAndSpaced(after)
    }

    @Test func aCancelledIntakeIsRebookedBeforeAnyTherapyWithinItsWindow() throws {
        let centre = try TestCentre()
        let patient = try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booked = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let intake = try #require(booked.first { $0.step == "intake" })
        let firstTherapy = try #require(booked.first { $0.step == "therapy" && $0.occurrence == 1 })
        let result = try centre.service.cancel(intake.id, by: .patient, reason: "ill", today: TestCentre.today)
        let replacement = try #require(try result.rebook.get().appointments.first)
        #expect(replacement.step == "intake")
        _ = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        let after = try series(centre, "P-2222")
        #expect(after.first?.step == "intake")
        #expect(after.count == 13)
        try expectInOrderAndSpaced(after)
        let newIntake = try #require(after.first)
        #expect(localDay(newIntake.start) <= patient.referralDate.adding(days: 21))
        // Nothing later than needed: the first therapy moved only if the intake could not fit before it.
        let therapy = try #require(after.first { $0.step == "therapy" && $0.occurrence == 1 })
        #expect(therapy.start >= firstTherapy.start)
    }

    @Test func aMissedSessionIsReplacedInsideTheSeriesNotAfterTheFollowUp() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booked = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let sorted = booked.sorted { $0.start < $1.start }
        for session in sorted.prefix(2) { _ = try centre.service.attend(session.id, at: session.start) }
        let missed = sorted[2]
        _ = try centre.service.noShow(missed.id, at: missed.start)
        let today = localDay(missed.start)
        let booking = try centre.service.book(.init(patient: "P-2222", scope: .next), today: today)
        #expect(booking.appointments.map(\.occurrence) == [missed.occurrence])
        let after = try series(centre, "P-2222")
        #expect(after.count == 13)
        try expectInOrderAndSpaced(after)
    }

    @Test func aNoShowForASessionThatHasNotBegunIsRefusedAndChangesNothing() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booked = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let later = try #require(booked.last)
        #expect(throws: BookingError.self) {
            _ = try centre.service.noShow(later.id, at: later.start.addingTimeInterval(-35 * 86_400))
        }
        #expect(try centre.store.appointment(later.id)?.status == .booked)
    }

    @Test func aTherapyIsNotAttendedWhileTheIntakeHasNotBeenHeld() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booked = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let intake = try #require(booked.first { $0.step == "intake" })
        let therapy = try #require(booked.first { $0.step == "therapy" && $0.occurrence == 1 })
        _ = try centre.service.noShow(intake.id, at: intake.start)
        #expect(throws: BookingError.self) { _ = try centre.service.attend(therapy.id, at: therapy.start) }
        #expect(try centre.store.appointment(therapy.id)?.status == .booked)
    }

    @Test func aCancelledSessionWithNothingAfterItIsNotProposedOnTheSameDayAgain() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let intake = try #require(
            try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today).appointments.first)
        let result = try centre.service.cancel(intake.id, by: .patient, reason: "unwell", today: TestCentre.today)
        let replacement = try #require(try result.rebook.get().appointments.first)
        #expect(replacement.step == "intake")
        #expect(localDay(replacement.start) != localDay(intake.start))
    }
}
