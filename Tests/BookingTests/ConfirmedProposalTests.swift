import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// The desk shows a plan, then books it on a second request: only if planning again gives the
/// same sessions; a slot taken in between is refused, nothing booked.
@Suite struct ConfirmedProposalTests {
    let today = TestCentre.today

    @Test func aConfirmedSeriesIsBookedExactlyAsProposed() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let shown = try centre.service.propose(.init(patient: "P-2222"), today: today)
        #expect(try centre.store.appointments(patient: "P-2222").isEmpty, "a proposal books nothing")
        guard
            case let .booked(booking) = try centre.service.confirm(
                .init(patient: "P-2222"), expected: shown.digest, today: today)
        else {
            Issue.record("the unchanged plan was not booked")
            return
        }
        let stored = try centre.store.appointments(patient: "P-2222").map(\.start).sorted()
        #expect(stored == shown.appointments.map(\.start).sorted())
        #expect(stored == booking.appointments.map(\.start).sorted())
        #expect(!stored.isEmpty)
    }

    @Test func aSlotTakenAfterTheProposalIsRefusedWithANewPlanAndNothingBooked() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        let shown = try centre.service.propose(.init(patient: "P-2222"), today: today)
        let first = try #require(shown.appointments.min { $0.start < $1.start })
        // Another secretary books P-3333 into the first proposed slot, same clinician and room.
        var taken = first
        taken.id = "A-TAKEN"
        taken.patient = "P-3333"
        try centre.store.book([taken], actor: TestCentre.secretary)
        let answer = try centre.service.confirm(.init(patient: "P-2222"), expected: shown.digest, today: today)
        guard case let .changed(newPlan) = answer else {
            Issue.record("a plan whose slot was taken was booked")
            return
        }
        #expect(newPlan.digest != shown.digest)
        #expect(try centre.store.appointments(patient: "P-2222").isEmpty)
        // The new plan, confirmed as shown, books.
        guard
            case .booked = try centre.service.confirm(
                .init(patient: "P-2222"), expected: newPlan.digest, today: today)
        else {
            Issue.record("the new plan was not booked")
            return
        }
        #expect(try centre.store.appointments(patient: "P-2222").count == newPlan.appointments.count)
    }

    @Test func aMoveGoesOnlyToATimeThePlannerStillProposes() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let sessions = try centre.service.book(.init(patient: "P-2222"), today: today).appointments
        let fifth = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 5 })
        let proposals = try centre.service.moveProposals(for: fifth.id, today: today)
        #expect(!proposals.isEmpty)
        #expect(!proposals.contains { $0.start == fifth.start }, "the time it has is not a move")
        let distances = proposals.map { abs($0.start.timeIntervalSince(fifth.start)) }
        #expect(distances == distances.sorted(), "nearest first")
        // A time that was never proposed (its own) is refused and nothing changes.
        #expect(throws: BookingError.self) {
            try centre.service.move(fifth.id, toProposalAt: fifth.start, today: today, reason: "test")
        }
        #expect(try centre.store.appointment(fifth.id)?.start == fifth.start)
        let chosen = try #require(proposals.last)
        let moved = try centre.service.move(fifth.id, toProposalAt: chosen.start, today: today, reason: "patient asked")
        #expect(moved.start == chosen.start)
        #expect(try centre.store.appointment(fifth.id)?.start == chosen.start)
    }

    @Test func aWaitingListBatchCommitsOnlyThePlanThatWasPreviewed() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        let preview = try centre.service.scheduleWaitlist(today: today, dryRun: true)
        #expect(preview.booked.count == 2)
        let stale = try centre.service.scheduleWaitlist(today: today, expected: "not-the-plan")
        #expect(stale.planChanged)
        #expect(try centre.store.appointments(patient: "P-2222").isEmpty)
        #expect(try centre.store.appointments(patient: "P-3333").isEmpty)
        let done = try centre.service.scheduleWaitlist(today: today, expected: preview.digest)
        #expect(!done.planChanged)
        #expect(done.booked.count == 2)
        #expect(try centre.service.waitlist(today: today).isEmpty)
    }

    @Test func theTrackACategoryCallsForIsTheIndividualOneAndAMinorHasNone() throws {
        let catalog = try shippedCatalog.get()
        let adult = Patient(
            code: "P-2222", birthDate: LocalDate(year: 1985, month: 6, day: 1) ?? today, category: .accidentDisaster,
            referralSource: .selfReferral, referralDate: today)
        #expect(Enrolling.track(for: adult, catalog: catalog, on: today)?.modality == .individual)
        #expect(
            Enrolling.track(for: adult, catalog: catalog, on: today)?.eligibility.categories.contains(.accidentDisaster)
                == true)
        var minor = adult
        minor.birthDate = today.adding(months: -12 * 15)
        #expect(Enrolling.track(for: minor, catalog: catalog, on: today) == nil)
    }
}
