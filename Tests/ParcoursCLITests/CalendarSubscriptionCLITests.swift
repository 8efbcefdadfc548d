import CareModel
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// `parcours calendar subscribe | subscriptions | refresh | unsubscribe` (the refresh itself is
/// tested against a local HTTP server in FeedServerTests.SubscriptionRefresherTests).
@Suite struct CalendarSubscriptionCLITests {
    @Test func subscribeListRefreshAndUnsubscribe() async throws {
        let ws = try await CalendarImportCommandTests().centre()
        // Port 9 (discard) on loopback: nothing listens, so the read fails at once, offline.
        let url = "http://127.0.0.1:9/roux/busy.ics"
        let added = await ws.run("calendar", "subscribe", "--clinician", "C-ROUX", "--url", url)
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output.contains("Subscribed C-ROUX to the calendar at 127.0.0.1 (subscription 1)"))
        #expect(await ws.run("calendar", "subscribe", "--clinician", "C-ROUX", "--url", url).status == 3)
        #expect(await ws.run("calendar", "subscribe", "--clinician", "C-NOBODY", "--url", url).status == 4)
        let bad = await ws.run("calendar", "subscribe", "--clinician", "C-ROUX", "--url", "file:///etc/passwd")
        #expect(bad.status == 2 && bad.errors.contains("--url"))

        let refresh = await ws.run("calendar", "refresh", "--timeout", "2")
        #expect(refresh.status == 0, "\(refresh.errors)")
        #expect(
            refresh.output.contains("Subscription 1 (C-ROUX): not read; the calendar at 127.0.0.1 could not be read"))
        let list = await ws.run("calendar", "subscriptions", "--format", "json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(
            rows.count == 1 && rows.first?["failures"] as? Int == 1 && rows.first?["clinician"] as? String == "C-ROUX")
        #expect(await ws.run("calendar", "subscriptions").output.contains("never"))

        #expect(await ws.run("calendar", "unsubscribe", "1").output.contains("Ended subscription 1"))
        #expect(await ws.run("calendar", "unsubscribe", "1").status == 4)
        #expect(await ws.run("calendar", "refresh").output.contains("No calendar subscription"))
    }
}
