import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads a subscribed calendar over HTTP, politely: the validators of the last read go with the
/// request (ETag, Last-Modified), a slow server is given up after `timeout`, and a body past
/// `maxBytes` is abandoned as it arrives rather than held in memory.
public struct SubscriptionFetch: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// 304: the calendar has not changed since the validators were given.
        case notModified
        case calendar(bytes: [UInt8], etag: String?, lastModified: String?)
    }

    public var timeout: TimeInterval
    public var maxBytes: Int

    public init(timeout: TimeInterval = 20, maxBytes: Int = 5 * 1_048_576) {
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    public func fetch(_ address: String, etag: String?, lastModified: String?) async throws(FeedServerError) -> Outcome
    {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            throw .subscription(host: "?", reason: "'\(address)' is not an http or https address")
        }
        let host = url.host ?? "?"
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("text/calendar, */*;q=0.5", forHTTPHeaderField: "Accept")
        request.setValue("Parcours calendar subscription", forHTTPHeaderField: "User-Agent")
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.urlCache = nil
        let download = LimitedDownload(limit: maxBytes)
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (http, body) = try await download.run(session.dataTask(with: request))
            if http.statusCode == 304 { return .notModified }
            guard (200..<300).contains(http.statusCode) else {
                throw FeedServerError.subscription(host: host, reason: "the server answered \(http.statusCode)")
            }
            return .calendar(
                bytes: Array(body), etag: http.value(forHTTPHeaderField: "ETag"),
                lastModified: http.value(forHTTPHeaderField: "Last-Modified"))
        } catch let error as FeedServerError {
            throw error
        } catch let error as URLError where error.code == .timedOut {
            throw .subscription(host: host, reason: "no answer within \(Int(timeout)) s")
        } catch is LimitedDownload.TooLarge {
            throw .subscription(host: host, reason: "the calendar is over \(maxBytes) bytes, the limit")
        } catch {
            throw .subscription(host: host, reason: error.localizedDescription)
        }
    }
}

/// One download that stops as soon as the body passes `limit` bytes (URLSession on Linux has no
/// byte stream, so the delegate counts what arrives).
private final class LimitedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct TooLarge: Error {}

    private let limit: Int
    private let lock = NSLock()
    private var body = Data()
    private var tooLarge = false
    private var continuation: CheckedContinuation<(HTTPURLResponse, Data), any Error>?

    init(limit: Int) { self.limit = limit }

    func run(_ task: URLSessionDataTask) async throws -> (HTTPURLResponse, Data) {
        try await withCheckedThrowingContinuation { continuation in
            lock.withLock { self.continuation = continuation }
            task.resume()
        }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if response.expectedContentLength > Int64(limit) {
            lock.withLock { tooLarge = true }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock { () -> Bool in
            body.append(data)
            if body.count > limit { tooLarge = true }
            return tooLarge
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, over, body) = lock.withLock {
            () -> (CheckedContinuation<(HTTPURLResponse, Data), any Error>?, Bool, Data) in
            defer { self.continuation = nil }
            return (self.continuation, tooLarge, self.body)
        }
        if over {
            continuation?.resume(throwing: TooLarge())
        } else if let error {
            continuation?.resume(throwing: error)
        } else if let http = task.response as? HTTPURLResponse {
            continuation?.resume(returning: (http, body))
        } else {
            continuation?.resume(throwing: URLError(.badServerResponse))
        }
    }
}
