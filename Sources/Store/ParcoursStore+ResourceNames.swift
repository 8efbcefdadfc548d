import CareModel
import GRDB

/// The names of the centre's clinicians, rooms and interpreters by id: all that the day sheet and
/// the agenda show of them.
public struct ResourceNames: Sendable, Equatable {
    public var clinicians: [ClinicianID: String]
    public var rooms: [RoomID: String]
    public var interpreters: [InterpreterID: String]

    public init(
        clinicians: [ClinicianID: String], rooms: [RoomID: String], interpreters: [InterpreterID: String]
    ) {
        self.clinicians = clinicians
        self.rooms = rooms
        self.interpreters = interpreters
    }
}

extension ParcoursStore {
    /// Every clinician's, room's and interpreter's name, in one read of two columns each (cached
    /// statements): reading whole records parsed every clinician's working hours on each page
    /// of the desk, a twentieth of the server's time in `bench desk`.
    public func resourceNames() throws(StoreError) -> ResourceNames {
        try read { db in
            func names(_ table: String) throws -> [String: String] {
                let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, name FROM \(table)"))
                var found: [String: String] = [:]
                while let row = try rows.next() {
                    if let id: String = row[0], let name: String = row[1] { found[id] = name }
                }
                return found
            }
            return ResourceNames(
                clinicians: Dictionary(uniqueKeysWithValues: try names("clinician").map { (ClinicianID($0), $1) }),
                rooms: Dictionary(uniqueKeysWithValues: try names("room").map { (RoomID($0), $1) }),
                interpreters: Dictionary(
                    uniqueKeysWithValues: try names("interpreter").map { (InterpreterID($0), $1) }))
        }
    }
}
