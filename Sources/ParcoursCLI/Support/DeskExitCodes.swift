import Desk

extension DeskError: CommandFailure {
    /// The desk's words, with the argument to correct or the command that lists accounts.
    var message: String {
        switch self {
        case .invalidUserName: "NAME: " + description
        case .invalidRole: "--role: " + description
        case .clinicianMismatch: "--clinician: " + description
        case let .store(error):
            error.message.replacingOccurrences(
                of: "the matching `parcours ... list` command", with: "parcours user list")
        default: description
        }
    }

    var exitCode: Int32 {
        switch self {
        case .invalidUserName, .invalidRole, .clinicianMismatch: ExitStatus.usage
        case let .store(error): error.exitCode
        case .resourceMissing, .badTemplate, .catalogueMismatch: ExitStatus.error
        }
    }
}
