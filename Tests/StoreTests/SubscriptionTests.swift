import CareModel
import Foundation
import Testing

@testable import Store

/// A clinician's own calendar: its absences are replaced as a whole, and only its own.
@Suite struct SubscriptionTests {
    static let url = "https://calendar.example.org/private-3f9a2c/busy.ics"

    @Test func refreshingReplacesOnlyTheSubscriptionsAbsencesAndSaysWhichAreNew() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            let byHand = ClinicianAbsence(
                clinician: "C-ROUX", start: Fixtures.instant(hour: 6), end: Fixtures.instant(hour: 7),
                reason: "Congé")
            try store.addAbsences([byHand], actor: Fixtures.secretary)
            let subscription = try store.addCalendarSubscription(
                clinician: "C-ROUX", url: Self.url, actor: Fixtures.secretary)
            #expect(subscription.failures == 0 && subscription.etag == nil && subscription.checkedAt == nil)

            let morning = ClinicianAbsence(
                clinician: "C-ROUX", start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 9))
            let noon = ClinicianAbsence(
                clinician: "C-ROUX", start: Fixtures.instant(hour: 12), end: Fixtures.instant(hour: 13))
            let first = try store.replaceSubscriptionAbsences(
                subscription.id, with: [morning, noon], etag: "\"v1\"",
                lastModified: nil, actor: Fixtures.secretary)
            #expect(first.count == 2)
            let evening = ClinicianAbsence(
                clinician: "C-ROUX", start: Fixtures.instant(hour: 16), end: Fixtures.instant(hour: 17))
            let second = try store.replaceSubscriptionAbsences(
                subscription.id, with: [noon, evening], etag: "\"v2\"",
                lastModified: "Thu, 26 Nov 2026 09:00:00 GMT", actor: Fixtures.secretary)
            #expect(second.map(\.start) == [evening.start])
            #expect(try store.absences(clinician: "C-ROUX").map(\.start) == [byHand.start, noon.start, evening.start])
            let saved = try #require(try store.calendarSubscriptions().first)
            #expect(saved.etag == "\"v2\"" && saved.lastModified == "Thu, 26 Nov 2026 09:00:00 GMT")
            #expect(saved.refreshedAt == Fixtures.now && saved.checkedAt == Fixtures.now)

            try store.removeCalendarSubscription(subscription.id, actor: Fixtures.secretary)
            #expect(try store.absences(clinician: "C-ROUX").map(\.start) == [byHand.start])
            #expect(try store.calendarSubscriptions().isEmpty)
        }
    }

    @Test func failuresAreCountedUntilAReadSucceeds() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            let subscription = try store.addCalendarSubscription(
                clinician: "C-ROUX", url: Self.url, actor: Fixtures.secretary)
            try store.recordSubscriptionCheck(subscription.id, error: "the server answered 503")
            try store.recordSubscriptionCheck(subscription.id, error: "no answer within 20 s")
            var saved = try #require(try store.calendarSubscriptions().first)
            #expect(saved.failures == 2 && saved.lastError == "no answer within 20 s" && saved.refreshedAt == nil)
            try store.recordSubscriptionCheck(subscription.id, error: nil)
            saved = try #require(try store.calendarSubscriptions().first)
            #expect(saved.failures == 0 && saved.lastError == nil && saved.refreshedAt == Fixtures.now)
        }
    }

    @Test func badSubscriptionsAreRefusedAndTheAuditKeepsOnlyTheHost() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            #expect(throws: StoreError.notFound(kind: "clinician", id: "C-NOBODY")) {
                try store.addCalendarSubscription(clinician: "C-NOBODY", url: Self.url, actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.self) {
                try store.addCalendarSubscription(
                    clinician: "C-ROUX", url: "file:///etc/passwd", actor: Fixtures.secretary)
            }
            try store.addCalendarSubscription(clinician: "C-ROUX", url: Self.url, actor: Fixtures.secretary)
            #expect(throws: StoreError.duplicate(kind: "calendar subscription of C-ROUX", id: Self.url)) {
                try store.addCalendarSubscription(clinician: "C-ROUX", url: Self.url, actor: Fixtures.secretary)
            }
            let audit = try store.auditEntries().filter { $0.action == "subscribe-calendar" }
            #expect(audit.count == 1)
            #expect(
                audit.allSatisfy {
                    !($0.after ?? "").contains("private-3f9a2c") && ($0.after ?? "").contains("calendar.example.org")
                })
            #expect(throws: StoreError.notFound(kind: "calendar subscription", id: "99")) {
                try store.removeCalendarSubscription(99, actor: Fixtures.secretary)
            }
        }
    }
}
