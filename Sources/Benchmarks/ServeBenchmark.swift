import CareModel
import FeedServer
import Foundation
import ICalendar
import Logging
import NIOPosix
import Store

/// `parcours bench serve`: the feed server measured end to end on loopback, in one process.
///
/// Builds a temporary database holding one clinician with `events` future sessions, starts the
/// server on a free loopback port with the rate limits lifted (otherwise the run measures 429s),
/// and drives it with keep-alive connections: the full feed (200), then the If-None-Match path
/// (304). Each request is logged at info as `serve` does, into a handler that formats the line
/// and drops it, so the logging cost is in the figures but the terminal stays readable.
public struct ServeBenchmark: Sendable {
    public var events: Int
    public var connections: Int
    public var seconds: Double

    public init(events: Int = 500, connections: Int = 16, seconds: Double = 10) {
        self.events = events
        self.connections = connections
        self.seconds = seconds
    }

    /// One measured path.
    public struct Run: Sendable {
        public var path: String
        public var status: Int
        public var bytes: Int
        public var result: LoadResult
    }

    public func run(clientThreads: Int = 1) async throws -> [Run] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date()
        let (store, token) = try Self.prepare(
            at: directory.appendingPathComponent("bench.sqlite").path, events: events, now: now)

        // `serve`'s own log handler, writing to /dev/null: the cost of the log without the lines.
        let sink = LogSink(descriptor: Self.devNull)
        var logger = Logger(label: "parcours.feeds", factory: sink.handler)
        logger.logLevel = .info
        let server = try FeedServer(
            store: store, composer: Self.composer,
            configuration: FeedServerConfiguration(
                port: 0, burst: Int(Int32.max), perMinute: Int(Int32.max),
                missBurst: Int(Int32.max), missPerMinute: Int(Int32.max)),
            logger: logger, services: [LogFlushService(sink: sink)])
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await server.run(signals: []) { listening.yield($0) } }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw BenchmarkError("the feed server did not start; check that loopback (127.0.0.1) accepts connections")
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: clientThreads)
        defer { group.shutdownGracefully { _ in } }
        let path = "/feeds/\(token).ics"
        let get = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: parcours-bench\r\n\r\n"
        // Warm up (the server builds the feed), then take the ETag it serves for the 304 run.
        _ = try await LoadClient.run(
            host: "127.0.0.1", port: port, request: get, expect: 200, connections: 1,
            seconds: 0.2, group: group)
        let feed = try StoreFeeds.ics(.clinician(Self.clinician), store: store, composer: Self.composer, now: now)
        let dataVersion = try server.state.dataVersion()
        let etag = try server.state.feed(
            .clinician(Self.clinician.id), dataVersion: dataVersion,
            windowStart: StoreFeeds.windowStart(Self.composer, now: now), now: now
        ) { feed.text }.etag
        let conditional = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: \(etag)\r\n\r\n"
        var runs: [Run] = []
        for (status, request) in [(200, get), (304, conditional)] {
            let result = try await LoadClient.run(
                host: "127.0.0.1", port: port, request: request, expect: status,
                connections: connections, seconds: seconds, group: group)
            runs.append(
                Run(
                    path: "\(status) \(status == 200 ? "full feed, \(feed.sessions) events" : "If-None-Match")",
                    status: status, bytes: status == 200 ? feed.text.utf8.count : 0, result: result))
        }
        running.cancel()
        _ = try? await running.value
        return runs
    }

    static let clinician = Clinician(
        id: "C-BENCH", name: "Dr Bench", role: .psychologist,
        hours: (try? WeeklyHours(parsing: "mon-sun 08:00-18:00")) ?? WeeklyHours())
    static let composer = FeedComposer(
        steps: [
            "adult-domestic-violence": ["therapy": StepLabel(title: "TF-CBT session", kind: "therapy", sessions: 10)]
        ],
        roomNames: ["R-BENCH": "Bureau 201"])

    /// Creates the benchmark database at `path` (a new file): one clinician `C-BENCH`, one room,
    /// `events` one-hour sessions from tomorrow on, eight a day, for patients of ten sessions each
    /// (track `adult-domestic-violence`, step `therapy`, as shipped); returns the store and a new
    /// token for the clinician's feed. Also used to run wrk against `parcours serve`.
    public static func prepare(at path: String, events: Int, now: Date) throws -> (store: ParcoursStore, token: String)
    {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BenchmarkError("\(path) already exists; give a new file")
        }
        let store = try ParcoursStore.create(at: path)
        let actor = Actor(name: "bench")
        try store.addClinician(Self.clinician, actor: actor)
        try store.addRoom(Room(id: "R-BENCH", name: "Bureau 201", capacity: 1, features: [.individual]), actor: actor)
        var rng = SeededGenerator(seed: 1)
        let patients = (0..<(events + 9) / 10).map { _ in PatientCode.random(using: &rng) }
        for code in Set(patients) {
            try store.addPatient(
                Patient(
                    code: code, birthDate: LocalDate(daysSinceEpoch: 7000), category: .domesticViolence,
                    referralSource: .legalAid, referralDate: LocalDate(daysSinceEpoch: 20400)), actor: actor)
        }
        let firstDay = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 + 86_400
        let sessions = (0..<events).map { index in
            let start = Date(
                timeIntervalSince1970: firstDay + Double(index / 8) * 86_400 + Double(8 + index % 8) * 3600)
            return Appointment(
                id: AppointmentID("A-\(index)"), patient: patients[index / 10], track: "adult-domestic-violence",
                step: "therapy", occurrence: index % 10 + 1, start: start, end: start.addingTimeInterval(3600),
                clinicians: [Self.clinician.id], room: "R-BENCH")
        }
        try store.book(sessions, actor: actor)
        let token = FeedTokenSecret.generate()
        try store.createFeedToken(
            scope: .clinician(Self.clinician.id), sha256: FeedTokenSecret.sha256(token), actor: actor)
        return (store, token)
    }

    /// Opened once and never closed: the server's flush service may still write while it winds down.
    private static let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
}
