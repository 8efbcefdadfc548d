import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// `parcours backup` and `restore`: a consistent copy while others write, an exact restore, and a
/// wrong file refused before anything changes.
@Suite struct BackupTests {
    func room(_ n: Int) -> Room {
        Room(id: RoomID("R-\(n)"), name: "Salle \(n)", capacity: 1, features: [.individual])
    }

    /// Rows of every table but the audit log, which a restore lengthens by its own line.
    func withoutAudit(_ digests: [TableDigest]) -> [TableDigest] { digests.filter { $0.table != "audit" } }

    @Test func aBackupTakenWhileAnotherConnectionWritesIsConsistent() async throws {
        try await withTemporaryDirectoryAsync { directory in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite")
            let writer = try ParcoursStore.open(at: directory + "/parcours.sqlite")
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            let writing = Task.detached {
                for n in 0..<300 { try writer.addRoom(self.room(n), actor: Fixtures.secretary, reason: "busy day") }
            }
            var copies: [String] = []
            for n in 0..<4 {
                let copy = directory + "/copy-\(n).sqlite"
                try store.backup(to: copy)
                copies.append(copy)
            }
            try await writing.value
            for copy in copies {
                let restored = try ParcoursStore.open(at: copy)
                let failing = restored.healthChecks().filter { !$0.isOK }.map(\.name)
                #expect(failing == [])
                // Each room and its audit line are one transaction: a consistent copy has both or neither.
                let rooms = try restored.rooms().count
                let audited = try restored.auditEntries().filter { $0.action == "add-room" }.count
                #expect(rooms == audited, "\(copy): \(rooms) rooms, \(audited) audited")
            }
            #expect(try ParcoursStore.open(at: directory + "/parcours.sqlite").rooms().count == 300)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
                $0.contains(".partial-")
            }
            #expect(leftovers == [])
        }
    }

    @Test func restoreGivesBackEveryRowAndKeepsTheReplacedDatabase() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/parcours.sqlite"
            let store = try ParcoursStore.create(at: path)
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addPatient(
                Fixtures.patient("P-7KQ2"), identity: Fixtures.identity("P-7KQ2"), actor: Fixtures.secretary)
            let backedUp = try store.tableDigests()
            try store.backup(to: directory + "/backup.sqlite")

            try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            try store.addInterpreter(Fixtures.amiri, actor: Fixtures.secretary)
            let replaced = try store.tableDigests()
            let summary = try store.restore(
                from: directory + "/backup.sqlite", actor: Fixtures.secretary, reason: "test")

            let restored = try store.tableDigests()
            #expect(withoutAudit(restored) == withoutAudit(backedUp))
            let audit = try #require(restored.first { $0.table == "audit" })
            #expect(audit.rows == (backedUp.first { $0.table == "audit" }?.rows ?? 0) + 1)
            let last = try #require(try store.auditEntries().last)
            #expect(last.action == "restore" && last.actor == Fixtures.secretary.name && last.reason == "test")
            #expect(last.after?.contains("before-restore") == true)
            // The database as it was just before is kept whole.
            #expect(try ParcoursStore.open(at: summary.previousCopy).tableDigests() == replaced)
            #expect(try store.rooms().map(\.id) == [Fixtures.salle1.id])
        }
    }

    @Test func restoreRefusesAForeignAnEmptyOrADamagedFileAndChangesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/parcours.sqlite"
            let store = try ParcoursStore.create(at: path)
            for n in 0..<200 { try store.addRoom(room(n), actor: Fixtures.secretary) }
            let damaged = directory + "/damaged.sqlite"
            try store.backup(to: damaged)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: damaged))
            try handle.seek(toOffset: 4096 * 3)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096 * 4))
            try handle.close()
            try makeForeignDatabaseForTesting(at: directory + "/invoices.sqlite")
            try Data().write(to: URL(fileURLWithPath: directory + "/empty.sqlite"))
            try Data("not a database\n".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))
            let before = try store.tableDigests()

            for file in ["damaged.sqlite", "invoices.sqlite", "empty.sqlite", "notes.txt"] {
                do throws(StoreError) {
                    try store.restore(from: directory + "/" + file, actor: Fixtures.secretary)
                    Issue.record("\(file) was restored")
                } catch {
                    guard case let .notAParcoursDatabase(refused, _) = error else {
                        Issue.record("\(file): \(error)")
                        continue
                    }
                    #expect(refused.hasSuffix(file))
                }
            }
            #expect(throws: StoreError.self) {
                try store.restore(from: directory + "/missing.sqlite", actor: Fixtures.secretary)
            }
            #expect(try store.tableDigests() == before)
            let copies = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
                $0.contains("before-restore")
            }
            #expect(copies == [], "a refused restore must not even copy the database")
        }
    }

    @Test func backupRefusesToOverwriteUnlessAskedTo() throws {
        try withTemporaryDirectory { directory in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite")
            let target = directory + "/backup.sqlite"
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
            #expect(throws: StoreError.fileExists(path: target)) { try store.backup(to: target) }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
            // Even with replace, only a Parcours file is replaced: a text file is kept.
            #expect(throws: StoreError.self) { try store.backup(to: target, replace: true) }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
            let older = directory + "/older-backup.sqlite"
            try store.backup(to: older)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            #expect(throws: StoreError.fileExists(path: older)) { try store.backup(to: older) }
            try store.backup(to: older, replace: true)
            #expect(try ParcoursStore.verifyRestorable(older) == Schema.latest)
            #expect(try ParcoursStore.open(at: older).rooms() == [Fixtures.salle1])
        }
    }
}

/// ``withTemporaryDirectory`` for async bodies.
func withTemporaryDirectoryAsync(_ body: (String) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("parcours-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory.path)
}
