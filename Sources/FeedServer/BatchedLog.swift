import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the feed server's log lines go: a file descriptor (standard error by default), written
/// in batches rather than line by line.
///
/// swift-log's stream handler formats a fresh timestamp and makes one `write` per line; at ten
/// thousand requests a second that was a quarter of the server's time. Here lines gather in
/// memory and reach the descriptor together: at once for a warning or worse (someone is waiting
/// for it), when 64 KiB have gathered, and otherwise within ``LogFlushService``'s interval. A
/// crash loses at most that interval of request lines, never an error line.
public final class LogSink: Sendable {
    private struct Pending {
        var bytes: [UInt8] = []
        /// The timestamp text of `second`, reused by every line within that second.
        var second = -1
        var stamp = ""
    }

    private let descriptor: Int32
    private let threshold: Int
    private let pending = NIOLockedValueBox(Pending())
    /// Held from taking a batch to its last byte written, so batches reach the file in order.
    private let writing = NIOLock()

    /// Lines go to `descriptor` (not closed here); a batch is written once `threshold` bytes gathered.
    public init(descriptor: Int32 = STDERR_FILENO, threshold: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.threshold = threshold
    }

    /// A logger whose lines go through this sink, e.g. `Logger(label: "parcours.feeds", factory: sink.handler)`.
    public func handler(label: String) -> BatchedLogHandler { BatchedLogHandler(label: label, sink: self) }

    /// Writes out whatever has gathered.
    public func flush() {
        writing.withLock {
            let batch = pending.withLockedValue { pending in
                defer { pending.bytes.removeAll(keepingCapacity: true) }
                return pending.bytes
            }
            emit(batch)
        }
    }

    /// Adds one line, `<timestamp> <rest>\n`, and writes the batch out if `urgent` or full.
    func append(urgent: Bool, _ rest: String) {
        let full = pending.withLockedValue { pending in
            let now = time(nil)
            if now != pending.second {
                pending.second = now
                pending.stamp = Self.timestamp(now)
            }
            pending.bytes.append(contentsOf: pending.stamp.utf8)
            pending.bytes.append(UInt8(ascii: " "))
            pending.bytes.append(contentsOf: rest.utf8)
            pending.bytes.append(UInt8(ascii: "\n"))
            return pending.bytes.count >= threshold
        }
        if urgent || full { flush() }
    }

    private func emit(_ bytes: [UInt8]) {
        var offset = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count, let base = raw.baseAddress {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return // a closed or full log must not stop the server answering
                }
            }
        }
    }

    /// Local time as swift-log's stream handler writes it, e.g. `2026-11-27T07:31:41+0100`.
    private static func timestamp(_ seconds: time_t) -> String {
        var seconds = seconds
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One logger's view of a ``LogSink``: level and metadata are per logger, as swift-log requires.
/// A line reads `<timestamp> <level> <label>: <key=value, sorted> <message>`.
public struct BatchedLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let sink: LogSink

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(event.level) \(label):"
        var merged = metadata
        if let more = event.metadata { merged.merge(more) { _, new in new } }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(value)"
        }
        line += " \(event.message)"
        sink.append(urgent: event.level >= .warning, line)
    }
}

/// Writes a ``LogSink`` out every `interval` while the server runs, and once more when it stops,
/// so that a quiet server's last requests still reach the log within the interval.
public struct LogFlushService: Service {
    let sink: LogSink
    let interval: Duration

    public init(sink: LogSink, interval: Duration = .milliseconds(250)) {
        self.sink = sink
        self.interval = interval
    }

    public func run() async throws {
        defer { sink.flush() }
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                sink.flush()
            }
        }
    }
}
