import CareModel
import Desk
import FeedServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import ParcoursCLI

/// `parcours serve` answers the desk and the feeds on one router: the feed URLs and /health as
/// before, the desk's pages beside them.
@Suite struct ServeDeskTests {
    @Test func oneRouterServesTheFeedsHealthAndTheDesk() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(
            await ws.run(
                "clinician", "add", "C-ROUX", "--name", "Dr Anne Roux", "--role", "psychologist",
                "--hours", "mon-fri 09:00-17:00"
            ).status == 0)
        let created = await ws.run("feed", "create", "--clinician", "C-ROUX")
        let url = try #require(created.output.split(separator: "\n").first { $0.contains("/feeds/") })
        let path = try #require(url.range(of: "/feeds/").map { String(url[$0.lowerBound...]) })

        let global = try GlobalOptions.parse(["--db", ws.db, "--pathways", Workspace.pathways])
        let listen = try ServeOptions.parse(["--behind-https"])
        let store = try global.openStore()
        let feeds = try listen.server(store: store, global: global)
        let app = Application(router: try listen.deskRouter(feeds: feeds, store: store, global: global).0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("BEGIN:VCALENDAR"))
            }
            try await client.execute(uri: "/feeds/not-a-token.ics", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/connexion", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>Connexion</h1>"))
                // --behind-https: even the sign-in form's cookie is Secure.
                #expect(
                    response.headers[values: .setCookie].allSatisfy { $0.contains("Secure") && $0.contains("HttpOnly") }
                )
            }
            try await client.execute(uri: "/aujourdhui", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/connexion?suite=/aujourdhui")
            }
            try await client.execute(uri: "/static/desk.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
        }
    }

    @Test func aFeedAddressReplacedAtTheDeskStopsBeingServedAtOnce() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        #expect(
            await ws.run(
                "clinician", "add", "C-ROUX", "--name", "Dr Anne Roux", "--role", "psychologist",
                "--hours", "mon-fri 09:00-17:00"
            ).status == 0)
        #expect(await ws.run("user", "add", "anne", "--role", "clinician", "--clinician", "C-ROUX").status == 0)
        let created = await ws.run("feed", "create", "--clinician", "C-ROUX")
        let url = try #require(created.output.split(separator: "\n").first { $0.contains("/feeds/") })
        let old = try #require(url.range(of: "/feeds/").map { String(url[$0.lowerBound...]) })

        let global = try GlobalOptions.parse(["--db", ws.db, "--pathways", Workspace.pathways])
        let listen = try ServeOptions.parse([])
        let store = try global.openStore()
        let feed = try #require(try store.feedTokens().first)
        // A signed-in session for the account, its password no longer the one-time one (signing
        // in itself is the desk's own tests' matter).
        try store.setDeskUserPassword(
            "anne", passwordBcrypt: Passwords.hash("correct horse battery staple", cost: 10), temporary: false,
            actor: Actor(name: "test"))
        let cookie = FeedTokenSecret.generate(), csrf = FeedTokenSecret.generate()
        try store.openDeskSession("anne", tokenSHA256: FeedTokenSecret.sha256(cookie), csrfToken: csrf)
        let feeds = try listen.server(store: store, global: global)
        let app = Application(router: try listen.deskRouter(feeds: feeds, store: store, global: global).0)
        try await app.test(.router) { client in
            try await client.execute(uri: old, method: .get) { #expect($0.status == .ok) }
            let rotated = try await client.execute(
                uri: "/mon-calendrier/\(feed.id)/renouveler", method: .post,
                headers: [.cookie: "parcours_session=\(cookie)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)")
            ) { $0 }
            #expect(rotated.status == .ok, "\(rotated.headers[.location] ?? "-")")
            let page = String(buffer: rotated.body)
            let new = try #require(page.firstMatch(of: /\/feeds\/[A-Za-z0-9_\-]{43}\.ics/)).output
            try await client.execute(uri: old, method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: String(new), method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("BEGIN:VCALENDAR"))
            }
        }
    }
}
