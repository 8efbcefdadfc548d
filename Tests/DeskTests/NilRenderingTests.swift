import Desk
import Hummingbird
import Testing

/// A value the page does not have is left out, never printed as "nil" (Mustache renders an
/// Optional held in `Any` as a value).
@Suite struct NilRenderingTests {
    @Test func noPageShowsNilForAMissingValue() async throws {
        try await DeskFixture.withDesk { _, client in
            let helene = Browser(client)
            try await helene.signIn("helene")
            for uri in ["/aujourdhui", "/patients/P-SCRT", "/liste-attente", "/seances/A-NONE/annulation"] {
                let page = try await helene.get(uri)
                #expect(!page.body.contains(">nil<") && !page.body.contains("\"nil\""), "\(uri)")
            }
            let marie = Browser(client)
            try await marie.signIn("marie")
            for uri in ["/patients/P-WAIT/reservation", "/liste-attente/programmation", "/adressages/nouveau"] {
                let page = try await marie.get(uri)
                #expect(!page.body.contains(">nil<") && !page.body.contains("\"nil\""), "\(uri)")
            }
        }
    }
}
