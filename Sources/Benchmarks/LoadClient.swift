import CareModel
import Foundation
import NIOCore
import NIOPosix

/// What one load run measured.
public struct LoadResult: Sendable {
    public var requests: Int
    /// Responses whose status was not the one expected (429, 500, ...): a run with any is suspect.
    public var unexpected: Int
    public var seconds: Double
    /// Request latencies in nanoseconds, sorted.
    public var latencies: [Int64]

    public var perSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }

    /// The `q` quantile (0...1) in milliseconds.
    public func milliseconds(at q: Double) -> Double {
        Double(NearestRank.percentile(q * 100, ofSorted: latencies) ?? 0) / 1e6
    }
}

/// A minimal HTTP/1.1 keep-alive load generator for `parcours bench serve`: each connection sends
/// one request, reads the whole response (by Content-Length), and sends the next, like wrk.
/// It understands only what the feed server answers; it is a measuring tool, not an HTTP client.
public enum LoadClient {
    /// Drives `connections` connections at `host:port` with `request` for `seconds`, counting
    /// responses whose status is not `expect`.
    public static func run(
        host: String, port: Int, request: String, expect: Int, connections: Int, seconds: Double,
        group: any EventLoopGroup
    ) async throws -> LoadResult {
        try await run(
            host: host, port: port, requests: Array(repeating: request, count: connections), expect: expect,
            seconds: seconds, group: group)
    }

    /// One connection per element of `requests`, each sending its own request again and again
    /// (the desk's benchmark: one session cookie per connection, as distinct users).
    public static func run(
        host: String, port: Int, requests: [String], expect: Int, seconds: Double, group: any EventLoopGroup
    ) async throws -> LoadResult {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(seconds * 1e9))
        let started = NIODeadline.now()
        let results = try await withThrowingTaskGroup(of: Tally.self) { tasks in
            for request in requests {
                let bytes = ByteBuffer(string: request)
                tasks.addTask {
                    let promise = group.next().makePromise(of: Tally.self)
                    let channel = try await ClientBootstrap(group: group)
                        .channelOption(.socketOption(.tcp_nodelay), value: 1)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(
                                    LoadHandler(request: bytes, expect: expect, deadline: deadline, done: promise))
                            }
                        }
                        .connect(host: host, port: port).get()
                    let tally = try await promise.futureResult.get()
                    try? await channel.close().get()
                    return tally
                }
            }
            var all: [Tally] = []
            for try await tally in tasks { all.append(tally) }
            return all
        }
        let elapsed = Double((NIODeadline.now() - started).nanoseconds) / 1e9
        let latencies = results.flatMap(\.latencies).sorted()
        return LoadResult(
            requests: latencies.count, unexpected: results.map(\.unexpected).reduce(0, +),
            seconds: elapsed, latencies: latencies)
    }

    struct Tally: Sendable {
        var latencies: [Int64] = []
        var unexpected = 0
    }
}

/// One connection's loop: write, read status line and headers, skip Content-Length bytes, repeat.
private final class LoadHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let request: ByteBuffer
    private let expect: Int
    private let deadline: NIODeadline
    private let done: EventLoopPromise<LoadClient.Tally>
    private var tally = LoadClient.Tally()
    private var sentAt = NIODeadline.now()
    private var head: [UInt8] = []
    private var remainingBody: Int?
    private var status = 0

    init(request: ByteBuffer, expect: Int, deadline: NIODeadline, done: EventLoopPromise<LoadClient.Tally>) {
        self.request = request
        self.expect = expect
        self.deadline = deadline
        self.done = done
    }

    private var finished = false

    func channelActive(context: ChannelHandlerContext) { send(context) }

    func channelInactive(context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        done.succeed(tally)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !finished {
            finished = true
            done.fail(error)
        }
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if remainingBody == nil {
            // Response heads are small: look at the first 8 KB only, count the rest as body.
            let readable = buffer.readableBytes
            let taken = min(readable, max(0, 8192 - head.count))
            head.append(contentsOf: buffer.readableBytesView.prefix(taken))
            guard let end = Self.endOfHead(head) else {
                if head.count >= 8192 { errorCaught(context: context, error: ChannelError.inputClosed) }
                return
            }
            let text = String(decoding: head[..<end], as: UTF8.self).lowercased()
            status = Int(text.dropFirst("http/1.1 ".count).prefix(3)) ?? 0
            let length =
                text.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            // A 304 and a HEAD carry no body whatever Content-Length says; this client sends GET only.
            remainingBody = (status == 304 ? 0 : length) - (head.count - end - 4) - (readable - taken)
            head.removeAll(keepingCapacity: true)
        } else {
            remainingBody = (remainingBody ?? 0) - buffer.readableBytes
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        guard let remaining = remainingBody, remaining <= 0 else { return }
        tally.latencies.append((NIODeadline.now() - sentAt).nanoseconds)
        if status != expect { tally.unexpected += 1 }
        remainingBody = nil
        if NIODeadline.now() < deadline { send(context) } else { context.close(promise: nil) }
    }

    private func send(_ context: ChannelHandlerContext) {
        sentAt = .now()
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }

    /// Where `\r\n\r\n` starts in `bytes`, if it is there.
    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }
}
