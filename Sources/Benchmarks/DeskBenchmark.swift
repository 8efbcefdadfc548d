import CareModel
import Desk
import FeedServer
import Foundation
import ICalendar
import Logging
import NIOPosix
import PathwayEngine
import Store

/// `parcours bench desk`: every GET page of the desk measured end to end on loopback, with
/// `users` signed-in users (one session each) asking for it at once.
///
/// Works on a copy of a centre (`parcours demo`'s, or `parcours bench centre`'s 10,000 patients),
/// so the accounts it adds never reach the original. Sessions are opened through the Store, as a
/// sign-in does after its bcrypt check (a sign-in costs a quarter of a second by design; it is not
/// what this measures). The server is `parcours serve`'s: the feed server's router with the
/// desk's routes, rate limits lifted, logs formatted and dropped.
public struct DeskBenchmark: Sendable {
    public var users: Int
    public var seconds: Double

    public init(users: Int = 20, seconds: Double = 5) {
        self.users = users
        self.seconds = seconds
    }

    /// What the pages are asked about: a day, a patient and a clinician of the centre.
    public struct Subject: Sendable {
        /// The day of *Aujourd'hui*: the centre's busiest day unless one is given.
        public var day: LocalDate
        /// A patient with a session that day (the *Patient* page).
        public var patient: PatientCode
        /// The clinician with the most sessions that day (the clinician accounts are theirs).
        public var clinician: ClinicianID
    }

    /// One page of the desk: its name, the role that opens it, its path for a subject.
    public struct Page: Sendable {
        public var name: String
        public var role: DeskRole
        public var path: @Sendable (Subject) -> String

        public init(_ name: String, _ role: DeskRole, _ path: @escaping @Sendable (Subject) -> String) {
            self.name = name
            self.role = role
            self.path = path
        }
    }

    /// Every GET page of the desk, each by the role that uses it most. A new page is one line here.
    public static let pages: [Page] = [
        Page("Accueil", .secretary) { _ in "/" },
        Page("Aujourd'hui", .secretary) { "/aujourdhui?jour=\($0.day.iso)" },
        Page("Aujourd'hui (clinicien)", .clinician) { "/aujourdhui?jour=\($0.day.iso)" },
        Page("Liste d'attente", .secretary) { _ in "/liste-attente" },
        Page("Patient", .secretary) { "/patients/\($0.patient.rawValue)" },
        Page("Mon calendrier", .clinician) { _ in "/mon-calendrier" },
        Page("Agenda", .secretary) { "/agenda?voir=c:\($0.clinician.rawValue)&semaine=\($0.day.iso)" },
        Page("Agenda (clinicien)", .clinician) { "/agenda?semaine=\($0.day.iso)" },
        Page("Absences", .secretary) { "/absences?clinicien=\($0.clinician.rawValue)" },
        Page("Salles et interprètes indisponibles", .secretary) { _ in "/absences/ressources" },
        Page("Groupes", .secretary) { _ in "/groupes" },
        Page("Rapports", .coordinator) { _ in "/rapports" },
    ]

    /// One measured page.
    public struct Run: Sendable {
        public var page: String
        public var path: String
        public var role: DeskRole
        public var result: LoadResult
    }

    /// Copies `database`, finds the subject (on `day` if given), adds `users` accounts per role
    /// with a session each, serves the desk on a free loopback port and measures every page.
    /// The reports are warmed first, as `serve` does from start-up: `reportsWarmUp` is that
    /// start-up cost (the figures' first computation), kept apart from the pages' times.
    public func run(
        database: String, catalog: TrackCatalog, day: LocalDate? = nil, pages: [Page] = Self.pages,
        clientThreads: Int = 1
    ) async throws -> (subject: Subject, runs: [Run], reportsWarmUp: Duration) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-bench-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("desk.sqlite").path
        try ParcoursStore.openReadOnly(at: database).backup(to: copy)
        let store = try ParcoursStore.open(at: copy)
        let subject = try Self.subject(store, day: day)
        let tokens = try openSessions(store, roles: Set(pages.map(\.role)), clinician: subject.clinician)

