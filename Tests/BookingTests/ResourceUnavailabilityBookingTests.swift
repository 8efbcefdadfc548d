import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// A stored room or interpreter unavailability is a hard constraint for every booking made after
/// it (series, waiting-list batch, move), and recording one with `replan` moves the sessions it
/// hits all or none.
@Suite struct ResourceUnavailabilityBookingTests {
    let zone = ClinicTimeZone.paris

    func midnight(_ day: LocalDate) throws -> Date { try #require(zone.instant(on: day, at: .midnight)) }

    /// A Pashto interpreter, I-AMIRI: no clinician speaks Pashto, so every session of a Pashto
    /// patient needs one.
    func addPashtoInterpreter(_ centre: TestCentre, _ id: InterpreterID) throws {
        try centre.store.addInterpreter(
            Interpreter(
                id: id, name: id.rawValue, languages: ["ps"], hours: try WeeklyHours(parsing: "mon-fri 09:00-17:00")),
            actor: TestCentre.secretary)
    }

    @Test func aSeriesAndAWaitingListBatchBookedAfterwardsNeverUseTheUnavailableRoom() throws {
        let centre = try TestCentre()
        let from = try midnight(TestCentre.today), to = try midnight(TestCentre.today.adding(days: 200))
        let outcome = try centre.service.recordUnavailability(
            .room("R-1"), from: from, to: to, reason: "travaux", replan: false, today: TestCentre.today)
        #expect(outcome.added && outcome.hit.isEmpty)
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let series = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        #expect(series.count == 13)
        try centre.enrol("P-3333", on: "adult-domestic-violence")
        try centre.enrol("P-4444", on: "adult-accident-disaster-emdr", category: .accidentDisaster)
        let batch = try centre.service.scheduleWaitlist(today: TestCentre.today)
        #expect(batch.booked.count == 2)
        let all = series + batch.booked.flatMap(\.appointments)
        let inRoom = all.filter { $0.room == "R-1" && $0.start < to }
        #expect(inRoom.isEmpty, "booked in R-1 while it is unavailable: \(inRoom.map(\.id))")
        #expect(try StoredCalendarCheck.problems(store: centre.store, catalog: centre.service.catalog).isEmpty)
    }

    @Test func aMoveIntoAnUnavailableInterpretersTimeBreaksARuleAndABookingWaitsForTheirReturn() throws {
        let centre = try TestCentre()
        try addPashtoInterpreter(centre, "I-AMIRI")
        let back = TestCentre.today.adding(days: 10)
        try centre.service.recordUnavailability(
            .interpreter("I-AMIRI"), from: try midnight(TestCentre.today), to: try midnight(back), reason: "congés",
            replan: false, today: TestCentre.today)
        try centre.enrol("P-5555", on: "adult-migrant", category: .migrant, language: "ps")
        let sessions = try centre.service.book(.init(patient: "P-5555"), today: TestCentre.today).appointments
        #expect(!sessions.isEmpty)
        #expect(
            sessions.allSatisfy { $0.interpreter == "I-AMIRI" && $0.start >= (try? midnight(back)) ?? .distantFuture })
        // Moving the intake back into the leave, same clinician and interpreter, is refused by the rules.
        let intake = try #require(sessions.min { $0.start < $1.start })
        var during = intake
        during.start = try #require(
            zone.instant(on: TestCentre.today.adding(days: 2), at: LocalTime(hour: 10) ?? .midnight))
        during.end = during.start.addingTimeInterval(intake.end.timeIntervalSince(intake.start))
        let breaks = try centre.service.ruleBreaks(moving: intake, to: during, today: TestCentre.today)
        #expect(breaks.contains { $0.contains("I-AMIRI is absent") }, "\(breaks)")
    }

    @Test func aGroupWhoseRoomIsUnavailableStartsOnlyOnceTheRoomIsBack() throws {
        let centre = try TestCentre()
        let codes: [PatientCode] = ["P-2222", "P-3333", "P-4444", "P-5555", "P-6666", "P-7777"]
        for code in codes {
            try centre.enrol(code.rawValue, on: "adult-trauma-group", category: .accidentDisaster)
            _ = try centre.service.book(.init(patient: code), today: TestCentre.today)
        }
        // Every intake is within three weeks; the only group room is out of use for six.
        let back = try midnight(TestCentre.today.adding(days: 42))
        try centre.service.recordUnavailability(
            .room("R-G"), from: try midnight(TestCentre.today), to: back, reason: "travaux", replan: false,
            today: TestCentre.today)
        let group = try centre.service.createGroup(track: "adult-trauma-group", start: TestCentre.today)
        for code in codes { _ = try centre.service.addToGroup(group.id, patient: code) }
        let result = try centre.service.bookGroup(group.id, today: TestCentre.today)
        #expect(!result.appointments.isEmpty)
        #expect(result.appointments.allSatisfy { $0.room == "R-G" && $0.start >= back })
        #expect(try StoredCalendarCheck.problems(store: centre.store, catalog: centre.service.catalog).isEmpty)
    }

    @Test func aGroupSessionWhoseRoomIsOutOfUseMovesToAnotherGroupRoomAsOneAtTheSameTime() throws {
        let centre = try TestCentre()
        let codes: [PatientCode] = ["P-2222", "P-3333", "P-4444", "P-5555", "P-6666", "P-7777"]
        for code in codes {
            try centre.enrol(code.rawValue, on: "adult-trauma-group", category: .accidentDisaster)
            _ = try centre.service.book(.init(patient: code), today: TestCentre.today)
        }
        let group = try centre.service.createGroup(track: "adult-trauma-group", start: TestCentre.today)
        for code in codes { _ = try centre.service.addToGroup(group.id, patient: code) }
        let booked = try centre.service.bookGroup(group.id, today: TestCentre.today).appointments
        let first = try #require(booked.map(\.start).min())
        let session = booked.filter { $0.start == first }
        #expect(session.count == codes.count)
        let day = zone.local(first).date
        let window = (try midnight(day), try midnight(day.adding(days: 1)))
        // The only group room: the session cannot keep its time, and is not split or moved alone.
        let audit = try centre.store.auditEntries(AuditQuery()).count
        #expect(throws: BookingError.self) {
            try centre.service.recordUnavailability(
                .room("R-G"), from: window.0, to: window.1, reason: "travaux", replan: true, today: TestCentre.today)
        }
        #expect(try centre.store.auditEntries(AuditQuery()).count == audit)
        // With a second group room, every member's row goes there, same time, in one transaction.
        try centre.store.addRoom(
            Room(id: "R-G2", name: "Salle 2", capacity: 12, features: [.group]), actor: TestCentre.secretary)
        let outcome = try centre.service.recordUnavailability(
            .room("R-G"), from: window.0, to: window.1, reason: "travaux", replan: true, today: TestCentre.today)
        #expect(outcome.sameTime.count == codes.count && outcome.moved.isEmpty)
        for row in session {
            let stored = try #require(try centre.store.appointment(row.id))
            #expect(stored.room == "R-G2" && stored.start == row.start && stored.clinicians == row.clinicians)
        }
        #expect(try StoredCalendarCheck.problems(store: centre.store, catalog: centre.service.catalog).isEmpty)
    }

    @Test func withoutReplanTheHitSessionsAreListedAndLeftWhereTheyAre() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let sessions = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let room = try #require(third.room)
        let day = zone.local(third.start).date
        let outcome = try centre.service.recordUnavailability(
            .room(room), from: try midnight(day), to: try midnight(day.adding(days: 1)), reason: "serrure",
            replan: false, today: TestCentre.today)
        #expect(outcome.hit.map(\.id) == [third.id])
        #expect(outcome.sameTime.isEmpty && outcome.moved.isEmpty)
        #expect(try centre.store.appointment(third.id) == third)
        #expect(try centre.store.unavailabilities(of: .room(room)).count == 1)
        // Run again with replan: no second record, and the session gets another room at its time.
        let again = try centre.service.recordUnavailability(
            .room(room), from: try midnight(day), to: try midnight(day.adding(days: 1)), reason: "serrure",
            replan: true, today: TestCentre.today)
        #expect(!again.added && again.sameTime.map(\.id) == [third.id])
        #expect(try centre.store.unavailabilities(of: .room(room)).count == 1)
        let stored = try #require(try centre.store.appointment(third.id))
        #expect(stored.start == third.start && stored.room != room)
        let audit = try centre.store.auditEntries(entityID: third.id.rawValue).filter { $0.action == "move" }
        #expect(audit.last?.reason == "serrure: room \(room) unavailable, another room at the same time")
    }

    @Test func aReplanThatCannotPlaceEverySessionRecordsAndMovesNothing() throws {
        let centre = try TestCentre()
        try addPashtoInterpreter(centre, "I-AMIRI")
        try centre.enrol("P-3333", on: "adult-migrant", category: .migrant, language: "ps")
        let before = try centre.service.book(.init(patient: "P-3333"), today: TestCentre.today).appointments
            .sorted { $0.start < $1.start }
        let first = try #require(before.first)
        let firstDay = zone.local(first.start).date
        // A second Pashto interpreter, free only on the first session's day: that session could
        // keep its time with her, none of the others can be placed anywhere.
        try addPashtoInterpreter(centre, "I-SAID")
        let far = try midnight(TestCentre.today.adding(days: 400))
        try centre.service.recordUnavailability(
            .interpreter("I-SAID"), from: try midnight(firstDay.adding(days: 1)), to: far, reason: "congé long",
            replan: false, today: TestCentre.today)
        let audit = try centre.store.auditEntries(AuditQuery()).count
        #expect(throws: BookingError.self) {
            try centre.service.recordUnavailability(
                .interpreter("I-AMIRI"), from: try midnight(firstDay), to: far, reason: "départ",
                replan: true, today: TestCentre.today)
        }
        #expect(try centre.store.appointments(patient: "P-3333").sorted { $0.start < $1.start } == before)
        #expect(try centre.store.unavailabilities(of: .interpreter("I-AMIRI")).isEmpty)
        #expect(try centre.store.auditEntries(AuditQuery()).count == audit)
    }

    @Test func aWindowAlreadyOverIsRefusedAndOneBegunEarlierIsStoredFromNow() throws {
        let centre = try TestCentre()
        let yesterday = try midnight(TestCentre.today.adding(days: -1))
        #expect(throws: BookingError.self) {
            try centre.service.recordUnavailability(
                .room("R-1"), from: yesterday.addingTimeInterval(-86_400), to: yesterday, reason: "fuite",
                replan: false, today: TestCentre.today)
        }
        #expect(try centre.store.unavailabilities().isEmpty)
        let saved = try centre.service.recordUnavailability(
            .room("R-1"), from: yesterday, to: try midnight(TestCentre.today.adding(days: 2)), reason: "fuite",
            replan: false, today: TestCentre.today
        ).saved
        #expect(saved.start == (try midnight(TestCentre.today)))
    }
}
