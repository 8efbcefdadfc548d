import Booking
import CareModel
import Desk
import Foundation
import Hummingbird
import Testing

/// Booking's refusals shown in the user's language, by their stable codes, with the values
/// filled in; what has no sentence shows the service's English words.
@Suite struct DeskRefusalTests {
    @Test func aCheckInBeforeTheSessionIsRefusedInFrenchAndInEnglish() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            // Paul Martin's session in a week: 2026-12-03 13:00 UTC, 14:00 in Paris.
            let french = try await marie.post("/seances/A-MART/presence", [("csrf", csrf), ("etat", "venu")])
            #expect(french.status == .conflict)
            #expect(
                french.body.contains(
                    "A-MART a lieu le 2026-12-03 14:00 : la présence s&#39;enregistre une fois la séance commencée."))
            #expect(!french.body.contains("attendance is recorded"))
            try await marie.post("/langue", [("csrf", csrf), ("langue", "en")])
            let english = try await marie.post("/seances/A-MART/presence", [("csrf", csrf), ("etat", "venu")])
            #expect(
                english.body.contains(
                    "A-MART is on 2026-12-03 14:00: attendance is recorded once the session has begun."))
            #expect(try fixture.store.appointment("A-MART")?.status == .booked)
        }
    }

    @Test func everyCodedRefusalHasASentenceInBothCatalogues() throws {
        let catalogue = try Catalogue.bundled()
        let codes =
            Refusal.Code.allCases.filter { $0 != .other }.map(\.rawValue) + [
                "patient-not-found", "appointment-not-found", "not-enrolled", "unknown-track", "nothing-to-book",
                "no-slot", "rule-broken", "series-rule-broken", "changed-meanwhile", "store",
            ]
        for language in DeskLanguage.allCases {
            #expect(codes.filter { catalogue.table(language)["refusal_\($0)"] == nil } == [], "\(language)")
        }
    }
}
