import CareModel
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import Store
import Testing

@testable import FeedServer

/// A clinician's own calendar, served by a local HTTP server in this process (no outside network).
@Suite struct SubscriptionRefresherTests {
    /// What the local calendar server answers, changed by the tests between refreshes.
    final class Calendar: Sendable {
        struct State {
            var body = ""
            var etag = "\"v1\""
            var status = HTTPResponse.Status.ok
            var delaySeconds = 0.0
            var revalidations = 0
        }
        let state = NIOLockedValueBox(State())
    }

    static func ics(_ events: [(String, String)]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//test//EN"]
            + events.enumerated().flatMap { index, span in
                [
                    "BEGIN:VEVENT", "UID:\(index)@test", "DTSTART:\(span.0)", "DTEND:\(span.1)", "SUMMARY:Dentiste",
                    "END:VEVENT",
                ]
            } + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    /// Runs `body` with a calendar server on a free loopback port.
    func withCalendarServer(_ calendar: Calendar, _ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/busy.ics") { request, _ -> Response in
            let state = calendar.state.withLockedValue { $0 }
            if state.delaySeconds > 0 { try await Task.sleep(for: .seconds(state.delaySeconds)) }
            if request.headers[.ifNoneMatch] == state.etag {
                calendar.state.withLockedValue { $0.revalidations += 1 }
                return Response(status: .notModified, headers: [.eTag: state.etag])
            }
            return Response(
                status: state.status, headers: [.eTag: state.etag, .contentType: "text/calendar"],
                body: .init(byteBuffer: ByteBuffer(string: state.body)))
        }
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { listening.yield($0.localAddress?.port ?? 0) })
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body("http://127.0.0.1:\(port)/busy.ics")
    }

    func refresher(
        _ fixture: FeedServerFixture, fetch: SubscriptionFetch = SubscriptionFetch(timeout: 60)
    ) -> SubscriptionRefresher {
        let store = fixture.store
        return SubscriptionRefresher(store: store, fetch: fetch, actor: FeedServerFixture.secretary) { absences in
            // What `serve` passes: the booked sessions with the absent clinician (Booking.AbsenceClashes).
            try absences.flatMap { absence in
                try store.activeAppointments(from: absence.start, to: absence.end).filter {
                    $0.clinicians.contains(absence.clinician)
                }
            }
        }
    }

    @Test func busyTimesBecomeAbsencesReplacedOnEachRefreshAndNewOnesReportTheirSessions() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let calendar = Calendar()
        // The booked session A-1 is on 2026-11-29 from 09:00 to 10:00 UTC.
        calendar.state.withLockedValue { $0.body = Self.ics([("20261127T130000Z", "20261127T150000Z")]) }
        try await withCalendarServer(calendar) { url in
            let subscription = try fixture.store.addCalendarSubscription(
                clinician: "C-ROUX", url: url, actor: FeedServerFixture.secretary)
            let refresher = refresher(fixture)
            let first = await refresher.refresh(subscription, now: FeedServerFixture.now)
            #expect(first.outcome == .updated(absences: 1, new: 1))
            #expect(first.clashes.isEmpty)
            #expect(try fixture.store.absences(clinician: "C-ROUX").map(\.reason) == [SubscriptionRefresher.reason])

            // Unchanged: the ETag goes back and the server answers 304.
            let saved = try #require(try fixture.store.calendarSubscriptions().first)
            #expect(saved.etag == "\"v1\"")
            #expect(await refresher.refresh(saved, now: FeedServerFixture.now).outcome == .notModified)
            #expect(calendar.state.withLockedValue { $0.revalidations } == 1)

            // Changed: the old busy time goes, the new one hits the booked session.
            calendar.state.withLockedValue {
                $0.body = Self.ics([("20261129T083000Z", "20261129T113000Z")])
                $0.etag = "\"v2\""
            }
            let changed = await refresher.refresh(
                try #require(try fixture.store.calendarSubscriptions().first), now: FeedServerFixture.now)
            #expect(changed.outcome == .updated(absences: 1, new: 1))
            #expect(changed.clashes.map(\.id) == ["A-1"])
            #expect(try fixture.store.absences(clinician: "C-ROUX").map(\.start) == [utcDate("2026-11-29T08:30:00Z")])
        }
    }

    /// The handler (Booking's listing and replanning, in the CLI) runs after every read that
    /// answered, a 304 included, so a replan can move what an earlier read only listed; a handler
    /// that fails is reported apart, not counted as a failed read: the absences are stored.
    @Test func theClashHandlerRunsAfterEveryAnsweredReadAndItsFailureIsNotAFailedRead() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let calendar = Calendar()
        calendar.state.withLockedValue { $0.body = Self.ics([("20261129T083000Z", "20261129T113000Z")]) }
        let calls = NIOLockedValueBox<[Int]>([])
        try await withCalendarServer(calendar) { url in
            let subscription = try fixture.store.addCalendarSubscription(
                clinician: "C-ROUX", url: url, replan: true, actor: FeedServerFixture.secretary)
            let store = fixture.store
            let refresher = SubscriptionRefresher(
                store: store, fetch: SubscriptionFetch(timeout: 60), actor: FeedServerFixture.secretary
            ) { subscription, new, _ in
                calls.withLockedValue { $0.append(new.count) }
                guard subscription.replan else { return .init(hit: []) }
                let hit = try store.activeAppointments(from: utcDate("2026-11-29T08:30:00Z"), to: .distantFuture)
                    .filter { $0.clinicians.contains(subscription.clinician) }
                var moved = hit.first
                moved?.start = utcDate("2026-11-30T09:00:00Z")
                return .init(hit: hit, moved: moved.map { [$0] } ?? [], failure: hit.count > 1 ? "two" : nil)
            }
            let first = await refresher.refresh(subscription, now: FeedServerFixture.now)
            #expect(first.outcome == .updated(absences: 1, new: 1))
            #expect(first.clashes.map(\.id) == ["A-1"] && first.moved.map(\.id) == ["A-1"])
            let again = await refresher.refresh(
                try #require(try store.calendarSubscriptions().first), now: FeedServerFixture.now)
            #expect(again.outcome == .notModified && again.clashes.map(\.id) == ["A-1"])
            #expect(calls.withLockedValue { $0 } == [1, 0])

            let failing = SubscriptionRefresher(
                store: store, fetch: SubscriptionFetch(timeout: 60), actor: FeedServerFixture.secretary
            ) { _, _, _ in throw FeedServerError.subscription(host: "test", reason: "no booking service") }
            calendar.state.withLockedValue { $0.etag = "\"v2\"" }
            let failed = await failing.refresh(
                try #require(try store.calendarSubscriptions().first), now: FeedServerFixture.now)
            #expect(failed.outcome == .updated(absences: 1, new: 0))
            #expect(failed.clashFailure?.contains("no booking service") == true)
            #expect(try store.calendarSubscriptions().first?.failures == 0)
        }
    }

    /// `serve`'s log: a replanned session at notice level with where it went, one left booked
    /// as a warning, and why a replan moved nothing.
    @Test func theServiceLogsReplannedSessionsApartFromThoseLeftBookedAndFailures() throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let subscription = try fixture.store.addCalendarSubscription(
            clinician: "C-ROUX", url: "https://calendar.example.org/roux.ics", actor: FeedServerFixture.secretary)
        let hit = [fixture.session("A-1", "P-7KQ2", day: 3), fixture.session("A-2", "P-7KQ2", day: 4)]
        var moved = hit[0]
        moved.start = utcDate("2026-12-01T13:00:00Z")
        var report = SubscriptionRefresher.Report(subscription: subscription, outcome: .updated(absences: 2, new: 2))
        report.clashes = hit
        report.moved = [moved]
        report.clashFailure = "A-2 cannot be replanned"
        let logs = LogCapture()
        SubscriptionRefreshService.log(report, to: Logger(label: "test") { _ in logs })
        let lines = logs.lines
        #expect(
            lines.contains {
                $0.hasPrefix("notice a busy time hit a booked session; replanned") && $0.contains("appointment=A-1")
                    && $0.contains("now=2026-12-01T13:00:00Z") && $0.contains("with=C-ROUX")
            }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("warning a new absence hits a booked session") && $0.contains("A-2") })
        #expect(
            lines.contains {
                $0.hasPrefix("warning the sessions a busy time hits were not replanned")
                    && $0.contains("error=A-2 cannot be replanned")
            })
    }

    @Test func failuresKeepTheLastAbsencesAndBackOff() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let calendar = Calendar()
        calendar.state.withLockedValue { $0.body = Self.ics([("20261127T130000Z", "20261127T150000Z")]) }
        try await withCalendarServer(calendar) { url in
            let subscription = try fixture.store.addCalendarSubscription(
                clinician: "C-ROUX", url: url, actor: FeedServerFixture.secretary)
            // Reads that must be answered get a timeout with room to spare on a loaded machine (the
            // whole suite runs in parallel); only the read of the slow server below has a short one.
            let refresher = refresher(fixture, fetch: SubscriptionFetch(timeout: 60, maxBytes: 2_000))
            let impatient = self.refresher(fixture, fetch: SubscriptionFetch(timeout: 3, maxBytes: 2_000))
            _ = await refresher.refresh(subscription, now: FeedServerFixture.now)

            calendar.state.withLockedValue {
                $0.status = .internalServerError
                $0.etag = "\"v2\""
            }
            let failed = await refresher.refresh(
                try #require(try fixture.store.calendarSubscriptions().first), now: FeedServerFixture.now)
            #expect(failed.outcome == .failed("the calendar at 127.0.0.1 could not be read: the server answered 500"))

            calendar.state.withLockedValue {
                $0.status = .ok
                $0.body = String(repeating: "X", count: 5_000)
                $0.etag = "\"v3\""
            }
            let large = await refresher.refresh(
                try #require(try fixture.store.calendarSubscriptions().first), now: FeedServerFixture.now)
            #expect(
                large.outcome
                    == .failed(
                        "the calendar at 127.0.0.1 could not be read: the calendar is over 2000 bytes, the limit"))

            calendar.state.withLockedValue {
                $0.delaySeconds = 8
                $0.etag = "\"v4\""
            }
            let slow = await impatient.refresh(
                try #require(try fixture.store.calendarSubscriptions().first), now: FeedServerFixture.now)
            guard case .failed = slow.outcome else {
                Issue.record("a slow server should fail the refresh, got \(slow.outcome)")
                return
            }

            let saved = try #require(try fixture.store.calendarSubscriptions().first)
            #expect(saved.failures == 3)
            #expect(try fixture.store.absences(clinician: "C-ROUX").count == 1)
            // 15 minutes doubled three times: the next read is two hours after the last attempt.
            #expect(refresher.due(saved) == FeedServerFixture.now.addingTimeInterval(900 * 8))
            let waiting = await refresher.refreshAll(now: FeedServerFixture.now.addingTimeInterval(3600))
            #expect(waiting.map(\.outcome) == [.waiting(until: FeedServerFixture.now.addingTimeInterval(7200))])
        }
    }
}

func utcDate(_ text: String) -> Date {
    (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
}
