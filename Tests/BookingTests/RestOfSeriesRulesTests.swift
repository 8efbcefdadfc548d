import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// `move --to ... --rest-of-series` keeps the rhythm but not at any price: every moved session is
/// checked against every hard rule, and one that breaks any refuses the whole move.
@Suite struct RestOfSeriesRulesTests {
    let zone = ClinicTimeZone.paris

    func series(_ centre: TestCentre) throws -> [Appointment] {
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        return try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
            .sorted { $0.start < $1.start }
    }

    func refusal(_ body: () throws -> [Appointment]) -> [String] {
        do {
            _ = try body()
            return []
        } catch let BookingError.seriesRuleBroken(_, rules) {
            return rules
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    @Test func aRestMovedToAClosedDayIsRefusedAndNothingMoves() throws {
        let centre = try TestCentre()
        let sessions = try series(centre)
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let fifth = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 5 })
        let old = zone.local(third.start)
        // The fifth session, moved a day later like the rest, would land on a holiday.
        try centre.store.addClosedDays(
            [ClosedDay(date: zone.local(fifth.start).date.adding(days: 1), label: "Fermeture")],
            actor: TestCentre.secretary)
        let rules = refusal {
            try centre.service.moveRestOfSeries(
                third.id, to: .at(old.date.adding(days: 1), old.time), today: TestCentre.today)
        }
        #expect(rules.count == 1)
        #expect(rules.first?.hasPrefix("closed-day:") == true, "\(rules)")
        #expect(rules.first?.contains("therapy#5") == true, "\(rules)")
        #expect(try centre.store.appointments(patient: "P-2222").sorted { $0.start < $1.start } == sessions)
    }

    @Test func aRestMovedOutOfHoursIsRefusedNamingEverySession() throws {
        let centre = try TestCentre()
        let sessions = try series(centre)
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let old = zone.local(third.start)
        let rules = refusal {
            try centre.service.moveRestOfSeries(
                third.id, to: .at(old.date, try #require(LocalTime(hour: 19))), today: TestCentre.today)
        }
        let moving = sessions.filter { $0.start >= third.start }
        let outside = rules.filter { $0.hasPrefix("clinician-outside-hours:") }
        #expect(outside.count == moving.count, "\(rules)")
        #expect(try centre.store.appointments(patient: "P-2222").sorted { $0.start < $1.start } == sessions)
    }

    @Test func aRestMovedIntoThePastIsRefused() throws {
        let centre = try TestCentre()
        let sessions = try series(centre)
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let later = TestCentre.today.adding(days: 40)
        let rules = refusal {
            try centre.service.moveRestOfSeries(
                third.id, to: .at(TestCentre.today.adding(days: -3), zone.local(third.start).time), today: later)
        }
        #expect(rules.contains { $0.contains("is in the past") }, "\(rules)")
        #expect(try centre.store.appointments(patient: "P-2222").sorted { $0.start < $1.start } == sessions)
    }
}
