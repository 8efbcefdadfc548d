import CareModel
import Desk
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PathwayEngine
import Store
import Testing

/// A clock the tests move by hand: idle timeouts, throttling windows and "today".
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// A centre on a temporary SQLite file: two clinicians, a room, three patients (one named with
/// a `<script>`, one address-protected, one waiting past its intake deadline), today's sessions,
/// and one account per role; the desk in front of it, in process.
struct DeskFixture {
    /// Thursday 2026-11-26, 10:00 UTC (11:00 in Paris).
    static let start = Date(timeIntervalSince1970: 1_795_687_200)
    static let secretary = Actor(name: "admin.setup")
    static let password = "correct horse battery staple"
    static let catalog: Result<TrackCatalog, any Error> = Result {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
    }

    let directory: URL
    let store: ParcoursStore
    let clock = TestClock(Self.start)
    let desk: Desk

    /// One bcrypt hash of ``password`` for every fixture: hashing is the slow part of these tests.
    static let passwordHash = Passwords.hash(password, cost: 10)

    /// Where *Sauvegardes* writes (inside the fixture's folder, made on the first backup).
    var backupFolder: String { directory.appendingPathComponent("sauvegardes").path }

    init(behindHTTPS: Bool = false, failuresPerAddress: Int = 20, backups: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = clock
        store = try ParcoursStore.create(
            at: directory.appendingPathComponent("parcours.sqlite").path, clock: { clock.now })
        let hours = try WeeklyHours(parsing: "mon-fri 09:00-17:00")
        try store.addClinician(
            Clinician(id: "C-ROUX", name: "Dr Hélène Roux", role: .psychiatrist, skills: [.emdr], hours: hours),
            actor: Self.secretary)
        try store.addClinician(
            Clinician(id: "C-MARTIN", name: "Paul Martin", role: .psychologist, hours: hours), actor: Self.secretary)
        try store.addRoom(
            Room(id: "R-1", name: "Salle Iris", capacity: 2, features: [.individual]), actor: Self.secretary)
        try store.addInterpreter(
            Interpreter(id: "I-HADDAD", name: "Samir Haddad", languages: ["ar"], hours: hours), actor: Self.secretary)
        let referred = try #require(LocalDate(parsing: "2026-10-01"))
        let born = try #require(LocalDate(parsing: "1990-03-04"))
        try store.addPatient(
            Patient(
                code: "P-SCRT", birthDate: born, category: .domesticViolence, language: "ar", needsInterpreter: true,
                referralSource: .legalAid, referralDate: referred),
            identity: PatientIdentity(code: "P-SCRT", givenName: "<script>alert(1)</script>", familyName: "Dupont&Co"),
            actor: Self.secretary)
        try store.addPatient(
            Patient(
                code: "P-PRTC", birthDate: born, category: .domesticViolence, language: "fa", needsInterpreter: true,
                referralSource: .legalAid,
                referralDate: referred, addressProtected: true),
            identity: PatientIdentity(code: "P-PRTC", givenName: "Camille", familyName: "Secret"), actor: Self.secretary
        )
        try store.addPatient(
            Patient(
                code: "P-WAIT", birthDate: born, category: .domesticViolence, referralSource: .legalAid,
                referralDate: referred),
            identity: PatientIdentity(code: "P-WAIT", givenName: "Inès", familyName: "Attente"), actor: Self.secretary)
        for code in ["P-SCRT", "P-PRTC", "P-WAIT"] {
            try store.addEnrolment(
                Enrolment(
                    patient: PatientCode(code), track: "adult-domestic-violence", state: .enrolled,
                    enrolledOn: referred), actor: Self.secretary)
        }
        // Today 09:00 and 10:00 Paris (08:00, 09:00 UTC): begun, so attendance can be recorded.
        try store.book(
            [
                Self.session("A-ROUX", "P-SCRT", "C-ROUX", hourUTC: 8, step: "intake", interpreter: "I-HADDAD"),
                Self.session("A-PRTC", "P-PRTC", "C-ROUX", hourUTC: 9, step: "intake"),
                Self.session("A-MART", "P-PRTC", "C-MARTIN", hourUTC: 13, step: "therapy", day: 7),
            ], actor: Self.secretary)
        for (name, role, clinician) in [
            ("marie", DeskRole.secretary, nil), ("helene", .clinician, "C-ROUX"), ("paul", .clinician, "C-MARTIN"),
            ("claire", .coordinator, nil), ("root", .admin, nil),
        ] as [(String, DeskRole, ClinicianID?)] {
            try store.addDeskUser(
                DeskUser(name: name, role: role, clinician: clinician), passwordBcrypt: Self.passwordHash,
                actor: Self.secretary)
            try store.setDeskUserPassword(
                name, passwordBcrypt: Self.passwordHash, temporary: false, actor: Self.secretary)
        }
        desk = try Desk(
            store: store, catalog: try Self.catalog.get(),
            configuration: DeskConfiguration(
                behindHTTPS: behindHTTPS, bcryptCost: 10,
                loginFailuresPerAddress: failuresPerAddress,
                backupFolder: backups ? directory.appendingPathComponent("sauvegardes").path : nil),
            logger: Logger(label: "desk-tests", factory: { _ in SwiftLogNoOpLogHandler() }), now: { clock.now })
    }

    static func session(
        _ id: String, _ patient: PatientCode, _ clinician: ClinicianID, hourUTC: Int, step: StepID, day: Int = 0,
        interpreter: InterpreterID? = nil
    ) -> Appointment {
        let start = Self.start.addingTimeInterval(Double(day * 86_400 + (hourUTC - 10) * 3600))
        return Appointment(
            id: AppointmentID(id), patient: patient, track: "adult-domestic-violence", step: step, occurrence: 1,
            start: start, end: start.addingTimeInterval(3600), clinicians: [clinician], room: "R-1",
            interpreter: interpreter)
    }

    /// The desk's routes on a router whose client address comes from `X-Test-Address`.
    func application() -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.get("/health") { _, _ in "ok" }
        desk.addRoutes(to: router) { request, _ in
            request.headers[HTTPFields.Element.Name("X-Test-Address")!] ?? "127.0.0.1"
        }
        return Application(router: router)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs `body` against the desk in process, then removes the database.
    static func withDesk(
        behindHTTPS: Bool = false, failuresPerAddress: Int = 20, backups: Bool = true,
        _ body: @Sendable (DeskFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fixture = try DeskFixture(
            behindHTTPS: behindHTTPS, failuresPerAddress: failuresPerAddress, backups: backups)
        defer { fixture.remove() }
        try await fixture.application().test(.router) { client in try await body(fixture, client) }
    }
}
