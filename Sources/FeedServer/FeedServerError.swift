import Store

/// What can stop the feed server from starting or from building a feed.
public enum FeedServerError: Error, Sendable, CustomStringConvertible {
    /// A token names a clinician or room that no longer exists in the database.
    case scopeMissing(kind: String, id: String)
    /// A subscribed calendar could not be read; `host` only, since the URL may be a secret address.
    case subscription(host: String, reason: String)

    public var description: String {
        switch self {
        case let .scopeMissing(kind, id):
            "the feed's \(kind) '\(id)' is no longer in the database; its token opens nothing until it is revoked"
        case let .subscription(host, reason):
            "the calendar at \(host) could not be read: \(reason)"
        }
    }
}
