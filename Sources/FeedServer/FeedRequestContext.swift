import Hummingbird
import NIOCore

/// The request context of the feed server: Hummingbird's basics plus the client's address, which
/// the limit on unknown tokens is kept by.
public struct FeedRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address; nil in in-process tests. Behind a reverse proxy every request comes
    /// from the proxy, so the limit on unknown tokens becomes one limit for everyone, which is
    /// still what it is for (known tokens are never held back by it).
    public let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
