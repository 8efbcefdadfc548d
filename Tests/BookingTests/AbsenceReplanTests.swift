import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// Leave added after booking: the sessions it hits are listed and, with `replan`, moved in the
/// same transaction as the absence is recorded.
@Suite struct AbsenceReplanTests {
    let zone = ClinicTimeZone.paris

    func booked(_ centre: TestCentre) throws -> [Appointment] {
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        return try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments.sorted {
            $0.start < $1.start
        }
    }

    func wholeDays(_ clinician: ClinicianID, from first: LocalDate, days: Int) throws -> ClinicianAbsence {
        let start = try #require(zone.instant(on: first, at: .midnight))
        let end = try #require(zone.instant(on: first.adding(days: days), at: .midnight))
        return ClinicianAbsence(clinician: clinician, start: start, end: end, reason: "leave")
    }

    @Test func withoutReplanTheAbsenceIsRecordedAndTheSessionsItHitsAreListedNotMoved() throws {
        let centre = try TestCentre()
        let sessions = try booked(centre)
        let fifth = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 5 })
        let leave = try wholeDays(try #require(fifth.clinicians.first), from: zone.local(fifth.start).date, days: 1)
        let outcome = try centre.service.recordAbsences([leave], replan: false, today: TestCentre.today)
        #expect(outcome.added.count == 1)
        #expect(outcome.hit.map(\.id) == [fifth.id])
        #expect(outcome.moved.isEmpty)
        #expect(try centre.store.appointment(fifth.id)?.start == fifth.start)
    }

    @Test func aDayOfLeaveMovesTheSessionToTheSameClinicianAnotherDayInOneTransaction() throws {
        let centre = try TestCentre()
        let sessions = try booked(centre)
        let fifth = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 5 })
        let clinician = try #require(fifth.clinicians.first)
        let day = zone.local(fifth.start).date
        let outcome = try centre.service.recordAbsences(
            [try wholeDays(clinician, from: day, days: 1)], replan: true,
            today: TestCentre.today, reason: "training")
        let moved = try #require(outcome.moved.first)
        #expect(moved.id == fifth.id)
        #expect(moved.clinicians == [clinician])
        #expect(zone.local(moved.start).date != day)
        #expect(outcome.toColleague.isEmpty)
        #expect(try centre.store.appointment(fifth.id)?.start == moved.start)
        #expect(try centre.store.absences(clinician: clinician).count == 1)
        let audit = try centre.store.auditEntries(entityID: fifth.id.rawValue)
        #expect(audit.contains { $0.action == "move" && ($0.reason ?? "").contains("same clinician") })
    }

    @Test func longLeaveGivesTheSessionsToAQualifiedColleagueWithTheReasonAudited() throws {
        let centre = try TestCentre()
        let sessions = try booked(centre)
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let clinician = try #require(third.clinicians.first)
        let leave = try wholeDays(clinician, from: zone.local(third.start).date, days: 35)
        let outcome = try centre.service.recordAbsences(
            [leave], replan: true, today: TestCentre.today, reason: "sick leave")
        #expect(outcome.hit.count >= 4)
        #expect(outcome.moved.count == outcome.hit.count)
        #expect(!outcome.toColleague.isEmpty)
        for session in outcome.moved {
            #expect(!(session.start < leave.end && leave.start < session.end && session.clinicians.contains(clinician)))
        }
        let colleague = try #require(outcome.toColleague.first)
        #expect(
            try centre.store.auditEntries(entityID: colleague.rawValue).contains {
                ($0.reason ?? "").contains("colleague")
            })
    }

    @Test func aReplanThatCannotBeCompletedRecordsAndMovesNothing() throws {
        let centre = try TestCentre()
        let sessions = try booked(centre)
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let first = zone.local(third.start).date
        // Every TF-CBT clinician away for ten weeks: no one can take the therapy sessions.
        let leave = [try wholeDays("C-ROUX", from: first, days: 70), try wholeDays("C-MOREAU", from: first, days: 70)]
        #expect(throws: BookingError.self) {
            _ = try centre.service.recordAbsences(leave, replan: true, today: TestCentre.today)
        }
        #expect(try centre.store.absences().isEmpty)
        #expect(try centre.store.appointment(third.id)?.start == third.start)
    }

    @Test func aClinicianLeavingTheCentreHandsEverySessionAheadToColleagues() throws {
        let centre = try TestCentre()
        let sessions = try booked(centre)
        let therapist = try #require(sessions.first { $0.step == "therapy" }?.clinicians.first)
        let ahead = sessions.filter { $0.clinicians.contains(therapist) }
        let now = try #require(zone.instant(on: TestCentre.today, at: .midnight))
        let plan = try centre.service.replanDeparture(of: therapist, from: now, today: TestCentre.today, reason: "left")
        #expect(plan.moved.count == ahead.count)
        #expect(plan.moved.allSatisfy { !$0.clinicians.contains(therapist) })
        let stored = try centre.store.appointments(patient: "P-2222").filter { $0.status == .booked }
        #expect(stored.allSatisfy { !$0.clinicians.contains(therapist) })
    }
}
