import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import FeedServer

/// The server's request log is written in batches; what an operator reads must still be whole,
/// ordered, prompt for errors, and complete after a shutdown.
@Suite struct BatchedLogTests {
    /// A log file of its own, read back by path.
    final class LogFile: Sendable {
        let path: String
        let descriptor: Int32

        init() throws {
            path =
                FileManager.default.temporaryDirectory.appendingPathComponent("parcours-log-\(UUID().uuidString).log")
                .path
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            try #require(descriptor >= 0)
        }

        deinit {
            close(descriptor)
            unlink(path)
        }

        var lines: [String] {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
    }

    @Test func requestLinesWaitForAFlushThenArriveWholeAndInOrder() throws {
        let file = try LogFile()
        let sink = LogSink(descriptor: file.descriptor)
        let logger = Logger(label: "parcours.feeds", factory: sink.handler)
        for index in 1...3 { logger.info("feed request", metadata: ["status": "304", "feed.id": "\(index)"]) }
        #expect(file.lines.isEmpty)
        sink.flush()
        let lines = file.lines
        try #require(lines.count == 3)
        for (index, line) in lines.enumerated() {
            // `2026-11-27T07:31:41+0100 info parcours.feeds: feed.id=1 status=304 feed request`, keys sorted.
            #expect(
                line.range(
                    of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} info parcours\.feeds: "#, options: .regularExpression
                ) != nil,
                "\(line)")
            #expect(line.hasSuffix("feed.id=\(index + 1) status=304 feed request"), "\(line)")
        }
    }

    @Test func aWarningIsWrittenAtOnceWithWhatCameBefore() throws {
        let file = try LogFile()
        let sink = LogSink(descriptor: file.descriptor)
        let logger = Logger(label: "parcours.feeds", factory: sink.handler)
        logger.info("feed request")
        logger.error("feed could not be built", metadata: ["feed.id": "4"])
        let lines = file.lines
        #expect(lines.count == 2)
        #expect(lines.last?.contains("error parcours.feeds: feed.id=4 feed could not be built") == true)
    }

    @Test func aFullBatchIsWrittenWithoutWaiting() throws {
        let file = try LogFile()
        let sink = LogSink(descriptor: file.descriptor, threshold: 1024)
        let logger = Logger(label: "parcours.feeds", factory: sink.handler)
        for _ in 1...40 { logger.info("feed request", metadata: ["method": "GET", "status": "200"]) }
        #expect(file.lines.count >= 10)
        #expect(file.lines.allSatisfy { $0.hasSuffix("method=GET status=200 feed request") })
    }

    @Test func levelAndMetadataBelongToEachLogger() throws {
        let file = try LogFile()
        let sink = LogSink(descriptor: file.descriptor)
        var quiet = Logger(label: "quiet", factory: sink.handler)
        quiet.logLevel = .warning
        var tagged = Logger(label: "tagged", factory: sink.handler)
        tagged[metadataKey: "server"] = "feeds"
        quiet.info("not written")
        tagged.info("written")
        sink.flush()
        #expect(file.lines.count == 1)
        #expect(file.lines.first?.hasSuffix("info tagged: server=feeds written") == true)
    }

    @Test func theFlushServiceWritesWhatIsLeftWhenTheServerStops() async throws {
        let file = try LogFile()
        let sink = LogSink(descriptor: file.descriptor)
        let logger = Logger(label: "parcours.feeds", factory: sink.handler)
        // An interval far longer than the test: only the shutdown can have written the line.
        let group = ServiceGroup(
            services: [LogFlushService(sink: sink, interval: .seconds(3600))],
            gracefulShutdownSignals: [], cancellationSignals: [], logger: Logger(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            logger.info("last request before shutdown")
            #expect(file.lines.isEmpty)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(file.lines.count == 1)
        #expect(file.lines.first?.hasSuffix("last request before shutdown") == true)
    }
}
