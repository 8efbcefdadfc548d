import CareModel
import Foundation
import Testing

@testable import Booking

/// A move to a chosen time that breaks the spacing is refused, and when a clinician overrides it
/// (`--force --reason`), Parcours still says what it did to the spacing.
@Suite struct SpacingNoteTests {
    @Test func movingASessionTooCloseToTheNextOneNamesTheNextOneAndTheAllowedRange() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let series = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
            .sorted { $0.start < $1.start }
        let (intake, therapy1, therapy2) = (series[0], series[1], series[2])
        // As booked, the series keeps its spacing.
        #expect(try centre.service.spacingNotes(around: therapy1) == [])

        // Therapy 1 moved to two days before therapy 2 (the track asks 6 to 14 days between them).
        let target = ClinicTimeZone.paris.local(therapy2.start).date.adding(days: -2)
        let time = LocalTime(hour: 16) ?? .midnight
        #expect(throws: BookingError.self) {
            _ = try centre.service.move(therapy1.id, to: .at(target, time), today: TestCentre.today)
        }
        let moved = try centre.service.move(
            therapy1.id, to: .at(target, time), today: TestCentre.today,
            reason: "patient travels abroad", force: true)
        let notes = try centre.service.spacingNotes(around: moved)
        let next = try #require(notes.first { $0.appointment.id == therapy2.id })
        #expect(next.previous.id == therapy1.id)
        #expect(next.days == 2)
        #expect(next.allowed.minDays == 6 && next.allowed.maxDays == 14)
        // And therapy 1 itself is now further from the intake than the track allows (or not): the
        // note for it says so only if it is out of range.
        let daysFromIntake = ClinicTimeZone.paris.local(intake.start).date.days(to: target)
        #expect(notes.contains { $0.appointment.id == therapy1.id } == (daysFromIntake < 6 || daysFromIntake > 14))
    }
}
