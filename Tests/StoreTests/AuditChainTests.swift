import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The audit log is tamper-evident: an edit made with sqlite3 after dropping the append-only
/// triggers is found, and the first broken row named.
@Suite struct AuditChainTests {
    func storeWithHistory(_ directory: String) throws -> ParcoursStore {
        let store = try ParcoursStore.create(at: directory + "/parcours.sqlite", clock: { Fixtures.now })
        try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
        try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
        try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
        try store.addPatient(Fixtures.patient("P-7KQ2"), actor: Fixtures.secretary)
        return store
    }

    /// What someone with sqlite3 does: lift the guard, change the log, put the guard back.
    func tamper(_ store: ParcoursStore, _ sql: String) throws {
        try store.executeForTesting(
            """
            DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER audit_chained;
            \(sql);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
            CREATE TRIGGER audit_chained BEFORE INSERT ON audit WHEN NEW.chain IS NULL OR length(NEW.chain) <> 64
            BEGIN SELECT RAISE(ABORT, 'every audit row carries its chain hash'); END;
            """)
    }

    @Test func anUntouchedLogVerifiesAndEachRowCarriesItsHash() throws {
        try withTemporaryDirectory { directory in
            let store = try storeWithHistory(directory)
            let report = try store.verifyAuditChain()
            #expect(report.isIntact && report.rows == 4 && report.head.count == 64)
            #expect(try store.stringsForTesting("SELECT count(*) FROM audit WHERE length(chain) = 64") == ["4"])
            #expect(store.healthChecks().first { $0.name == "audit-chain" }?.isOK == true)
            #expect(throws: StoreError.self) {
                try store.executeForTesting(
                    "INSERT INTO audit (at, actor, action, entity, entity_id) VALUES ('2026-11-26T10:00:00Z', 'x', 'y', 'z', '1')"
                )
            }
        }
    }

    @Test func aRewrittenRowIsNamedEvenWithTheTriggersPutBack() throws {
        try withTemporaryDirectory { directory in
            let store = try storeWithHistory(directory)
            let second = try #require(store.auditEntries().dropFirst().first?.id)
            try tamper(store, "UPDATE audit SET actor = 'someone-else' WHERE id = \(second)")
            let report = try store.verifyAuditChain()
            #expect(report.firstBrokenRow == second)
            let check = try #require(store.healthChecks().first { $0.name == "audit-chain" })
            #expect(check.problems == 1 && check.examples.first?.contains("audit row \(second)") == true)
        }
    }

    @Test func aDeletedOrInsertedRowBreaksTheChainAtTheNextRow() throws {
        try withTemporaryDirectory { directory in
            let store = try storeWithHistory(directory)
            let ids = try store.auditEntries().map(\.id)
            try tamper(store, "DELETE FROM audit WHERE id = \(ids[1])")
            #expect(try store.verifyAuditChain().firstBrokenRow == ids[2])
        }
        try withTemporaryDirectory { directory in
            let store = try storeWithHistory(directory)
            let ids = try store.auditEntries().map(\.id)
            let chain = try store.stringsForTesting("SELECT chain FROM audit WHERE id = \(ids[0])")[0]
            try tamper(
                store,
                """
                INSERT INTO audit (id, at, actor, action, entity, entity_id, chain)
                    VALUES (\(ids[3] + 1), '2026-11-26T10:00:00Z', 'forger', 'add-room', 'room', 'R-X', '\(chain)')
                """)
            #expect(try store.verifyAuditChain().firstBrokenRow == ids[3] + 1)
        }
    }

    @Test func migrationV8ChainsTheRowsWrittenBefore() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/old.sqlite"
            try makeDatabaseForTesting(
                at: path, upTo: Schema.v7FileIdentity,
                sql: """
                    INSERT INTO audit (at, actor, action, entity, entity_id, after_json) VALUES
                        ('2026-11-02T09:00:00Z', 'marie', 'add-room', 'room', 'R-1', '{}'),
                        ('2026-11-03T09:00:00Z', 'marie', 'add-room', 'room', 'R-2', NULL)
                    """)
            let store = try ParcoursStore.open(at: path)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let report = try store.verifyAuditChain()
            #expect(report.isIntact && report.rows == 3)
            #expect(throws: StoreError.self) { try store.executeForTesting("UPDATE audit SET actor = 'x'") }
        }
    }
}
