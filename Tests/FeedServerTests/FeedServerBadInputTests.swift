import CareModel
import FeedServer
import Foundation
import Hummingbird
import HummingbirdTesting
import ICalendar
import Logging
import Store
import Testing

/// The HTTP rows of the bad-input catalogue (docs/reliability.md) not covered by FeedServerTests,
/// and the feed of a patient who becomes address-protected.
@Suite struct FeedServerBadInputTests {
    @Test func aMethodOtherThanGetOrHeadOpensNothing() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let (token, _) = try fixture.token()
        try await Application(router: fixture.server().router()).test(.router) { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                try await client.execute(uri: "/feeds/\(token).ics", method: method) { response in
                    #expect(response.status == .notFound || response.status == .methodNotAllowed, "\(method)")
                    #expect(!String(buffer: response.body).contains("BEGIN:VCALENDAR"))
                }
            }
        }
    }

    @Test func anOversizeHeaderIsRefusedBeforeAnyFeedIsBuilt() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let (token, _) = try fixture.token()
        let server = try FeedServer(
            store: fixture.store, composer: FeedComposer(steps: [:], roomNames: [:]),
            configuration: FeedServerConfiguration(port: 0, maxHeaderBytes: 1024),
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            now: { FeedServerFixture.now }, seconds: { 0 })
        try await server.application().test(.live) { client in
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { #expect($0.status == .ok) }
            var fields = HTTPFields()
            fields[.userAgent] = String(repeating: "a", count: 4096)
            var status: HTTPResponse.Status?
            do {
                try await client.execute(uri: "/feeds/\(token).ics", method: .get, headers: fields) {
                    status = $0.status
                }
            } catch {
                status = nil // the connection was closed on the oversize head: also a refusal
            }
            #expect(status.map { (400..<500).contains($0.code) } ?? true, "got \(String(describing: status))")
        }
    }

    @Test func protectingAPatientRenamesTheirSessionInTheServedFeedAtOnce() async throws {
        let fixture = try FeedServerFixture()
        defer { fixture.remove() }
        let (token, _) = try fixture.token()
        try await Application(router: fixture.server().router()).test(.router) { client in
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { response in
                #expect(String(buffer: response.body).contains("P-7KQ2"))
            }
            try fixture.store.setAddressProtected("P-7KQ2", true, actor: FeedServerFixture.secretary, reason: "order")
            try await client.execute(uri: "/feeds/\(token).ics", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(!body.contains("P-7KQ2") && body.contains("Séance réservée"))
            }
        }
    }
}
