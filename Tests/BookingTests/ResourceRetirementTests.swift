import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// A room or an interpreter out of service: no booking made afterwards uses it (series, waiting
/// list, the same-time swap of an unavailability), a move that keeps it breaks a rule, the
/// sessions already booked with it are listed as needing another, and history stays valid.
@Suite struct ResourceRetirementTests {
    let zone = ClinicTimeZone.paris

    func midnight(_ day: LocalDate) throws -> Date { try #require(zone.instant(on: day, at: .midnight)) }

    func addPashtoInterpreters(_ centre: TestCentre, _ ids: [InterpreterID]) throws {
        for id in ids {
            try centre.store.addInterpreter(
                Interpreter(
                    id: id, name: id.rawValue, languages: ["ps"], hours: try WeeklyHours(parsing: "mon-fri 09:00-17:00")
                ),
                actor: TestCentre.secretary)
        }
    }

    @Test func aSeriesAndAWaitingListBatchBookedAfterADeactivationNeverUseTheRoom() throws {
        let centre = try TestCentre()
        let now = try midnight(TestCentre.today)
        let waiting = try ResourceRetirement.setActive(
            .room("R-1"), false, from: now, in: centre.store, actor: TestCentre.secretary, reason: "bureau rendu")
        #expect(waiting.isEmpty)
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let series = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        #expect(series.count == 13)
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        try centre.enrol("P-4444", on: "adult-accident-disaster-emdr", category: .accidentDisaster)
        let batch = try centre.service.scheduleWaitlist(today: TestCentre.today)
        #expect(batch.booked.count == 2)
        let all = series + batch.booked.flatMap(\.appointments)
        #expect(!all.isEmpty && all.allSatisfy { $0.room == "R-2" }, "\(Set(all.compactMap(\.room)))")
        // Back in service, the next series may use it again.
        try ResourceRetirement.setActive(
            .room("R-1"), true, from: now, in: centre.store, actor: TestCentre.secretary, reason: nil)
        #expect(try centre.store.room("R-1")?.active == true)
    }

    @Test func theSessionsAheadOfADeactivatedInterpreterAreListedAndNewOnesGoToAnother() throws {
        let centre = try TestCentre()
        try addPashtoInterpreters(centre, ["I-AMIRI"])
        try centre.enrol("P-5555", on: "adult-migrant", category: .migrant, language: "ps")
        let first = try centre.service.book(.init(patient: "P-5555"), today: TestCentre.today).appointments
        #expect(!first.isEmpty && first.allSatisfy { $0.interpreter == "I-AMIRI" })
        let now = try midnight(TestCentre.today)
        let waiting = try ResourceRetirement.setActive(
            .interpreter("I-AMIRI"), false, from: now, in: centre.store, actor: TestCentre.secretary,
            reason: "fin de contrat")
        #expect(waiting.map(\.id) == first.sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }.map(\.id))
        // Still booked and valid as history: the stored-calendar check does not count them.
        #expect(try StoredCalendarCheck.problems(store: centre.store, catalog: centre.service.catalog).isEmpty)
        // Keeping the interpreter in a move breaks a rule: the session needs another one.
        let intake = try #require(waiting.first)
        var later = intake
        later.start = intake.start.addingTimeInterval(3600)
        later.end = intake.end.addingTimeInterval(3600)
        let breaks = try centre.service.ruleBreaks(moving: intake, to: later, today: TestCentre.today)
        #expect(breaks.contains { $0.contains("I-AMIRI takes no new bookings") }, "\(breaks)")
        #expect(breaks.map(RuleLine.kind(of:)).contains("interpreter-inactive"))
        var past = intake
        past.start = intake.start.addingTimeInterval(-400 * 86_400)
        past.end = intake.end.addingTimeInterval(-400 * 86_400)
        #expect(
            try centre.service.ruleBreaks(moving: intake, to: past, today: TestCentre.today).map(RuleLine.kind(of:))
                .contains("in-the-past"))
        // A new Pashto patient: nobody else speaks it, so nothing can be booked until another comes.
        try centre.enrol("P-6666", on: "adult-migrant", category: .migrant, language: "ps")
        #expect(throws: BookingError.self) {
            try centre.service.book(.init(patient: "P-6666"), today: TestCentre.today)
        }
        try addPashtoInterpreters(centre, ["I-BARAKZAI"])
        let second = try centre.service.book(.init(patient: "P-6666"), today: TestCentre.today).appointments
        #expect(!second.isEmpty && second.allSatisfy { $0.interpreter == "I-BARAKZAI" })
    }

    @Test func anUnavailabilityReplanNeverSwapsToARoomOutOfService() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let series = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let intake = try #require(series.min { $0.start < $1.start })
        let room = try #require(intake.room)
        let other: RoomID = room == "R-1" ? "R-2" : "R-1"
        try centre.store.setActive(room: other, false, actor: TestCentre.secretary)
        let outcome = try centre.service.recordUnavailability(
            .room(room), from: intake.start, to: intake.end, reason: "serrure", replan: true, today: TestCentre.today)
        // The only other individual room is out of service: the intake moves in time instead.
        #expect(outcome.sameTime.isEmpty && outcome.moved.map(\.id) == [intake.id])
        #expect(outcome.moved.allSatisfy { $0.room != other })
    }

    @Test func retiringARoomWithReplanMovesEverySessionAheadOutOfItInOneTransaction() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        _ = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today)
        _ = try centre.service.book(.init(patient: "P-3333"), today: TestCentre.today)
        let now = try midnight(TestCentre.today)
        let inRoom = try ResourceRetirement.sessionsAhead(using: .room("R-2"), from: now, in: centre.store)
        #expect(!inRoom.isEmpty)
        let outcome = try centre.service.retire(
            .room("R-2"), replan: true, reason: "bureau rendu", today: TestCentre.today)
        #expect(Set((outcome.sameTime + outcome.moved).map(\.id)) == Set(inRoom.map(\.id)))
        #expect(outcome.waiting.isEmpty)
        #expect(try centre.store.room("R-2")?.active == false)
        #expect(try ResourceRetirement.sessionsAhead(using: .room("R-2"), from: now, in: centre.store).isEmpty)
        #expect(try StoredCalendarCheck.problems(store: centre.store, catalog: centre.service.catalog).isEmpty)
        let reasons = try centre.store.auditEntries(entityID: try #require(inRoom.first?.id.rawValue)).map(\.reason)
        #expect(reasons.contains { $0?.hasPrefix("bureau rendu: room R-2 out of service") == true }, "\(reasons)")
    }

    @Test func aRetirementWhoseReplanCannotPlaceASessionChangesNothing() throws {
        let centre = try TestCentre()
        try addPashtoInterpreters(centre, ["I-AMIRI"])
        try centre.enrol("P-5555", on: "adult-migrant", category: .migrant, language: "ps")
        let booked = try centre.service.book(.init(patient: "P-5555"), today: TestCentre.today).appointments
        #expect(throws: BookingError.self) {
            try centre.service.retire(.interpreter("I-AMIRI"), replan: true, reason: "fin", today: TestCentre.today)
        }
        #expect(try centre.store.interpreter("I-AMIRI")?.active == true)
        for session in booked { #expect(try centre.store.appointment(session.id) == session) }
        // Without replan it is taken out of service and the sessions wait for another interpreter.
        let outcome = try centre.service.retire(
            .interpreter("I-AMIRI"), replan: false, reason: "fin", today: TestCentre.today)
        #expect(Set(outcome.waiting.map(\.id)) == Set(booked.map(\.id)) && outcome.moved.isEmpty)
    }
}
