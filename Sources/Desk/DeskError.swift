import Foundation
import Store

/// Everything the desk can refuse, each with a message an administrator or a secretary can act on.
public enum DeskError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bundled resource (template, catalogue, stylesheet) is missing or unreadable.
    case resourceMissing(String)
    /// A template does not parse: the file and the parser's words.
    case badTemplate(name: String, detail: String)
    /// The two language catalogues do not have the same keys.
    case catalogueMismatch(missing: [String])
    /// An account name the desk cannot use.
    case invalidUserName(String)
    /// A role that is not one of the four.
    case invalidRole(String)
    /// A clinician account without its clinician, or another role with one.
    case clinicianMismatch(String)
    /// The Store refused (unknown user, duplicate name, disabled account…); its own words.
    case store(StoreError)

    public var description: String {
        switch self {
        case .resourceMissing(let name): "the desk's bundled resource \(name) is missing or unreadable"
        case .badTemplate(let name, let detail): "template \(name) does not parse: \(detail)"
        case .catalogueMismatch(let missing):
            "the language catalogues differ; keys missing somewhere: \(missing.joined(separator: ", "))"
        case .invalidUserName(let name):
            "'\(name)' is not a usable account name; expected 1 to 64 letters, digits, '.', '-' or '_'"
        case .invalidRole(let role): "'\(role)' is not a role; expected secretary, clinician, coordinator or admin"
        case .clinicianMismatch(let detail): detail
        case .store(let error): error.description
        }
    }
}
