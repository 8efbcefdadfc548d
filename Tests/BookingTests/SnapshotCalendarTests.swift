import CareModel
import Foundation
import Scheduler
import Store
import Testing

@testable import Booking

/// Closed days and absences saved by the iCalendar import reach the scheduler's snapshot.
@Suite struct SnapshotCalendarTests {
    @Test func closedDaysAndAbsencesInTheWindowAreInTheSnapshot() throws {
        let centre = try TestCentre()
        let today = TestCentre.today
        try centre.store.addClosedDays(
            [
                ClosedDay(date: today.adding(days: 3), label: "Fermeture"),
                ClosedDay(date: today.adding(days: -30), label: "Passé"),
            ], actor: TestCentre.secretary)
        let start = try #require(ClinicTimeZone.paris.instant(on: today.adding(days: 2), at: .midnight))
        try centre.store.addAbsences(
            [ClinicianAbsence(clinician: "C-ROUX", start: start, end: start.addingTimeInterval(86_400))],
            actor: TestCentre.secretary)
        let problem = try SnapshotBuilder().problem(store: centre.store, today: today)
        #expect(problem.closedDays == [today.adding(days: 3)])
        #expect(
            problem.absences == [
                Absence(kind: .clinician, id: "C-ROUX", start: start, end: start.addingTimeInterval(86_400))
            ])
    }

    @Test func aSeriesIsNotBookedOnClosedDays() throws {
        let centre = try TestCentre()
        let today = TestCentre.today
        let closed = (1...10).map { ClosedDay(date: today.adding(days: $0), label: "Fermeture") }
        try centre.store.addClosedDays(closed, actor: TestCentre.secretary)
        let booked = try centre.service.book(
            .init(patient: centre.enrol("P-2222", on: "adult-domestic-violence").code), today: today)
        #expect(!booked.appointments.isEmpty)
        #expect(booked.appointments.allSatisfy { ClinicTimeZone.paris.local($0.start).date > today.adding(days: 10) })
    }
}