        let sink = LogSink(descriptor: Self.devNull)
        var logger = Logger(label: "parcours.feeds", factory: sink.handler)
        logger.logLevel = .info
        let server = try FeedServer(
            // The feeds are not measured here: no step titles needed.
            store: store, composer: FeedComposer(steps: [:], roomNames: [:]),
            configuration: FeedServerConfiguration(
                port: 0, burst: Int(Int32.max), perMinute: Int(Int32.max),
                missBurst: Int(Int32.max), missPerMinute: Int(Int32.max)),
            logger: logger, services: [LogFlushService(sink: sink)])
        let desk = try Desk(
            store: store, catalog: catalog, logger: Logger(label: "parcours.desk", factory: sink.handler))
        let router = server.router()
        desk.addRoutes(to: router) { _, context in context.clientAddress }
        // As `serve`: the reports computed before the first coordinator asks, then kept warm.
        let warmUp = try await ContinuousClock().measure { try await desk.warmReports() }
        let warming = Task { await desk.keepReportsWarm() }
        defer { warming.cancel() }
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await server.run(router: router, signals: []) { listening.yield($0) } }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            throw BenchmarkError("the desk did not start; check that loopback (127.0.0.1) accepts connections")
        }

        let group = MultiThreadedEventLoopGroup(numberOfThreads: clientThreads)
        defer { group.shutdownGracefully { _ in } }
        var runs: [Run] = []
        for page in pages {
            let path = page.path(subject)
            let requests = (tokens[page.role] ?? []).map { token in
                "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: fr-FR\r\n"
                    + "Cookie: parcours_session=\(token)\r\nUser-Agent: parcours-bench\r\n\r\n"
            }
            // Warm up (caches, the first page's templates), then measure.
            _ = try await LoadClient.run(
                host: "127.0.0.1", port: port, requests: Array(requests.prefix(1)), expect: 200, seconds: 0.2,
                group: group)
            let result = try await LoadClient.run(
                host: "127.0.0.1", port: port, requests: requests, expect: 200, seconds: seconds, group: group)
            runs.append(Run(page: page.name, path: path, role: page.role, result: result))
        }
        running.cancel()
        _ = try? await running.value
        return (subject, runs, warmUp)
    }

    /// `users` accounts of each role in `roles` (clinician ones are `clinician`'s), each signed in:
    /// the session tokens, by role.
    func openSessions(
        _ store: ParcoursStore, roles: Set<DeskRole>, clinician: ClinicianID
    ) throws -> [DeskRole: [String]] {
        let actor = Actor(name: "bench")
        // One hash for all: the password is never typed, the sessions are opened directly.
        let hash = Passwords.hash(Passwords.token(), cost: 10)
        var tokens: [DeskRole: [String]] = [:]
        for role in roles.sorted(by: { $0.rawValue < $1.rawValue }) {
            for n in 1...users {
                let name = "bench-\(role.rawValue)-\(n)"
                try store.addDeskUser(
                    DeskUser(name: name, role: role, clinician: role == .clinician ? clinician : nil),
                    passwordBcrypt: hash, actor: actor)
                try store.setDeskUserPassword(
                    name, passwordBcrypt: hash, temporary: false, actor: actor, reason: "bench desk")
                let token = Passwords.token()
                try store.openDeskSession(
                    name, tokenSHA256: FeedTokenSecret.sha256(token), csrfToken: Passwords.token())
                tokens[role, default: []].append(token)
            }
        }
        return tokens
    }

    /// The busiest day (or `day`), its first session's patient and its busiest clinician.
    static func subject(_ store: ParcoursStore, day: LocalDate?) throws -> Subject {
        let zone = ClinicTimeZone.paris
        let all = try store.appointments(
            from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800)) // 2100
        let byDay = Dictionary(grouping: all) { zone.local($0.start).date }
        guard
            let chosen = day
                ?? byDay.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) })?.key,
            let sessions = byDay[chosen]?.sorted(by: { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }),
            let first = sessions.first
        else {
            throw BenchmarkError(
                day.map { "no session on \($0.iso) in this centre; choose another --day" }
                    ?? "this centre has no session; build one with parcours demo or parcours bench centre")
        }
        let counts = Dictionary(grouping: sessions.flatMap(\.clinicians)) { $0 }.mapValues(\.count)
        guard let clinician = counts.max(by: { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) })?.key else {
            throw BenchmarkError("no clinician has a session on \(chosen.iso); choose another --day")
        }
        return Subject(day: chosen, patient: first.patient, clinician: clinician)
    }

    /// Opened once and never closed: the server's flush service may still write while it winds down.
    private static let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
}
