import CareModel
import Foundation
import Store
import StoreTesting

/// Sample centres built with the real `parcours demo`, for tests that need a realistic calendar.
enum DemoDatabase {
    static let today = "2026-11-26"

    /// A demo centre of `patients` referrals at `path`, the whole waiting list booked today and
    /// nothing held yet (`--history-weeks 0`).
    static func build(at path: String, patients: Int, in directory: ScratchDirectory) async throws {
        try await parcoursOK(["demo", "--patients", String(patients), "--history-weeks", "0"], db: path, in: directory)
    }

    /// Cancels every booked session of the patients `select` picks, so they wait again: a waiting
    /// list without registering patients one process at a time. Test setup only (raw SQL).
    static func putBackOnWaitingList(_ path: String, where select: (PatientCode) -> Bool) throws {
        let store = try ParcoursStore.open(at: path)
        let codes = try store.patients().map(\.code).filter(select)
        guard !codes.isEmpty else { return }
        let list = codes.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try store.executeForTesting(
            """
            UPDATE appointment SET status = 'cancelled-by-centre' WHERE status = 'booked' AND cohort IS NULL
            AND patient IN (\(list))
            """)
    }

    /// Copies a closed database file (no WAL beside it) to `destination`.
    static func copy(_ path: String, to destination: String) throws {
        ParcoursStore.removeDatabaseFiles(destination)
        try FileManager.default.copyItem(atPath: path, toPath: destination)
    }
}
