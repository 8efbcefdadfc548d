import CareModel
import Foundation
import Store
import Testing

@testable import Booking

/// A "next free slot" never lies in the part of today already gone.
@Suite struct NotBeforeNowTests {
    /// The intake is booked in the morning on Tuesday; moved with `--auto` on that Tuesday at noon, it goes
    /// to the afternoon (the rest of the day is still usable), never back to the morning.
    @Test func aMoveToTheNextFreeSlotOnTodayNeverStartsBeforeNow() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        let intake = try #require(booking.appointments.first)
        let day = ClinicTimeZone.paris.local(intake.start).date
        #expect(ClinicTimeZone.paris.local(intake.start).time < LocalTime(hour: 12) ?? .midnight)
        let noon = try #require(ClinicTimeZone.paris.instant(on: day, at: LocalTime(hour: 12) ?? .midnight))
        let service = BookingService(
            store: centre.store, catalog: centre.service.catalog, actor: TestCentre.secretary,
            snapshots: SnapshotBuilder(notBefore: noon))

        let moved = try service.move(intake.id, to: .auto, today: day)
        #expect(moved.start >= noon)
        #expect(ClinicTimeZone.paris.local(moved.start).date == day)
        #expect(try centre.store.appointment(intake.id)?.start == moved.start)
    }
}
