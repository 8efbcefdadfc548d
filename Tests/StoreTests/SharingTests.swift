import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// Several `parcours` processes may open the same file; each has its own connection pool.
@Suite struct SharingTests {
    @Test func twoConnectionsWritingAtOnceBothSucceed() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/parcours.sqlite"
            let first = try ParcoursStore.create(at: path)
            let second = try ParcoursStore.open(at: path)
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: 40) { index in
                let store = index.isMultiple(of: 2) ? first : second
                let room = Room(id: RoomID("R-\(index)"), name: "Salle \(index)", capacity: 1, features: [.individual])
                do {
                    try store.addRoom(room, actor: Fixtures.secretary)
                } catch {
                    failures.append(String(describing: error))
                }
            }
            #expect(failures.all == [])
            #expect(try first.rooms().count == 40)
            #expect(try second.auditEntries().count == 40)
        }
    }

    @Test func aValueEditedOutsideParcoursIsReportedNotCrashed() throws {
        try withTemporaryStore { store throws in
            try store.executeForTesting(
                """
                INSERT INTO patient (code, birth_date, category, language, needs_interpreter, referral_source,
                    referral_date, created_at)
                VALUES ('P-EDIT', '1990-01-01', 'martian', 'fr', 0, 'other', '2026-11-01', '2026-11-01T09:00:00Z')
                """)
            let expected = StoreError.unreadable(
                table: "patient", id: "P-EDIT", column: "category", value: "martian",
                expected: "one of " + VictimCategory.expectedValues)
            #expect(throws: expected) { try store.patient("P-EDIT") }
            #expect(throws: expected) { try store.patients() }
        }
    }
}

/// Errors collected from concurrent work, behind a lock.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func append(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}
