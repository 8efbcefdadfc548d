import CareModel
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// At most one log line per key (a client address) per interval, counting the lines held back.
///
/// A flood of wrong tokens answered 429 wrote 685,000 lines in 16 s: the server stayed up, the
/// disk and whoever reads the log did not. One line a minute per address says the same.
final class LogThrottle: Sendable {
    private struct Entry {
        var last: Double
        var suppressed: Int
    }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let interval: Double
    private let maxKeys: Int
    private let clock: @Sendable () -> Double

    init(interval: Double = 60, maxKeys: Int = 10_000, clock: @escaping @Sendable () -> Double) {
        self.interval = interval
        self.maxKeys = maxKeys
        self.clock = clock
    }

    /// nil while `key` already had its line this interval; otherwise how many were held back since.
    func admit(_ key: String) -> Int? {
        let now = clock()
        let interval = interval
        return entries.withLockedValue { entries in
            if var entry = entries[key], now - entry.last < interval {
                entry.suppressed += 1
                entries[key] = entry
                return nil
            }
            let held = entries[key]?.suppressed ?? 0
            entries[key] = Entry(last: now, suppressed: 0)
            if entries.count > maxKeys {
                entries = entries.filter { now - $0.value.last < interval }
                if entries.count > maxKeys { entries.removeAll(keepingCapacity: true) }
            }
            return held
        }
    }
}

/// Logs requests no route answers (scanners looking for `/.env`, `/wp-login.php`), one line per
/// address per minute; a path under `/feeds/` is never written, since it may hold a token.
struct UnmatchedRouteLog: RouterMiddleware {
    typealias Context = FeedRequestContext
    let logger: Logger
    let throttle: LogThrottle

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let address = context.clientAddress ?? "-"
            if let held = throttle.admit("unmatched " + address) {
                logger.info(
                    "no such route",
                    metadata: [
                        "method": .stringConvertible(request.method.rawValue),
                        "path": .string(Self.loggablePath(request.uri.path)),
                        "client": .string(address),
                        "status": "404",
                        "held_back": .stringConvertible(held),
                    ])
            }
            throw error
        }
    }

    /// The path as logged: anything under `/feeds/` (a mistyped feed URL carries its token) is
    /// cut to `/feeds/…`; others are cut at 100 characters.
    static func loggablePath(_ path: String) -> String {
        if path.lowercased().hasPrefix("/feeds/") { return "/feeds/…" }
        return path.count > 100 ? String(path.prefix(100)) + "…" : path
    }
}

/// HTTP dates (RFC 9110 5.6.7) read by hand: the IMF-fixdate calendar apps send in
/// If-Modified-Since, e.g. `Thu, 26 Nov 2026 13:00:00 GMT`, without a DateFormatter per request.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let year = Int(parts[3]),
            let month = months.firstIndex(of: String(parts[2])).map({ $0 + 1 })
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]), (0...60).contains(clock[2]),
            let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        return Date(
            timeIntervalSince1970: Double(date.daysSinceEpoch * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]))
    }
}
