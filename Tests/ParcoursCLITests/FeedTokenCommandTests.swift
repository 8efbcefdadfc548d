import Foundation
import Store
import Testing
@testable import ParcoursCLI

/// `parcours feed ...` and `parcours clinician deactivate`: tokens shown once, stored as hashes.
@Suite struct FeedTokenCommandTests {
    func centre() async throws -> Workspace {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let r = await ws.run("clinician", "add", "C-ROUX", "--name", "Dr Anne Roux", "--role", "psychologist",
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
        let created = await ws.run("feed", "create", "--clinician", "C-ROUX", "--public-url", "https://parcours.example.fr/")
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
        #expect(await ws.run("feed", "create", "--clinician", "C-ROUX", "--public-url", "parcours.example.fr").status != 0)
        #expect(await ws.run("feed", "create", "--room", "R-NONE").status == 4)
    }
}
