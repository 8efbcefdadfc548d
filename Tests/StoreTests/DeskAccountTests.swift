import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The desk's accounts and sessions in SQLite: what is kept, what is refused, what ends a session.
@Suite struct DeskAccountTests {
    static let bcrypt = "$2b$10$abcdefghijklmnopqrstuu5r7wLBkR6pZr3Xw8oZFXtvWwQ6b0kA2"

    private func seeded(_ store: ParcoursStore) throws {
        try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
        try store.addDeskUser(
            DeskUser(name: "marie", role: .secretary), passwordBcrypt: Self.bcrypt, actor: Fixtures.secretary)
    }

    @Test func anAccountIsStoredWithItsHashOnlyAndAudited() throws {
        try withTemporaryStore { store throws in
            try seeded(store)
            let added = try store.addDeskUser(
                DeskUser(name: "helene", role: .clinician, clinician: "C-ROUX"), passwordBcrypt: Self.bcrypt,
                actor: Fixtures.secretary)
            #expect(added.passwordIsTemporary && !added.disabled && added.createdAt == Fixtures.now)
            #expect(try store.deskUsers().map(\.name) == ["helene", "marie"])
            #expect(try store.deskCredentials("helene")?.passwordBcrypt == Self.bcrypt)
            #expect(try store.deskCredentials("nobody") == nil)
            let audit = try store.auditEntries(entityID: "helene")
            #expect(audit.map(\.action) == ["add-desk-user"])
            #expect(audit.first?.after?.contains("$2b$") == false)
        }
    }

    @Test func duplicatesUnknownCliniciansAndMismatchedRolesAreRefused() throws {
        try withTemporaryStore { store throws in
            try seeded(store)
            #expect(throws: StoreError.duplicate(kind: "desk user", id: "marie")) {
                try store.addDeskUser(
                    DeskUser(name: "marie", role: .admin), passwordBcrypt: Self.bcrypt, actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.notFound(kind: "clinician", id: "C-NONE")) {
                try store.addDeskUser(
                    DeskUser(name: "x", role: .clinician, clinician: "C-NONE"), passwordBcrypt: Self.bcrypt,
                    actor: Fixtures.secretary)
            }
            // The schema itself refuses a clinician account without its clinician, and a plain password.
            #expect(throws: StoreError.self) {
                try store.executeForTesting(
                    """
                    INSERT INTO desk_user (name, role, password_bcrypt, created_at) VALUES ('y', 'clinician', '\(Self.bcrypt)', '2026-11-26T10:00:00Z')
                    """)
            }
            #expect(throws: StoreError.self) {
                try store.executeForTesting(
                    """
                    INSERT INTO desk_user (name, role, password_bcrypt, created_at) VALUES ('z', 'admin', 'hunter2', '2026-11-26T10:00:00Z')
                    """)
            }
        }
    }

    @Test func sessionsAreFoundByHashAndEndedByIdlenessDisablingOrReset() throws {
        let clock = MovableClock()
        try withTemporaryDirectory { directory throws in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite", clock: { clock.now })
            try seeded(store)
            let hash = Array(repeating: UInt8(7), count: 32)
            let opened = try store.openDeskSession(
                "marie", tokenSHA256: hash, csrfToken: String(repeating: "c", count: 43))
            #expect(try store.deskSession(tokenSHA256: hash, idleTimeout: 600) == opened)
            #expect(try store.deskSession(tokenSHA256: Array(repeating: 8, count: 32), idleTimeout: 600) == nil)
            clock.advance(599)
            #expect(try store.deskSession(tokenSHA256: hash, idleTimeout: 600) != nil) // marks it seen
            clock.advance(599)
            #expect(try store.deskSession(tokenSHA256: hash, idleTimeout: 600) != nil)
            clock.advance(601)
            #expect(try store.deskSession(tokenSHA256: hash, idleTimeout: 600) == nil)
            #expect(try store.deskSessionCount("marie") == 0)

            try store.openDeskSession("marie", tokenSHA256: hash, csrfToken: String(repeating: "c", count: 43))
            try store.setDeskUserPassword(
                "marie", passwordBcrypt: Self.bcrypt, temporary: true, actor: Fixtures.secretary)
            #expect(try store.deskSessionCount("marie") == 0)

            try store.openDeskSession("marie", tokenSHA256: hash, csrfToken: String(repeating: "c", count: 43))
            let disabled = try store.disableDeskUser("marie", actor: Fixtures.secretary)
            #expect(disabled.disabled)
            #expect(try store.deskSessionCount("marie") == 0)
            #expect(throws: StoreError.constraint("desk user marie is disabled")) {
                try store.openDeskSession("marie", tokenSHA256: hash, csrfToken: String(repeating: "c", count: 43))
            }
            #expect(throws: StoreError.constraint("desk user marie is already disabled")) {
                try store.disableDeskUser("marie", actor: Fixtures.secretary)
            }
            let actions = try store.auditEntries(entityID: "marie").map(\.action)
            #expect(
                actions == [
                    "add-desk-user", "desk-sign-in", "desk-sign-in", "reset-desk-password", "desk-sign-in",
                    "disable-desk-user",
                ])
            #expect(try store.stringsForTesting("SELECT hex(token_sha256) FROM desk_session") == [])
        }
    }
}

/// A "now" that a test moves forward.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Fixtures.now
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
