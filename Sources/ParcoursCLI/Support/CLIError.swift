import CareModel

/// Problems the CLI itself finds, before or between calls into the libraries.
enum CLIError: Error, CustomStringConvertible {
    case missingPathways(String)
    case unknownTrack(String, known: [String])
    case notFound(kind: String, id: String)
    case databaseExists(String)
    case invalidArgument(name: String, value: String, expected: String)
    /// The enrolment was refused; the message carries the reasons and the referral suggestion.
    case refused(String)
    /// A calendar file that cannot be read or imported; `problem` carries the line when there is one.
    case calendarFile(path: String, problem: String)
    case cannotWrite(path: String, detail: String)

    var description: String {
        switch self {
        case let .missingPathways(path):
            "no care tracks at \(path); pass --pathways DIR or set PARCOURS_PATHWAYS"
        case let .unknownTrack(id, known):
            "unknown track '\(id)'; expected one of: \(known.joined(separator: ", "))"
        case let .notFound(kind, id):
            "no \(kind) '\(id)' in this database"
        case let .databaseExists(path):
            "\(path) already exists; pass --replace to rebuild the demo there, or choose another --db"
        case let .invalidArgument(name, value, expected):
            "\(name): '\(value)' is not valid; expected \(expected)"
        case let .refused(message):
            message
        case let .calendarFile(path, problem):
            "\(path): \(problem); nothing was imported"
        case let .cannotWrite(path, detail):
            "cannot write \(path): \(detail); check the folder exists and is writable"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .notFound, .unknownTrack: ExitStatus.notFound
        case .invalidArgument: ExitStatus.usage
        case .refused, .databaseExists: ExitStatus.refused
        case .missingPathways, .calendarFile, .cannotWrite: ExitStatus.error
        }
    }
}

/// The exit codes scripts can rely on (documented in the README).
enum ExitStatus {
    static let ok: Int32 = 0
    static let error: Int32 = 1
    static let usage: Int32 = 2
    /// A conflict or refusal: double booking, duplicate id, ineligible patient, illegal transition.
    static let refused: Int32 = 3
    static let notFound: Int32 = 4
}
