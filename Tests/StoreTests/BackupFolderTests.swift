import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The desk's *Sauvegardes* and *Jours fermés* services: backups named after the time in a
/// private folder, listed newest first; a closed day reopened, audited.
@Suite struct BackupFolderTests {
    @Test func aBackupIntoAFolderIsNamedAfterTheTimeAndListedNewestFirst() throws {
        try withTemporaryDirectory { directory in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite", clock: { Fixtures.now })
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            let folder = directory + "/sauvegardes"
            #expect(try ParcoursStore.backupFiles(in: folder).isEmpty)
            let first = try store.backup(intoFolder: folder, at: Fixtures.now)
            let second = try store.backup(intoFolder: folder, at: Fixtures.now.addingTimeInterval(3_725))
            #expect(first == "parcours-2026-11-26-100000.sqlite")
            #expect(second == "parcours-2026-11-26-110205.sqlite")
            // A file of another name in the folder is not a backup of ours.
            try Data("notes".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
            let listed = try ParcoursStore.backupFiles(in: folder).map(\.name)
            #expect(Set(listed) == [first, second])
            let copy = try ParcoursStore.open(at: folder + "/" + second)
            #expect(try copy.clinicians().map(\.id) == ["C-ROUX"])
            let mode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o700)
            // Same second, same name: refused, the first copy kept.
            #expect(throws: StoreError.self) { try store.backup(intoFolder: folder, at: Fixtures.now) }
        }
    }

    @Test func aFileWhereTheFolderShouldBeIsRefused() throws {
        try withTemporaryDirectory { directory in
            let store = try ParcoursStore.create(at: directory + "/parcours.sqlite", clock: { Fixtures.now })
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/plain"))
            #expect(throws: StoreError.self) { try store.backup(intoFolder: directory + "/plain", at: Fixtures.now) }
        }
    }

    @Test func aClosedDayIsReopenedAndAuditedWithItsLabel() throws {
        try withTemporaryStore { store throws in
            let noel = ClosedDay(date: Fixtures.day("2026-12-25"), label: "Noël")
            try store.addClosedDays([noel], actor: Fixtures.secretary)
            try store.removeClosedDay(noel.date, actor: Actor(name: "root"), reason: "opened after all")
            #expect(try store.closedDays().isEmpty)
            let last = try #require(try store.auditEntries(entityID: "2026-12-25").last)
            #expect(last.action == "remove-closed-day" && last.actor == "root" && last.reason == "opened after all")
            #expect(last.before?.contains("Noël") == true && last.after == nil)
            #expect(throws: StoreError.notFound(kind: "closed day", id: "2026-12-25")) {
                try store.removeClosedDay(noel.date, actor: Fixtures.secretary)
            }
        }
    }
}
