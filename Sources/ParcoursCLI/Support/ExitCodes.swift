import CareModel
import PathwayEngine
import Store

extension StoreError: CommandFailure {
    /// The Store says what went wrong; the CLI adds the command or option that puts it right.
    var message: String {
        switch self {
        case .missingDatabase: description + "; run `parcours init` first or pass --db"
        case .notAParcoursDatabase: description + "; check the --db path"
        case let .notFound(kind, _): description + "; check the id (\(Self.listing(of: kind)))"
        case let .fileExists(path):
            "\(path) already exists; choose another name or pass --force to replace it; nothing was written"
        default: description
        }
    }

    /// The command that lists the records of `kind`, to find the right id.
    static func listing(of kind: String) -> String {
        switch kind {
        case "patient", "enrolment": "parcours patient list"
        case "clinician": "parcours clinician list"
        case "room": "parcours room list"
        case "interpreter": "parcours interpreter list"
        case "group": "parcours group list"
        case "feed token": "parcours feed list"
        case "appointment": "parcours agenda"
        default: "the matching `parcours ... list` command"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .notFound: ExitStatus.notFound
        case .duplicate, .constraint, .conflict, .fileExists: ExitStatus.refused
        case .missingDatabase, .notAParcoursDatabase, .newerSchema, .unreadable, .io, .sqlite: ExitStatus.error
        }
    }
}

extension PathwayError: CommandFailure {
    var message: String { description }
    var exitCode: Int32 {
        switch self {
        case .illegalTransition: ExitStatus.refused
        case .unknownStep: ExitStatus.notFound
        default: ExitStatus.error
        }
    }
}

extension CareModelError: CommandFailure {
    var message: String { description }
    var exitCode: Int32 { ExitStatus.usage }
}
