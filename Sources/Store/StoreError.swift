import GRDB

/// Everything that can go wrong when reading or writing the Parcours database.
///
/// Each message says what happened, in words a secretary can act on, and nothing of the front
/// end: the CLI adds the command or option that puts it right, the desk its own link. A failing mutation has changed nothing: every write runs in one
/// transaction that is rolled back whole.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No file at `path`: the database was never created there.
    case missingDatabase(path: String)
    /// The file at `path` exists but is not a Parcours database (not SQLite, or another program's).
    case notAParcoursDatabase(path: String, detail: String)
    /// The file was written by a newer Parcours: `found` lists the schema versions this build does
    /// not know, `known` is the newest one it knows. The file is left untouched.
    case newerSchema(path: String, found: [String], known: String)
    /// No `kind` (patient, clinician, …) with this id.
    case notFound(kind: String, id: String)
    /// A `kind` with this id already exists.
    case duplicate(kind: String, id: String)
    /// The change breaks a rule of the schema; the message says which, in words.
    case constraint(String)
    /// A booking would put a clinician, room, interpreter or patient in two places at once; the
    /// message names the resource and the session already there.
    case conflict(String)
    /// A value stored in `table`.`column` (row `id`) cannot be read back: the file was edited by
    /// hand or by another program.
    case unreadable(table: String, id: String, column: String, value: String, expected: String)
    /// A file is already at `path` and would be overwritten (a backup).
    case fileExists(path: String)
    /// The file could not be opened, read or written (permissions, disk full, locked too long).
    case io(String)
    /// Any other SQLite failure, with SQLite's own words.
    case sqlite(String)

    public var description: String {
        switch self {
        case let .missingDatabase(path):
            "no database at \(path)"
        case let .notAParcoursDatabase(path, detail):
            "\(path) is not a Parcours database (\(detail))"
        case let .newerSchema(path, found, known):
            "\(path) was written by a newer version of Parcours (schema \(found.joined(separator: ", ")); "
                + "this version knows up to \(known)); upgrade parcours, the file was not changed"
        case let .notFound(kind, id):
            "no \(kind) '\(id)'"
        case let .duplicate(kind, id):
            "a \(kind) '\(id)' already exists; nothing was changed"
        case let .constraint(message):
            "refused: \(message); nothing was changed"
        case let .conflict(message):
            "conflict: \(message); nothing was booked"
        case let .unreadable(table, id, column, value, expected):
            "cannot read \(table) '\(id)': \(column) is '\(value)', expected \(expected); the database was edited outside Parcours"
        case let .fileExists(path):
            "\(path) already exists; nothing was written"
        case let .io(message):
            "cannot use the database file: \(message)"
        case let .sqlite(message):
            "database error: \(message)"
        }
    }
}

extension StoreError {
    /// Turns any error raised inside a database access into a ``StoreError``.
    ///
    /// Errors the Store throws itself pass through; GRDB's `DatabaseError` is mapped by result
    /// code, so that "FOREIGN KEY constraint failed" reaches a person as a sentence.
    init(_ error: any Error, path: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self = .io(String(describing: error))
            return
        }
        let message = error.message ?? "\(error.resultCode)"
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            self = .constraint(
                "the change refers to a patient, clinician, room, interpreter or enrolment that does not exist")
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            self = Self.unique(message)
        case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_DATATYPE:
            self = .constraint("a value is out of range or of the wrong kind (\(message))")
        case .SQLITE_CONSTRAINT_NOTNULL:
            self = .constraint("a required value is missing (\(message))")
        case .SQLITE_CONSTRAINT_TRIGGER:
            self = message.hasPrefix("double booking") ? .conflict(message) : .constraint(message)
        default:
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                self = .notAParcoursDatabase(path: path, detail: "SQLite says: \(message)")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                self = .io("\(path) stayed locked by another Parcours process for more than 5 seconds; try again")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
                self = .io("\(path) cannot be opened for writing (\(message)); check the path and its permissions")
            case .SQLITE_FULL:
                self = .io("\(path): the disk is full; free some space and try again")
            case .SQLITE_IOERR:
                // SQLite's message can be the generic "not an error" when the failing step was a copy.
                let said = message == "not an error" ? "a read or write failed (\(error.extendedResultCode))" : message
                self = .io("\(path): \(said); check the disk")
            case .SQLITE_CONSTRAINT:
                self = .constraint(message)
            default:
                self = .sqlite(message)
            }
        }
    }

    /// "UNIQUE constraint failed: enrolment.patient" → words naming the rule broken.
    private static func unique(_ message: String) -> StoreError {
        if message.contains("enrolment.patient") {
            return .constraint("the patient already has an enrolment in progress; close it before enrolling again")
        }
        if message.contains("keep_apart") {
            return .constraint("these two patients are already kept apart")
        }
        let column = message.components(separatedBy: ": ").last ?? message
        let table = column.split(separator: ".").first.map(String.init) ?? "record"
        return .constraint("a \(table) with the same \(column) already exists")
    }
}
