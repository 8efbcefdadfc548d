import CareModel
import FeedServer
import Foundation
import ICalendar
import Logging
import Store

/// A store on a temporary SQLite file with one clinician, one room, two patients and a session,
/// and the feed server in front of it.
struct FeedServerFixture {
    static let now = Date(timeIntervalSince1970: 1_795_687_200) // 2026-11-26T10:00:00Z
    static let secretary = Actor(name: "marie.secretariat")
    static let roux = Clinician(
        id: "C-ROUX", name: "Dr Hélène Roux", role: .psychiatrist, skills: [.emdr],
        hours: (try? WeeklyHours(parsing: "mon-fri 09:00-17:00")) ?? WeeklyHours())

    let directory: URL
    let store: ParcoursStore
    let logs = LogCapture()

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ParcoursStore.create(
            at: directory.appendingPathComponent("parcours.sqlite").path, clock: { Self.now })
        try store.addClinician(Self.roux, actor: Self.secretary)
        try store.addRoom(Room(id: "R-1", name: "Salle 1", capacity: 2, features: [.individual]), actor: Self.secretary)
        for code in ["P-7KQ2", "P-3333"] {
            try store.addPatient(
                Patient(
                    code: PatientCode(code), birthDate: LocalDate(daysSinceEpoch: 7000),
                    category: .domesticViolence, language: .french, referralSource: .legalAid,
                    referralDate: LocalDate(daysSinceEpoch: 20400)), actor: Self.secretary)
        }
        try store.book([session("A-1", "P-7KQ2", day: 3)], actor: Self.secretary)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A one-hour session with Dr Roux in room R-1, `day` days after "now", at 09:00 UTC.
    func session(_ id: String, _ patient: PatientCode, day: Int) -> Appointment {
        let start = Self.now.addingTimeInterval(Double(day * 86_400 - 3600))
        return Appointment(
            id: AppointmentID(id), patient: patient, track: "adult-domestic-violence", step: "therapy",
            occurrence: 1, start: start, end: start.addingTimeInterval(3600), clinicians: ["C-ROUX"], room: "R-1")
    }

    /// A new token for Dr Roux's feed, as `parcours feed create` would make it.
    func token(_ scope: FeedScope = .clinician("C-ROUX")) throws -> (token: String, record: FeedTokenRecord) {
        let token = FeedTokenSecret.generate()
        return (
            token, try store.createFeedToken(scope: scope, sha256: FeedTokenSecret.sha256(token), actor: Self.secretary)
        )
    }

    /// The server, with its clock fixed so the rate limit never refills during a test.
    func server(burst: Int = 60, missBurst: Int = 30, port: Int = 8080) throws -> FeedServer {
        let composer = FeedComposer(
            steps: [
                "adult-domestic-violence": [
                    "therapy": StepLabel(title: "TF-CBT session", kind: "therapy", sessions: 10)
                ]
            ],
            roomNames: ["R-1": "Salle 1"])
        var logger = Logger(label: "parcours.feeds") { _ in logs }
        logger.logLevel = .trace
        return try FeedServer(
            store: store, composer: composer,
            configuration: FeedServerConfiguration(
                port: port, burst: burst, perMinute: 60, missBurst: missBurst,
                missPerMinute: 60),
            logger: logger, now: { Self.now }, seconds: { 0 })
    }
}

/// Every log line, rendered with its metadata, so a test can look for a token in any of it.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let text =
            "\(event.level) \(event.message) "
            + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lock.withLock { stored.append(text) }
    }

    var lines: [String] { lock.withLock { stored } }
}
