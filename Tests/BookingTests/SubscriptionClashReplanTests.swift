import CareModel
import Foundation
import PathwayEngine
import Store
import Testing

@testable import Booking

/// A subscribed calendar's busy times (stored by a read, as `calendar refresh` and `serve` do)
/// handed to the replanning `clinician absence add --replan` uses, on a real SQLite file.
@Suite struct SubscriptionClashReplanTests {
    let zone = ClinicTimeZone.paris

    /// A booked TF-CBT series, its fifth session, and a subscription to that clinician's calendar
    /// whose last read stored a busy day on that session.
    func bookedAndBusy(
        _ centre: TestCentre
    ) throws -> (session: Appointment, subscription: CalendarSubscription, busy: [ClinicianAbsence]) {
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let sessions = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let fifth = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 5 })
        let clinician = try #require(fifth.clinicians.first)
        let subscription = try centre.store.addCalendarSubscription(
            clinician: clinician, url: "https://calendar.example.org/busy.ics", actor: TestCentre.secretary)
        let day = zone.local(fifth.start).date
        let busy = ClinicianAbsence(
            clinician: clinician, start: try #require(zone.instant(on: day, at: .midnight)),
            end: try #require(zone.instant(on: day.adding(days: 1), at: .midnight)), reason: "Occupé (agenda personnel)"
        )
        let added = try centre.store.replaceSubscriptionAbsences(
            subscription.id, with: [busy], etag: nil, lastModified: nil, actor: TestCentre.secretary)
        return (fifth, subscription, added)
    }

    @Test func withoutReplanTheSessionsANewBusyTimeHitsAreListedOnceAndNotMoved() throws {
        let centre = try TestCentre()
        let (fifth, subscription, added) = try bookedAndBusy(centre)
        let first = try centre.service.subscriptionClashes(
            of: subscription, new: added, replan: false, today: TestCentre.today)
        #expect(first.hit.map(\.id) == [fifth.id])
        #expect(first.moved.isEmpty && first.replanFailure == nil)
        #expect(try centre.store.appointment(fifth.id)?.start == fifth.start)
        // The next read brings nothing new: nothing is listed again.
        let next = try centre.service.subscriptionClashes(
            of: subscription, new: [], replan: false, today: TestCentre.today)
        #expect(next.hit.isEmpty)
    }

    @Test func withReplanEveryBusyTimeOfTheSubscriptionMovesTheSessionsItHitsToTheSameClinician() throws {
        let centre = try TestCentre()
        let (fifth, subscription, busy) = try bookedAndBusy(centre)
        let clinician = try #require(fifth.clinicians.first)
        // A later read with nothing new still replans what an earlier read only listed.
        let outcome = try centre.service.subscriptionClashes(
            of: subscription, new: [], replan: true, today: TestCentre.today)
        #expect(outcome.hit.map(\.id) == [fifth.id])
        #expect(outcome.replanFailure == nil)
        let moved = try #require(outcome.moved.first)
        #expect(moved.id == fifth.id && moved.clinicians == [clinician] && outcome.toColleague.isEmpty)
        let day = try #require(busy.first)
        #expect(!(moved.start < day.end && day.start < moved.end))
        #expect(try centre.store.appointment(fifth.id)?.start == moved.start)
        #expect(try centre.store.subscriptionAbsences(subscription.id) == busy)
        let audit = try centre.store.auditEntries(entityID: fifth.id.rawValue)
        #expect(
            audit.contains {
                $0.action == "move" && $0.reason == "busy in the clinician's own calendar (subscription 1)"
            })
        // Nothing is hit any more.
        let again = try centre.service.subscriptionClashes(
            of: subscription, new: [], replan: true, today: TestCentre.today)
        #expect(again.hit.isEmpty)
    }

    @Test func aReplanThatCannotMoveEverySessionMovesNoneAndKeepsTheBusyTimes() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let sessions = try centre.service.book(.init(patient: "P-2222"), today: TestCentre.today).appointments
        let third = try #require(sessions.first { $0.step == "therapy" && $0.occurrence == 3 })
        let first = zone.local(third.start).date
        let start = try #require(zone.instant(on: first, at: .midnight))
        let end = try #require(zone.instant(on: first.adding(days: 70), at: .midnight))
        // Both TF-CBT clinicians away for ten weeks: C-ROUX by her calendar, C-MOREAU by hand.
        let subscription = try centre.store.addCalendarSubscription(
            clinician: "C-ROUX", url: "https://calendar.example.org/roux.ics", actor: TestCentre.secretary)
        _ = try centre.store.addAbsences(
            [ClinicianAbsence(clinician: "C-MOREAU", start: start, end: end, reason: "leave")],
            actor: TestCentre.secretary)
        let busy = [ClinicianAbsence(clinician: "C-ROUX", start: start, end: end, reason: "busy")]
        let added = try centre.store.replaceSubscriptionAbsences(
            subscription.id, with: busy, etag: nil, lastModified: nil, actor: TestCentre.secretary)
        let outcome = try centre.service.subscriptionClashes(
            of: subscription, new: added, replan: true, today: TestCentre.today)
        let hitRoux = sessions.filter { $0.clinicians.contains("C-ROUX") && $0.start < end && start < $0.end }
        #expect(!hitRoux.isEmpty)
        #expect(Set(outcome.hit.map(\.id)) == Set(hitRoux.map(\.id)))
        #expect(outcome.moved.isEmpty)
        let failure = try #require(outcome.replanFailure)
        #expect(String(describing: failure).contains("cannot be replanned"))
        for session in hitRoux { #expect(try centre.store.appointment(session.id)?.start == session.start) }
        #expect(try centre.store.subscriptionAbsences(subscription.id) == busy)
    }
}
