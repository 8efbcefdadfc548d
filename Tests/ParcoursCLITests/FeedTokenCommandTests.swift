import CareModel
import FeedServer
import Foundation
import PathwayEngine
import Store
import Testing

@testable import ParcoursCLI

/// `parcours feed ...` and `parcours clinician deactivate`: tokens shown once, stored as hashes.
@Suite struct FeedTokenCommandTests {
    func centre() async throws -> Workspace {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let r = await ws.run(
            "clinician", "add", "C-ROUX", "--name", "Dr Anne Roux", "--role", "psychologist",
            "--hours", "mon-fri 09:00-17:00")
        #expect(r.status == 0, "\(r.errors)")
        return ws
    }

    /// The token in the URL `feed create` or `feed rotate` printed.
    func extractToken(in output: String) -> String? {
        output.split(separator: "\n").first { $0.contains("/feeds/") }
            .flatMap { $0.split(separator: "/").last }.map { String($0.dropLast(4)) }
    }

    @Test func createPrintsTheURLOnceAndListNeverShowsTheToken() async throws {
        let ws = try await centre()
        let created = await ws.run(
            "feed", "create", "--clinician", "C-ROUX", "--public-url", "https://parcours.example.fr/")
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.output.contains("https://parcours.example.fr/feeds/"))
        let token = try #require(extractToken(in: created.output))
        #expect(token.count == 43)
        let store = try ParcoursStore.open(at: ws.db)
        #expect(try store.activeFeedToken(sha256: FeedTokenSecret.sha256(token)) != nil)
        for format in ["table", "json"] {
            let listed = await ws.run("feed", "list", "--format", format)
            #expect(listed.status == 0)
            #expect(listed.output.contains("C-ROUX"))
            #expect(!listed.output.contains(token))
        }
    }

    @Test func rotateAndRevokeStopTheOldURL() async throws {
        let ws = try await centre()
        let first = try #require(extractToken(in: await ws.run("feed", "create", "--clinician", "C-ROUX").output))
        let rotated = await ws.run("feed", "rotate", "1")
        #expect(rotated.status == 0, "\(rotated.errors)")
        let second = try #require(extractToken(in: rotated.output))
        let store = try ParcoursStore.open(at: ws.db)
        #expect(try store.activeFeedToken(sha256: FeedTokenSecret.sha256(first)) == nil)
        #expect(try store.activeFeedToken(sha256: FeedTokenSecret.sha256(second)) != nil)
        #expect(await ws.run("feed", "revoke", "2").status == 0)
        #expect(try store.activeFeedToken(sha256: FeedTokenSecret.sha256(second)) == nil)
        #expect(await ws.run("feed", "revoke", "2").status != 0)
    }

    @Test func deactivatingAClinicianRevokesTheirFeeds() async throws {
        let ws = try await centre()
        let token = try #require(extractToken(in: await ws.run("feed", "create", "--clinician", "C-ROUX").output))
        let result = await ws.run("clinician", "deactivate", "C-ROUX", "--reason", "left")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("revoked 1 feed"))
        let store = try ParcoursStore.open(at: ws.db)
        #expect(try store.activeFeedToken(sha256: FeedTokenSecret.sha256(token)) == nil)
    }

    @Test func createNeedsExactlyOneScopeAndAWebAddress() async throws {
        let ws = try await centre()
        #expect(await ws.run("feed", "create").status == 2)
        #expect(
            await ws.run("feed", "create", "--clinician", "C-ROUX", "--public-url", "parcours.example.fr").status != 0)
        #expect(await ws.run("feed", "create", "--room", "R-NONE").status == 4)
    }

    @Test func demoServeSubscribesTheBusiestClinicianToAWorkingURL() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "40")
        #expect(demo.status == 0, "\(demo.errors)")
        let store = try ParcoursStore.open(at: ws.db)
        let catalog = try TrackCatalog.load(directory: URL(fileURLWithPath: Workspace.pathways))
        let today = try #require(LocalDate(year: 2026, month: 11, day: 26))
        let now = try #require(ClinicTimeZone.paris.instant(on: today, at: LocalTime(hour: 12) ?? .midnight))
        let feeds = DemoFeeds(
            calendars: URL(fileURLWithPath: "/nonexistent"), store: store, catalog: catalog,
            actor: Actor(name: "test"), today: today, now: now)
        let subscription = try feeds.subscribeBusiest(publicBase: "https://parcours.example.fr")

        #expect(subscription.url.hasPrefix("https://parcours.example.fr/feeds/") && subscription.url.hasSuffix(".ics"))
        let token = try #require(extractToken(in: subscription.url))
        let record = try #require(try store.activeFeedToken(sha256: FeedTokenSecret.sha256(token)))
        #expect(record.scope == .clinician(subscription.clinician.id))
        #expect(subscription.sessions > 0)
        let composer = CalendarFiles.composer(catalog: catalog, rooms: try store.rooms())
        for clinician in try store.clinicians() {
            let sessions = try StoreFeeds.ics(.clinician(clinician), store: store, composer: composer, now: now)
                .sessions
            #expect(sessions <= subscription.sessions, "\(clinician.id) has more sessions than the chosen clinician")
        }
    }

    @Test func demoServeWithABadPublicURLStopsBeforeBuildingAnything() async throws {
        let ws = try Workspace()
        let result = await ws.run("demo", "--patients", "20", "--serve", "--public-url", "parcours.example.fr")
        #expect(result.status == 2)
        #expect(result.errors.contains("--public-url"))
        #expect(!FileManager.default.fileExists(atPath: ws.db))
    }
}
