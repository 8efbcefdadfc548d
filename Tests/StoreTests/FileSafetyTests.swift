import CareModel
import Foundation
import GRDB
import Store
import StoreTesting
import Testing

/// A Parcours file says what it is, only Parcours files are ever replaced, and every file the
/// store creates is readable by its owner only.
@Suite struct FileSafetyTests {
    func applicationID(_ path: String) throws -> Int32 {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    @Test func aNewDatabaseCarriesTheParcoursApplicationID() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/parcours.sqlite"
            _ = try ParcoursStore.create(at: path)
            #expect(try applicationID(path) == Schema.applicationID)
            #expect(Schema.applicationID == 0x5052_4353)
        }
    }

    @Test func anOlderParcoursFileIsRecognisedByItsHistoryAndStampedWhenOpened() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/old.sqlite"
            try makeDatabaseForTesting(at: path, upTo: Schema.v6AuditPatientAndPrivacy, sql: "SELECT 1")
            #expect(try applicationID(path) == 0)
            try ParcoursStore.checkReplaceable(path)
            _ = try ParcoursStore.open(at: path)
            #expect(try applicationID(path) == Schema.applicationID)
        }
    }

    @Test func onlyAParcoursFileIsReplaceable() throws {
        try withTemporaryDirectory { directory in
            let folder = directory + "/centre"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let text = directory + "/notes.txt"
            try Data("Rendez-vous mardi\n".utf8).write(to: URL(fileURLWithPath: text))
            let foreign = directory + "/invoices.sqlite"
            try makeForeignDatabaseForTesting(at: foreign)
            let stamped = directory + "/other-app.sqlite"
            let queue = try DatabaseQueue(path: stamped)
            try queue.write { db in try db.execute(sql: "PRAGMA application_id = 1234") }
            try queue.close()
            for path in [folder, text, foreign, stamped] {
                let error = #expect(throws: StoreError.self) { try ParcoursStore.checkReplaceable(path) }
                guard case .notAParcoursDatabase(let reported, _) = error else {
                    Issue.record("\(path): expected notAParcoursDatabase, got \(String(describing: error))")
                    continue
                }
                #expect(reported == path)
            }
            if case .notAParcoursDatabase(_, let detail)? = #expect(
                throws: StoreError.self,
                performing: {
                    try ParcoursStore.checkReplaceable(folder)
                })
            {
                #expect(detail.contains("folder"))
            }
            #expect(throws: StoreError.self) { try ParcoursStore.create(at: stamped) }
            try ParcoursStore.checkReplaceable(directory + "/nothing-here.sqlite")
            let parcours = directory + "/parcours.sqlite"
            _ = try ParcoursStore.create(at: parcours)
            try ParcoursStore.checkReplaceable(parcours)
        }
    }

    @Test func idsOutsideTheRuleAreRefusedByTheSchemaItself() throws {
        try withTemporaryStore { store in
            for id in [
                "../escaped", "C ROUX", "C-ROUX\r\nX", "", "-dash-first", String(repeating: "A", count: 41), "C-RÖUX",
            ] {
                let clinician = Clinician(
                    id: ClinicianID(id), name: "Dr X", role: .psychologist, hours: Fixtures.hours("mon 09:00-12:00"))
                #expect(throws: StoreError.self, "\(id)") {
                    try store.addClinician(clinician, actor: Fixtures.secretary)
                }
                #expect(throws: StoreError.self, "\(id)") {
                    try store.addRoom(
                        Room(id: RoomID(id), name: "Salle", capacity: 1, features: [.individual]),
                        actor: Fixtures.secretary)
                }
                #expect(throws: StoreError.self, "\(id)") {
                    try store.executeForTesting(
                        "INSERT INTO interpreter (id, name, languages) VALUES ('\(id)', 'X', 'ar')")
                }
            }
            try store.addClinician(
                Clinician(id: "C_roux-2", name: "Dr X", role: .psychologist, hours: Fixtures.hours("mon 09:00-12:00")),
                actor: Fixtures.secretary)
            try store.addRoom(
                Room(
                    id: RoomID(String(repeating: "R", count: 40)), name: "Salle", capacity: 1, features: [.individual]),
                actor: Fixtures.secretary)
            #expect(try store.clinicians().map(\.id) == ["C_roux-2"])
        }
    }

    @Test func everyFileTheStoreCreatesIsOwnerOnlyWhateverTheUmask() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        try withTemporaryDirectory { directory in
            let path = directory + "/parcours.sqlite"
            let store = try ParcoursStore.create(at: path)
            try store.addPatient(
                Fixtures.patient("P-7KQ2"), identity: Fixtures.identity("P-7KQ2"), actor: Fixtures.secretary)
            try store.backup(to: directory + "/backup.sqlite")
            try store.restore(from: directory + "/backup.sqlite", actor: Fixtures.secretary)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(files.contains("parcours.sqlite-wal"))
            #expect(files.contains { $0.contains("before-restore") })
            for file in files {
                #expect(
                    mode(directory + "/" + file) == 0o600,
                    "\(file) is \(String(mode(directory + "/" + file), radix: 8))")
            }
            #expect(store.fileWarnings() == [])
            chmod(path, 0o644)
            #expect(store.fileWarnings().count == 1)
            #expect(store.fileWarnings().first?.contains("chmod 600 \(path)") == true)
        }
    }

    @Test func backupForceNeverReplacesTheLiveDatabaseOrItsJournal() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/parcours.sqlite"
            let store = try ParcoursStore.create(at: path)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let before = try store.tableDigests()
            for target in [path, path + "-wal", path + "-shm"] {
                let error = #expect(throws: StoreError.self) { try store.backup(to: target, replace: true) }
                guard case .constraint(let message)? = error else {
                    Issue.record("\(target): expected a refusal, got \(String(describing: error))")
                    continue
                }
                #expect(message.contains("live database"))
            }
            #expect(try store.tableDigests() == before)
            #expect(try ParcoursStore.open(at: path).rooms() == [Fixtures.salle1])
        }
    }
}
