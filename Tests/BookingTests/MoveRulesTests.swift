import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// `move --to` is checked against every rule; `move --auto` always finds a different time,
/// nearest the current one, inside the window it is given.
@Suite struct MoveRulesTests {
    let zone = ClinicTimeZone.paris

    func bookedSeries(_ centre: TestCentre) throws -> [Appointment] {
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        return try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
            .sorted { $0.start < $1.start }
    }

    func therapy(_ n: Int, in sessions: [Appointment]) throws -> Appointment {
        try #require(sessions.first { $0.step == "therapy" && $0.occurrence == n })
    }

    func at(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) throws -> BookingService.MoveTarget {
        .at(date, try #require(LocalTime(hour: hour, minute: minute)))
    }

    func refusal(_ body: () throws -> Appointment) -> [String] {
        do {
            _ = try body()
            return []
        } catch let BookingError.ruleBroken(_, rules) {
            return rules
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    @Test func moveAutoAlwaysPicksADifferentTimeNearTheCurrentOneAndKeepsTheSeriesSpaced() throws {
        let centre = try TestCentre()
        let sessions = try bookedSeries(centre)
        let fifth = try therapy(5, in: sessions)
        let moved = try centre.service.move(fifth.id, to: .auto, today: TestCentre.today)
        #expect(moved.start != fifth.start)
        #expect(abs(moved.start.timeIntervalSince(fifth.start)) <= 7 * 86_400)
        let fourth = try therapy(4, in: sessions), sixth = try therapy(6, in: sessions)
        #expect(fourth.start < moved.start && moved.start < sixth.start)
        #expect(try centre.store.appointment(fifth.id)?.start == moved.start)
    }

    @Test func moveAutoStaysInsideNotBeforeAndNotAfter() throws {
        let centre = try TestCentre()
        let sessions = try bookedSeries(centre)
        let fifth = try therapy(5, in: sessions)
        let day = zone.local(fifth.start).date
        let moved = try centre.service.move(
            fifth.id, to: .auto, today: TestCentre.today,
            window: MoveWindow(notBefore: day, notAfter: day))
        #expect(zone.local(moved.start).date == day)
        #expect(moved.start != fifth.start)
    }

    @Test func aMoveToTheNightOrASundayIsRefusedWithTheRuleAndChangesNothing() throws {
        let centre = try TestCentre()
        let sessions = try bookedSeries(centre)
        let fifth = try therapy(5, in: sessions)
        let day = zone.local(fifth.start).date
        let night = refusal { try centre.service.move(fifth.id, to: try at(day, 3), today: TestCentre.today) }
        #expect(night.contains { $0.contains("outside-hours") }, "\(night)")
        let sunday = day.adding(days: (7 + Weekday.sunday.index - day.weekday.index) % 7)
        let onSunday = refusal { try centre.service.move(fifth.id, to: try at(sunday, 10), today: TestCentre.today) }
        #expect(!onSunday.isEmpty, "a Sunday is outside every clinician's hours")
        #expect(try centre.store.appointment(fifth.id)?.start == fifth.start)
        #expect(try centre.store.overrides().isEmpty)
    }

    @Test func aMoveIntoThePastOrTooCloseToTheNextSessionIsRefused() throws {
        let centre = try TestCentre()
        let sessions = try bookedSeries(centre)
        let fifth = try therapy(5, in: sessions)
        let past = refusal {
            try centre.service.move(
                fifth.id, to: try at(TestCentre.today.adding(days: -3), 10), today: TestCentre.today)
        }
        #expect(past.contains { $0.contains("in the past") }, "\(past)")
        let sixthDay = zone.local(try therapy(6, in: sessions).start).date
        let crowded = refusal {
            try centre.service.move(fifth.id, to: try at(sixthDay.adding(days: -2), 10), today: TestCentre.today)
        }
        #expect(crowded.contains { $0.contains("at least 6 needed") }, "\(crowded)")
        #expect(try centre.store.appointment(fifth.id)?.start == fifth.start)
    }

    @Test func aForcedMoveWithAReasonIsBookedAndRecordedAsAnOverrideThatTheCalendarCheckSetsAside() throws {
        let centre = try TestCentre()
        let sessions = try bookedSeries(centre)
        let fifth = try therapy(5, in: sessions)
        let day = zone.local(fifth.start).date
        let withoutReason = refusal {
            try centre.service.move(fifth.id, to: try at(day, 8), today: TestCentre.today, force: true)
        }
        #expect(!withoutReason.isEmpty)
        let moved = try centre.service.move(
            fifth.id, to: try at(day, 8), today: TestCentre.today,
            reason: "only time before surgery; Dr Roux agrees", force: true)
        #expect(zone.local(moved.start).time == LocalTime(hour: 8))
        let overrides = try centre.store.overrides()
        #expect(overrides.map(\.appointment) == [fifth.id])
        #expect(overrides.first?.rules.contains { $0.contains("outside-hours") } == true)
        #expect(overrides.first?.reason == "only time before surgery; Dr Roux agrees")
        #expect(try centre.store.auditEntries(entityID: fifth.id.rawValue).contains { $0.action == "override" })
        // Moved again by the rules, it is no longer an override.
        _ = try centre.service.move(fifth.id, to: .auto, today: TestCentre.today)
        #expect(try centre.store.overrides().isEmpty)
    }
}
