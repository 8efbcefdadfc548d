import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct FeedTokenTests {
    private func seeded(_ store: ParcoursStore) throws {
        try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
        try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
    }

    @Test func generatedTokensAreLongUrlSafeAndDistinct() {
        let tokens = (0..<50).map { _ in FeedTokenSecret.generate() }
        #expect(Set(tokens).count == 50)
        for token in tokens {
            #expect(token.count == FeedTokenSecret.length)
            #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        }
    }

    @Test func onlyTheHashIsStoredAndLookupFindsTheActiveToken() throws {
        try withTemporaryStore { store throws in
            try seeded(store)
            let token = FeedTokenSecret.generate()
            let record = try store.createFeedToken(
                scope: .clinician("C-ROUX"), sha256: FeedTokenSecret.sha256(token),
                actor: Fixtures.secretary)
            #expect(try store.activeFeedToken(sha256: FeedTokenSecret.sha256(token)) == record)
            #expect(try store.activeFeedToken(sha256: FeedTokenSecret.sha256("guess")) == nil)
            let stored = try store.stringsForTesting("SELECT hex(token_sha256) FROM feed_token")
            #expect(stored == [FeedTokenSecret.sha256(token).map { String(format: "%02X", $0) }.joined()])
            let everything = try store.stringsForTesting(
                "SELECT quote(scope_kind) || quote(scope_id) || quote(created_at) FROM feed_token")
            #expect(!everything.joined().contains(token))
        }
    }

    @Test func revokedTokenNoLongerOpensItsFeedAndStaysRevoked() throws {
        try withTemporaryStore { store throws in
            try seeded(store)
            let hash = FeedTokenSecret.sha256(FeedTokenSecret.generate())
            let record = try store.createFeedToken(scope: .room("R-1"), sha256: hash, actor: Fixtures.secretary)
            let revoked = try store.revokeFeedToken(record.id, actor: Fixtures.secretary, reason: "lost phone")
            #expect(revoked.revokedAt != nil)
            #expect(try store.activeFeedToken(sha256: hash) == nil)
            #expect(throws: StoreError.constraint("feed token \(record.id) is already revoked")) {
                try store.revokeFeedToken(record.id, actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.self) {
                try store.executeForTesting("UPDATE feed_token SET revoked_at = NULL")
            }
        }
    }

    @Test func rotationRevokesTheOldTokenAndGivesTheSameScopeANewOne() throws {
        try withTemporaryStore { store throws in
            try seeded(store)
            let old = FeedTokenSecret.sha256(FeedTokenSecret.generate())
            let new = FeedTokenSecret.sha256(FeedTokenSecret.generate())
            let first = try store.createFeedToken(scope: .clinician("C-ROUX"), sha256: old, actor: Fixtures.secretary)
            let second = try store.rotateFeedToken(first.id, newSHA256: new, actor: Fixtures.secretary)
            #expect(second.scope == .clinician("C-ROUX"))
            #expect(try store.activeFeedToken(sha256: old) == nil)
            #expect(try store.activeFeedToken(sha256: new) == second)
            #expect(try store.feedTokens().map(\.isActive) == [false, true])
        }
    }

    @Test func deactivatingAClinicianRevokesTheirFeedsAndRefusesNewOnes() throws {
        try withTemporaryStore { store throws in
            try seeded(store)
            let hashes = (0..<2).map { _ in FeedTokenSecret.sha256(FeedTokenSecret.generate()) }
            for hash in hashes {
                try store.createFeedToken(scope: .clinician("C-ROUX"), sha256: hash, actor: Fixtures.secretary)
            }
            let roomHash = FeedTokenSecret.sha256(FeedTokenSecret.generate())
            try store.createFeedToken(scope: .room("R-1"), sha256: roomHash, actor: Fixtures.secretary)
            try store.deactivateClinician("C-ROUX", actor: Fixtures.secretary, reason: "left the centre")
            #expect(try store.clinician("C-ROUX")?.active == false)
            for hash in hashes { #expect(try store.activeFeedToken(sha256: hash) == nil) }
            #expect(try store.activeFeedToken(sha256: roomHash) != nil)
            #expect(throws: StoreError.constraint("clinician C-ROUX is inactive and cannot get a feed")) {
                try store.createFeedToken(
                    scope: .clinician("C-ROUX"), sha256: roomHash.reversed(), actor: Fixtures.secretary)
            }
        }
    }

    @Test func everyChangeIsAuditedWithoutTheHash() throws {
        try withTemporaryStore { store throws in
            try seeded(store)
            let hash = FeedTokenSecret.sha256(FeedTokenSecret.generate())
            let record = try store.createFeedToken(scope: .clinician("C-ROUX"), sha256: hash, actor: Fixtures.secretary)
            try store.rotateFeedToken(record.id, newSHA256: hash.reversed(), actor: Fixtures.secretary)
            let actions = try store.auditEntries().map(\.action).filter { $0.hasSuffix("feed-token") }
            #expect(actions == ["create-feed-token", "revoke-feed-token", "create-feed-token"])
            let hex = hash.map { String(format: "%02x", $0) }.joined()
            #expect(try store.auditEntries().allSatisfy { !($0.after ?? "").lowercased().contains(hex) })
        }
    }

    @Test func unknownScopeIsRefused() throws {
        try withTemporaryStore { store throws in
            #expect(throws: StoreError.notFound(kind: "room", id: "R-NONE")) {
                try store.createFeedToken(
                    scope: .room("R-NONE"), sha256: Array(repeating: 1, count: 32), actor: Fixtures.secretary)
            }
        }
    }

    @Test func constantTimeEqualityComparesWholeDigests() {
        #expect(FeedTokenSecret.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!FeedTokenSecret.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!FeedTokenSecret.constantTimeEqual([1, 2], [1, 2, 3]))
    }
}
