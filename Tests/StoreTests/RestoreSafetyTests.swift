import CareModel
import Foundation
import GRDB
import Store
import StoreTesting
import Testing

/// A restore never brings back a forgotten patient, leaves nothing of itself beside the backup,
/// and read-only opening changes not a byte of the file.
@Suite struct RestoreSafetyTests {
    @Test func restoreErasesAgainEveryPatientForgottenSinceTheBackup() throws {
        try withTemporaryDirectory { directory in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite", clock: { Fixtures.now })
            for code: PatientCode in ["P-7KQ2", "P-8MNP", "P-9RST"] {
                try store.addPatient(
                    Fixtures.patient(code), identity: Fixtures.identity(code), actor: Fixtures.secretary)
            }
            try store.forgetPatient("P-9RST", actor: Fixtures.secretary, reason: "asked before the backup")
            try store.backup(to: directory + "/backup.sqlite")
            try store.forgetPatient("P-7KQ2", actor: Fixtures.secretary, reason: "asked by letter")

            let summary = try store.restore(
                from: directory + "/backup.sqlite", actor: Fixtures.secretary, reason: "disk replaced")

            #expect(summary.erasuresReapplied == ["P-7KQ2"])
            #expect(try store.identity("P-7KQ2") == nil)
            #expect(try store.forgottenAt("P-7KQ2") == Fixtures.now)
            #expect(try store.patient("P-7KQ2")?.safeChannels == [])
            #expect(try store.identity("P-8MNP") == Fixtures.identity("P-8MNP"))
            #expect(try store.forgottenAt("P-9RST") != nil)
            let reapplied = try store.auditEntries(entityID: "P-7KQ2").filter { $0.action == "reapply-erasure" }
            #expect(reapplied.count == 1)
            let restore = try store.auditEntries().last
            #expect(restore?.action == "restore")
            #expect(restore?.after?.contains("\"erasuresReapplied\":\"1\"") == true)
            // A second restore of the same backup finds the erasure in the register again.
            let again = try store.restore(from: directory + "/backup.sqlite", actor: Fixtures.secretary)
            #expect(again.erasuresReapplied == ["P-7KQ2"])
            #expect(try store.identity("P-7KQ2") == nil)
        }
    }

    @Test func aRefusedOrDoneRestoreLeavesNoJournalNorPartialCopyBehind() throws {
        try withTemporaryDirectory { directory in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite")
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let backups = directory + "/backups"
            try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
            try store.backup(to: backups + "/good.sqlite")
            try makeDatabaseForTesting(
                at: backups + "/future.sqlite", upTo: Schema.latest,
                sql: """
                    INSERT INTO grdb_migrations (identifier) VALUES ('v99-future-feature')
                    """)
            let error = #expect(throws: StoreError.self) {
                try store.restore(from: backups + "/future.sqlite", actor: Fixtures.secretary)
            }
            guard case .newerSchema? = error else {
                Issue.record("expected newerSchema, got \(String(describing: error))")
                return
            }
            try store.restore(from: backups + "/good.sqlite", actor: Fixtures.secretary)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: backups).sorted() == [
                    "future.sqlite", "good.sqlite",
                ])
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("partial") } == [])
        }
    }

    @Test func aPartialCopyLeftByAKilledProcessIsRemovedByTheNextBackup() throws {
        try withTemporaryDirectory { directory in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite")
            // A process id that cannot be running: above Linux's pid_max limit.
            let abandoned = directory + "/.backup.sqlite.partial-4194305-0A1B"
            let live = directory + "/.backup.sqlite.partial-\(getpid())-0A1C"
            for file in [abandoned, live] { try Data("identities".utf8).write(to: URL(fileURLWithPath: file)) }
            try store.backup(to: directory + "/backup.sqlite")
            #expect(!FileManager.default.fileExists(atPath: abandoned))
            #expect(FileManager.default.fileExists(atPath: live), "a copy this process is writing stays")
        }
    }

    @Test func readOnlyOpeningChangesNoByteOfTheFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/parcours.sqlite"
            do {
                let store = try ParcoursStore.create(at: path)
                try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
                try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            }
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the writer closed and checkpointed")
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            chmod(path, 0o400)
            do {
                let store = try ParcoursStore.openReadOnly(at: path)
                #expect(store.isReadOnly)
                #expect(try store.rooms() == [Fixtures.salle1])
                #expect(store.healthChecks().filter { !$0.isOK }.map(\.name) == [])
                #expect(throws: StoreError.self) { try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary) }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func readOnlyOpeningRefusesAnOlderSchemaWithTheCommandThatUpgradesIt() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/old.sqlite"
            try makeDatabaseForTesting(at: path, upTo: Schema.v6AuditPatientAndPrivacy, sql: "SELECT 1")
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { try ParcoursStore.openReadOnly(at: path) }
            #expect(error?.description.contains("parcours init --db \(path)") == true)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }
}
