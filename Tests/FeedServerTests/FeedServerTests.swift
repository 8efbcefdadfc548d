import CareModel
import FeedServer
import Foundation
import Hummingbird
import HummingbirdTesting
import ICalendar
import Store
import Testing

@Suite struct FeedServerTests {
    /// Runs `body` against the server in process; `burst` sets the rate limit.
    func withServer(
        burst: Int = 60, missBurst: Int = 30,
        _ body: @Sendable (FeedServerFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let app = Application(router: try fixture.server(burst: burst, missBurst: missBurst).router())
        try await app.test(.router) { client in try await body(fixture, client) }
    }

    @Test func subscribedFeedIsACalendarLibicalReads() async throws {
        try await withServer { fixture, client in
            let (token, _) = try fixture.token()
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(response.headers[.cacheControl] == "private, max-age=300")
                #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
                #expect(response.headers[.lastModified]?.hasSuffix(" GMT") == true)
                let text = String(buffer: response.body)
                let events = try CalendarImporter().events(
                    inICS: text, from: FeedServerFixture.now,
                    to: FeedServerFixture.now.addingTimeInterval(30 * 86_400))
                #expect(events.count == 1)
                #expect(text.contains("TF-CBT session 1/10 · P-7KQ2"))
            }
        }
    }

    @Test func matchingIfNoneMatchGets304WithTheSameETag() async throws {
        try await withServer { fixture, client in
            let (token, _) = try fixture.token()
            let etag = try await client.execute(uri: "/feeds/\(token).ics", method: .get) { $0.headers[.eTag] }
            let tag = try #require(etag)
            try await client.execute(uri: "/feeds/\(token).ics", method: .get, headers: [.ifNoneMatch: tag]) {
                response in
                #expect(response.status == .notModified)
                #expect(response.headers[.eTag] == tag)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func unknownAndRevokedTokensGetTheSame404() async throws {
        try await withServer { fixture, client in
            let (token, record) = try fixture.token()
            try fixture.store.revokeFeedToken(record.id, actor: FeedServerFixture.secretary)
            let revoked = try await client.execute(uri: "/feeds/\(token).ics", method: .get) { $0 }
            let unknown = try await client.execute(uri: "/feeds/\(FeedTokenSecret.generate()).ics", method: .get) { $0 }
            #expect(revoked.status == .notFound)
            #expect(unknown.status == .notFound)
            #expect(revoked.body == unknown.body)
            #expect(revoked.headers[.contentType] == unknown.headers[.contentType])
        }
    }

    @Test func bookingAndCancellingChangeTheETag() async throws {
        try await withServer { fixture, client in
            let (token, _) = try fixture.token()
            let uri = "/feeds/\(token).ics"
            let first = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] }
            try fixture.store.book([fixture.session("A-2", "P-3333", day: 4)], actor: FeedServerFixture.secretary)
            let booked = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] }
            try fixture.store.setAppointmentStatus("A-2", .cancelledByCentre, actor: FeedServerFixture.secretary)
            let cancelled = try await client.execute(uri: uri, method: .get) { response in
                #expect(String(buffer: response.body).contains("STATUS:CANCELLED"))
                return response.headers[.eTag]
            }
            #expect(first != nil && booked != nil && cancelled != nil)
            #expect(Set([first, booked, cancelled]).count == 3)
            let again = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] }
            #expect(again == cancelled)
        }
    }

    @Test func changesCommittedThroughAnotherConnectionReachTheNextRequest() async throws {
        try await withServer { fixture, client in
            let (token, record) = try fixture.token()
            let uri = "/feeds/\(token).ics"
            let first = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] }
            // A second store on the same file, as another `parcours` process would open it.
            let other = try ParcoursStore.open(at: fixture.store.path, clock: { FeedServerFixture.now })
            try other.book([fixture.session("A-2", "P-3333", day: 4)], actor: FeedServerFixture.secretary)
            let booked = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] }
            try other.move("A-2", to: fixture.session("A-2", "P-3333", day: 5), actor: FeedServerFixture.secretary)
            let moved = try await client.execute(uri: uri, method: .get) { $0.headers[.eTag] }
            #expect(first != nil && booked != nil && moved != nil)
            #expect(Set([first, booked, moved]).count == 3)
            try other.revokeFeedToken(record.id, actor: FeedServerFixture.secretary)
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func headGivesTheHeadersWithoutABody() async throws {
        try await withServer { fixture, client in
            let (token, _) = try fixture.token()
            let get = try await client.execute(uri: "/feeds/\(token).ics", method: .get) { $0 }
            try await client.execute(uri: "/feeds/\(token).ics", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == get.headers[.eTag])
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            }
        }
    }

    @Test func logLinesOfRequestsNeverHoldTheToken() async throws {
        try await withServer { fixture, client in
            let (token, record) = try fixture.token()
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { #expect($0.status == .ok) }
            try fixture.store.revokeFeedToken(record.id, actor: FeedServerFixture.secretary)
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { #expect($0.status == .notFound) }
            let lines = fixture.logs.lines
            #expect(lines.contains { $0.contains("feed.id=\(record.id)") && $0.contains("status=200") })
            #expect(lines.contains { $0.contains("status=404") })
            #expect(lines.allSatisfy { !$0.contains(token) && !$0.contains(token.prefix(12)) })
        }
    }

    @Test func requestsBeyondTheBurstGet429() async throws {
        try await withServer(burst: 3) { fixture, client in
            let (token, _) = try fixture.token()
            for _ in 0..<3 {
                try await client.execute(uri: "/feeds/\(token).ics", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "60")
            }
            let (other, _) = try fixture.token(.room("R-1"))
            try await client.execute(uri: "/feeds/\(other).ics", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func aGetWithABodyIsRefused() async throws {
        try await withServer { fixture, client in
            let (token, _) = try fixture.token()
            try await client.execute(uri: "/feeds/\(token).ics", method: .get, body: ByteBuffer(string: "x")) {
                response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func healthAnswers200() async throws {
        try await withServer { _, client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
