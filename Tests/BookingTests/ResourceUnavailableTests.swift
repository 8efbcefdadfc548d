import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store
import Testing

@testable import Booking

/// A room or an interpreter that cannot be used: another one at the same time first, and only
/// when none is free (or fits) does the session move to another time.
@Suite struct ResourceUnavailableTests {
    let zone = ClinicTimeZone.paris

    func day(of session: Appointment) throws -> (Date, Date) {
        let date = zone.local(session.start).date
        return (
            try #require(zone.instant(on: date, at: .midnight)),
            try #require(zone.instant(on: date.adding(days: 1), at: .midnight))
        )
    }

    @Test func aRoomOutOfUseGivesItsSessionsAnotherRoomAtTheSameTime() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let sessions = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let room = try #require(third.room)
        let (from, to) = try day(of: third)
        let outcome = try centre.service.recordUnavailability(
            .room(room), from: from, to: to, reason: "water leak", replan: true, today: TestCentre.today)
        #expect(outcome.hit.map(\.id) == [third.id])
        #expect(outcome.moved.isEmpty)
        let stored = try #require(try centre.store.appointment(third.id))
        #expect(stored.start == third.start && stored.clinicians == third.clinicians)
        #expect(stored.room != room && stored.room != nil)
        #expect(outcome.sameTime == [stored])
        #expect(try StoredCalendarCheck.problems(store: centre.store, catalog: centre.service.catalog).isEmpty)
    }

    @Test func anInterpreterAwayWithNoOtherMovesTheSessionAndWithAnotherKeepsItsTime() throws {
        let centre = try TestCentre()
        // Pashto: no clinician speaks it, so every session needs the one Pashto interpreter.
        try centre.store.addInterpreter(
            Interpreter(
                id: "I-AMIRI", name: "Amiri", languages: ["ps"], hours: try WeeklyHours(parsing: "mon-fri 09:00-17:00")),
            actor: TestCentre.secretary)
        try centre.enrol("P-3333", on: "adult-migrant", category: .migrant, language: "ps")
        let sessions = try centre.service.book(.init(patient: "P-3333"), today: TestCentre.today).appointments
            .sorted { $0.start < $1.start }
        let held = sessions.filter { $0.interpreter == "I-AMIRI" }
        let first = try #require(held.dropFirst(2).first)
        let (from, to) = try day(of: first)
        // The only Pashto interpreter away that day: the session goes to another time, same clinician.
        let moved = try centre.service.recordUnavailability(
            .interpreter("I-AMIRI"), from: from, to: to, reason: "interpreter ill", replan: true,
            today: TestCentre.today)
        #expect(moved.sameTime.isEmpty)
        let after = try #require(try centre.store.appointment(first.id))
        #expect(moved.moved == [after])
        #expect(after.start >= to || after.end <= from)
        #expect(try StoredCalendarCheck.problems(store: centre.store, catalog: centre.service.catalog).isEmpty)

        // With a second Pashto interpreter on the team, the next one keeps its time.
        try centre.store.addInterpreter(
            Interpreter(
                id: "I-SAID", name: "Saïd", languages: ["ps"], hours: try WeeklyHours(parsing: "mon-fri 09:00-17:00")),
            actor: TestCentre.secretary)
        let next = try #require(held.dropFirst(3).first)
        let (nextFrom, nextTo) = try day(of: next)
        let swapped = try centre.service.recordUnavailability(
            .interpreter("I-AMIRI"), from: nextFrom, to: nextTo, reason: "interpreter ill", replan: true,
            today: TestCentre.today)
        #expect(swapped.moved.isEmpty)
        let kept = try #require(try centre.store.appointment(next.id))
        #expect(kept.start == next.start && kept.interpreter == "I-SAID")
        #expect(swapped.sameTime == [kept])
    }
}
