import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct OpeningTests {
    @Test func migrationsFromEmptyCreateEveryTable() throws {
        try withTemporaryStore { store throws in
            let tables = try store.stringsForTesting(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"
            )
            #expect(Set(tables) == Set(Schema.tables))
            #expect(try store.schemaVersion == Schema.latest)
        }
    }

    @Test func databaseIsInWalModeWithForeignKeysOn() throws {
        try withTemporaryStore { store throws in
            #expect(try store.stringsForTesting("PRAGMA journal_mode") == ["wal"])
            #expect(try store.stringsForTesting("PRAGMA foreign_keys") == ["1"])
        }
    }

    @Test func openingAMissingFileSaysToRunInit() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/parcours.sqlite"
            #expect(throws: StoreError.missingDatabase(path: path)) { try ParcoursStore.open(at: path) }
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(
                StoreError.missingDatabase(path: "./parcours.sqlite").description
                    == "no database at ./parcours.sqlite")
        }
    }

    @Test func createThenOpenKeepsTheData() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/parcours.sqlite"
            let created = try ParcoursStore.create(at: path)
            try created.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let reopened = try ParcoursStore.open(at: path)
            #expect(try reopened.rooms() == [Fixtures.salle1])
            let recreated = try ParcoursStore.create(at: path)
            #expect(try recreated.rooms() == [Fixtures.salle1])
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedUntouched() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/notes.sqlite"
            let garbage = Data(String(repeating: "Rendez-vous mardi 14h, salle 2.\n", count: 200).utf8)
            try garbage.write(to: URL(fileURLWithPath: path))
            for attempt in [{ try ParcoursStore.open(at: path) }, { try ParcoursStore.create(at: path) }] {
                let error = #expect(throws: StoreError.self) { try attempt() }
                guard case .notAParcoursDatabase(let reported, _) = error else {
                    Issue.record("expected notAParcoursDatabase, got \(String(describing: error))")
                    continue
                }
                #expect(reported == path)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        }
    }

    @Test func anEmptyFileIsNotADatabaseToOpen() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/parcours.sqlite"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            #expect(throws: StoreError.notAParcoursDatabase(path: path, detail: "the file is empty")) {
                try ParcoursStore.open(at: path)
            }
        }
    }

    @Test func anotherProgramsSQLiteFileIsRefused() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/accounts.sqlite"
            try makeForeignDatabaseForTesting(at: path)
            let expected = StoreError.notAParcoursDatabase(path: path, detail: "it holds tables of another program")
            #expect(throws: expected) { try ParcoursStore.open(at: path) }
            #expect(throws: expected) { try ParcoursStore.create(at: path) }
        }
    }

    @Test func aDatabaseFromANewerBuildIsRefusedAndLeftAlone() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/parcours.sqlite"
            let newer = try ParcoursStore.createForTesting(
                at: path,
                extraMigrations: [("v99-future-feature", "CREATE TABLE future_thing (id INTEGER PRIMARY KEY)")])
            try newer.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            #expect(try newer.schemaVersion == "v99-future-feature")
            let expected = StoreError.newerSchema(path: path, found: ["v99-future-feature"], known: Schema.latest)
            #expect(throws: expected) { try ParcoursStore.open(at: path) }
            #expect(throws: expected) { try ParcoursStore.create(at: path) }
            #expect(try newer.stringsForTesting("SELECT count(*) FROM audit") == ["1"])
            #expect(expected.description.contains("newer version of Parcours"))
        }
    }

    @Test func aFolderThatDoesNotExistIsAnIOError() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/no-such-folder/parcours.sqlite"
            let error = #expect(throws: StoreError.self) { try ParcoursStore.create(at: path) }
            guard case .io(let message) = error else {
                Issue.record("expected an io error, got \(String(describing: error))")
                return
            }
            #expect(message.contains(path))
        }
    }

    @Test func actorCurrentNamesTheSystemUser() {
        #expect(!Actor.current().name.isEmpty)
    }
}
