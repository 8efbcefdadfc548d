import CareModel
import Foundation
import Store
import Testing

@testable import Booking

@Suite struct EndingPathwayTests {
    /// The whole series (13 sessions) is booked; the intake and two therapies are held, then the
    /// patient drops out on the day after the second therapy.
    private func centreWithThreeHeld() throws -> (TestCentre, [Appointment], Date) {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today)
        try #require(booking.appointments.count == 13)
        for session in booking.appointments.prefix(3) {
            _ = try centre.service.attend(session.id, at: session.end)
        }
        return (centre, booking.appointments, booking.appointments[2].end.addingTimeInterval(86_400))
    }

    @Test func aDropOutCancelsEverySessionBookedAheadAsCancelledByThePatient() throws {
        let (centre, sessions, now) = try centreWithThreeHeld()
        let outcome = try centre.service.end("P-2222", .dropOut, reason: "stopped coming", at: now)
        #expect(outcome.enrolment.state == .droppedOut)
        #expect(outcome.cancelled.map(\.id) == sessions.dropFirst(3).map(\.id))
        let stored = try centre.store.appointments(patient: "P-2222")
        #expect(stored.filter { $0.status == .attended }.count == 3)
        #expect(stored.filter { $0.status == .cancelledByPatient }.count == 10)
        #expect(stored.filter { $0.status == .booked }.isEmpty)
        let latest = try #require(try centre.store.currentEnrolment(patient: "P-2222"))
        #expect(latest.state == .droppedOut)
        #expect(latest.history.last?.reason == "stopped coming")
        // Each cancellation is audited with the reason, by the same actor, about the patient.
        let audit = try centre.store.auditEntries(entityID: sessions[3].id.rawValue)
        #expect(audit.last?.action == "set-appointment-status")
        #expect(audit.last?.reason == "pathway ended: stopped coming")
        #expect(audit.last?.actor == TestCentre.secretary.name)
    }

    @Test func aReferralOutCancelsTheSessionsAheadAsCancelledByTheCentre() throws {
        let (centre, _, now) = try centreWithThreeHeld()
        let outcome = try centre.service.end(
            "P-2222", .referOut(.forensicUnit), reason: "forensic examination first", at: now)
        #expect(outcome.enrolment.state == .referredOut)
        #expect(outcome.cancelled.count == 10)
        #expect(outcome.cancelled.allSatisfy { $0.status == .cancelledByCentre })
        #expect(try centre.store.appointments(patient: "P-2222").filter { $0.status == .cancelledByCentre }.count == 10)
    }

    @Test func theFreedSlotsCanBeBookedForTheNextPatient() throws {
        let (centre, sessions, now) = try centreWithThreeHeld()
        _ = try centre.service.end("P-2222", .dropOut, reason: "stopped coming", at: now)
        let freed = try #require(sessions.last)
        let active = try centre.store.activeAppointments(from: freed.start, to: freed.end)
        #expect(!active.contains { $0.id == freed.id })
    }

    @Test func endingAFinishedPathwayOrWithoutAReasonChangesNothing() throws {
        let (centre, _, now) = try centreWithThreeHeld()
        #expect(throws: BookingError.self) { _ = try centre.service.end("P-2222", .dropOut, reason: "  ", at: now) }
        #expect(try centre.store.appointments(patient: "P-2222").filter { $0.status == .booked }.count == 10)
        _ = try centre.service.end("P-2222", .dropOut, reason: "stopped coming", at: now)
        let again = #expect(throws: BookingError.self) {
            _ = try centre.service.end("P-2222", .referOut(.generalPractitioner), reason: "again", at: now)
        }
        #expect(
            again.map(String.init(describing:))
                == "cannot refer out: enrolment is dropped out; to take the patient back, start a new enrolment")
        let unknown = #expect(throws: BookingError.self) {
            _ = try centre.service.end("P-9999", .dropOut, reason: "unknown", at: now)
        }
        guard case .patientNotFound("P-9999") = unknown else {
            Issue.record("expected patientNotFound, got \(String(describing: unknown))")
            return
        }
    }

    /// Two secretaries: one records the attendance while the other, from an older screen,
    /// cancels the same session. The second change is a conflict, and the attendance stays.
    @Test func aCancellationRacingAnAttendanceIsAConflictNotAnOverwrite() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        let intake = try #require(booking.appointments.first)
        _ = try centre.service.attend(intake.id, at: intake.end)
        #expect(throws: StoreError.self) {
            try centre.store.setAppointmentStatus(
                intake.id, .cancelledByPatient, expected: .booked,
                actor: TestCentre.secretary, reason: "ill")
        }
        #expect(try centre.store.appointment(intake.id)?.status == .attended)
        #expect(throws: StoreError.self) {
            try centre.store.recordAttendance(
                intake.id, .noShow, expected: .booked, enrolment: nil, actor: TestCentre.secretary)
        }
        #expect(try centre.store.appointment(intake.id)?.status == .attended)
    }
}
