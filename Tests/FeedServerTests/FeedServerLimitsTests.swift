import Benchmarks
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
import UnixSignals

@testable import FeedServer

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Limits on tokens that open nothing, the per-request log line, and stopping the server.
@Suite struct FeedServerLimitsTests {
    @Test func hammeringUnknownTokensGets429AndRevokedTokensCannotBeToldApart() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let app = Application(router: try fixture.server(missBurst: 5).router())
        try await app.test(.router) { client in
            let (valid, _) = try fixture.token()
            let (revoked, record) = try fixture.token()
            try fixture.store.revokeFeedToken(record.id, actor: FeedServerFixture.secretary)
            for _ in 0..<5 {
                try await client.execute(uri: "/feeds/\(FeedTokenSecret.generate()).ics", method: .get) {
                    #expect($0.status == .notFound)
                }
            }
            let unknown = try await client.execute(uri: "/feeds/\(FeedTokenSecret.generate()).ics", method: .get) { $0 }
            let stale = try await client.execute(uri: "/feeds/\(revoked).ics", method: .get) { $0 }
            #expect(unknown.status == .tooManyRequests)
            #expect(stale.status == .tooManyRequests)
            #expect(unknown.body == stale.body)
            #expect(unknown.headers[.retryAfter] == "60" && stale.headers[.retryAfter] == "60")
            // A token that opens a feed is never held back by someone else's guessing.
            try await client.execute(uri: "/feeds/\(valid).ics", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func everyRequestIsOneInfoLineWithStatusFeedAndDuration() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let app = Application(router: try fixture.server().router())
        let (token, record) = try fixture.token()
        try await app.test(.router) { client in
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/feeds/\(FeedTokenSecret.generate()).ics", method: .head) {
                #expect($0.status == .notFound)
            }
        }
        let requests = fixture.logs.lines.filter { $0.contains("feed request") }
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.hasPrefix("info feed request") && $0.contains("duration_us=") })
        #expect(
            requests.first?.contains("feed.id=\(record.id) ") == true && requests.first?.contains("status=200") == true)
        #expect(requests.last?.contains("feed.id=- ") == true && requests.last?.contains("status=404") == true)
    }

    @Test func aSignalStopsTheServerAfterItServed() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let (token, _) = try fixture.token()
        let server = try fixture.server(port: 0)
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        // SIGUSR2 stands in for SIGTERM: the same path in ServiceLifecycle, without risking the
        // test process if the signal came early.
        let running = Task { try await server.run(signals: [.sigusr2]) { port in listening.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/feeds/\(token).ics"))
        let (body, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).hasPrefix("BEGIN:VCALENDAR"))
        kill(getpid(), SIGUSR2)
        try await running.value
        await #expect(throws: (any Error).self) { _ = try await URLSession.shared.data(from: url) }
    }

    @Test func benchServeGetsOnlyTheExpectedAnswers() async throws {
        let runs = try await ServeBenchmark(events: 30, connections: 2, seconds: 0.3).run()
        #expect(runs.map(\.status) == [200, 304])
        for run in runs {
            #expect(run.result.requests > 0)
            #expect(run.result.unexpected == 0, "\(run.path): \(run.result.unexpected) answers were not \(run.status)")
        }
        #expect(runs.first?.path.contains("30 events") == true)
    }

    @Test func oneAddressExhaustingItsMissesLeavesOtherAddressesTheirs() {
        let misses = RateLimiter<String>(capacity: 2, perMinute: 60, maxKeys: 10, clock: { 0 })
        #expect(misses.allow("192.0.2.1") && misses.allow("192.0.2.1"))
        #expect(!misses.allow("192.0.2.1"))
        #expect(misses.allow("198.51.100.7"))
    }
}
