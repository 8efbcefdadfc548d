import Store

/// What can stop the feed server from starting or from building a feed.
public enum FeedServerError: Error, Sendable, CustomStringConvertible {
    /// A token names a clinician or room that no longer exists in the database.
    case scopeMissing(kind: String, id: String)
    /// `--public-url` is not an http(s) address.
    case badPublicURL(String)
    /// `parcours bench serve` could not run (the server did not start).
    case benchmark(String)
    /// A subscribed calendar could not be read; `host` only, since the URL may be a secret address.
    case subscription(host: String, reason: String)

    public var description: String {
        switch self {
        case let .scopeMissing(kind, id):
            "the feed's \(kind) '\(id)' is no longer in the database; revoke the token with `parcours feed revoke`"
        case let .badPublicURL(text):
            "--public-url '\(text)' is not an address such as https://parcours.example.fr; give the scheme and host"
        case let .subscription(host, reason):
            "the calendar at \(host) could not be read: \(reason)"
        case let .benchmark(detail):
            "bench serve: \(detail); check that loopback (127.0.0.1) accepts connections"
        }
    }
}
