import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The feed server's one question per request: has anything been committed since I last asked?
@Suite struct ChangeWatchTests {
    @Test func theVersionStaysPutWhileNothingIsCommitted() throws {
        try withTemporaryStore { store throws in
            let watch = try store.changeWatch()
            let first = try watch.version()
            _ = try store.rooms()
            #expect(try watch.version() == first)
            #expect(try watch.version() == first)
        }
    }

    @Test func aCommitThroughTheStoreMovesTheVersion() throws {
        try withTemporaryStore { store throws in
            let watch = try store.changeWatch()
            let before = try watch.version()
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let after = try watch.version()
            #expect(after != before)
            #expect(try watch.version() == after)
        }
    }

    @Test func aCommitFromAnotherConnectionMovesTheVersion() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/parcours.sqlite"
            let server = try ParcoursStore.create(at: path)
            let watch = try server.changeWatch()
            let before = try watch.version()
            // Another `parcours` process has its own pool on the same file.
            let secretary = try ParcoursStore.open(at: path)
            try secretary.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            #expect(try watch.version() != before)
        }
    }

    @Test func manyThreadsAskingAtOnceAllGetAnAnswer() throws {
        try withTemporaryStore { store throws in
            let watch = try store.changeWatch()
            let expected = try watch.version()
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 200) { _ in
                do {
                    let version = try watch.version()
                    if version != expected { failures.append("moved to \(version) with nothing committed") }
                } catch {
                    failures.append(String(describing: error))
                }
            }
            #expect(failures.all == [])
        }
    }

    @Test func aMissingDatabaseIsNamedInTheError() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/nowhere/parcours.sqlite"
            #expect {
                _ = try DatabaseChangeWatch(path: path)
            } throws: { error in
                String(describing: error).contains(path)
            }
        }
    }
}
