import Foundation
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import Store
import Testing

@testable import FeedServer

/// Issue 15, item 8: revalidation by date, a quiet log under a flood, and scans in the log.
@Suite struct FeedServerRevalidationTests {
    func withServer(
        missBurst: Int = 30,
        _ body: @Sendable (FeedServerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let app = Application(router: try fixture.server(missBurst: missBurst).router())
        try await app.test(.router) { client in try await body(fixture, client) }
    }

    @Test func ifModifiedSinceTheLastModifiedSentGets304() async throws {
        try await withServer { fixture, client in
            let (token, _) = try fixture.token()
            let uri = "/feeds/\(token).ics"
            let sent = try #require(try await client.execute(uri: uri, method: .get) { $0.headers[.lastModified] })
            let lastModified = try #require(HTTPDate.parse(sent))
            #expect(FeedServer.httpDate(lastModified) == sent)
            try await client.execute(uri: uri, method: .get, headers: [.ifModifiedSince: sent]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.lastModified] == sent)
            }
            let later = FeedServer.httpDate(lastModified.addingTimeInterval(3600))
            try await client.execute(uri: uri, method: .head, headers: [.ifModifiedSince: later]) {
                #expect($0.status == .notModified)
            }
            let earlier = FeedServer.httpDate(lastModified.addingTimeInterval(-1))
            try await client.execute(uri: uri, method: .get, headers: [.ifModifiedSince: earlier]) {
                #expect($0.status == .ok)
            }
            // If-None-Match wins when both are sent (RFC 9110 13.1.3), and a date that is not one is ignored.
            try await client.execute(
                uri: uri, method: .get, headers: [.ifModifiedSince: sent, .ifNoneMatch: "\"other\""]
            ) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifModifiedSince: "yesterday"]) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func httpDatesAreReadAsIMFFixdateOnly() {
        #expect(HTTPDate.parse("Thu, 26 Nov 2026 13:00:00 GMT") == Date(timeIntervalSince1970: 1_795_698_000))
        #expect(HTTPDate.parse("Thu, 31 Feb 2026 13:00:00 GMT") == nil)
        #expect(HTTPDate.parse("Thu, 26 Nov 2026 25:00:00 GMT") == nil)
        #expect(HTTPDate.parse("Thursday, 26-Nov-26 13:00:00 GMT") == nil)
    }

    @Test func aFloodOf429sIsOneLogLinePerAddressPerMinute() async throws {
        try await withServer(missBurst: 2) { fixture, client in
            for _ in 0..<50 {
                _ = try await client.execute(uri: "/feeds/\(FeedTokenSecret.generate()).ics", method: .get) {
                    $0.status
                }
            }
            let lines = fixture.logs.lines.filter { $0.contains("feed request") }
            let notFound = lines.filter { $0.hasSuffix("status=404") },
                limited = lines.filter { $0.hasSuffix("status=429") }
            #expect(notFound.count == 2, "\(lines)")
            #expect(limited.count == 1)
            #expect(limited.first?.contains("held_back=0") == true)
        }
    }

    @Test func theThrottleSaysHowManyLinesItHeldBack() {
        let now = NIOLockedValueBox(0.0)
        let throttle = LogThrottle(clock: { now.withLockedValue { $0 } })
        #expect(throttle.admit("10.0.0.1") == 0)
        for _ in 0..<5 { #expect(throttle.admit("10.0.0.1") == nil) }
        #expect(throttle.admit("10.0.0.2") == 0)
        now.withLockedValue { $0 = 59.9 }
        #expect(throttle.admit("10.0.0.1") == nil)
        now.withLockedValue { $0 = 60 }
        #expect(throttle.admit("10.0.0.1") == 6)
    }

    @Test func unmatchedRoutesAreLoggedWithoutAnyTokenTheyHold() async throws {
        try await withServer { fixture, client in
            let secret = FeedTokenSecret.generate()
            try await client.execute(uri: "/feeds/\(secret)", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/wp-login.php", method: .get) { #expect($0.status == .notFound) }
            let lines = fixture.logs.lines.filter { $0.contains("no such route") }
            #expect(lines.count == 1) // one line per address per minute; in-process, every request is address "-"
            #expect(lines.first?.contains("path=/feeds/…") == true)
            #expect(lines.first?.contains("held_back=0") == true)
            #expect(!fixture.logs.lines.contains { $0.contains(secret) })
            #expect(UnmatchedRouteLog.loggablePath("/wp-login.php") == "/wp-login.php")
            #expect(UnmatchedRouteLog.loggablePath("/feeds/\(secret)") == "/feeds/…")
        }
    }
}
