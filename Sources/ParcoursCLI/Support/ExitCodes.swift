import CareModel
import PathwayEngine
import Store

extension StoreError: CommandFailure {
    var message: String { description }
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
