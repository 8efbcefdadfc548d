import Booking
import CareModel
import Foundation
import PathwayEngine
import PropertyBased
import Store
import Testing

/// Random sequences of the events a series lives through (cancellations replaced inside the series,
/// no-shows, `move --auto`, leave added with a replan, a clinician leaving the centre) on a small
/// centre: after every event the independent checker and the series invariants find nothing, and
/// an operation that refuses changes nothing. A failing sequence is shrunk to a minimal one.
@Suite struct EventSequencePropertyTests {
    /// One event, decoded from three small integers so the shrinker can reduce it: the kind, which
    /// session or clinician (modulo what exists), and a number of days.
    struct Event: CustomStringConvertible, Sendable {
        enum Kind: Int, CaseIterable { case cancelByPatient, cancelByCentre, noShow, moveAuto, leave, departure }
        var kind: Kind
        var pick: Int
        var days: Int

        init(_ raw: (Int, Int, Int)) {
            kind = Kind(rawValue: raw.0 % Kind.allCases.count) ?? .cancelByPatient
            pick = raw.1
            days = raw.2
        }

        var description: String { "\(kind)(pick: \(pick), days: \(days))" }
    }

    static let events = zip(Gen.int(in: 0...5), Gen.int(in: 0...40), Gen.int(in: 0...20)).array(of: 1...6)

    @Test func everyEventSequenceKeepsTheCalendarValidAndRefusalsChangeNothing() async throws {
        let catalog = try Self.catalog()
        await propertyCheck(count: 10, input: Self.events) { raw in
            let events = raw.map(Event.init)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "parcours-events-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var centre = try SmallCentre(directory: directory, catalog: catalog)
            for (n, event) in events.enumerated() {
                try centre.apply(event)
                let problems = try StoredCalendarCheck.problems(store: centre.store, catalog: catalog)
                #expect(problems.isEmpty, "after \(events.prefix(n + 1)): \(problems.prefix(5))")
                if !problems.isEmpty { return }
            }
        }
    }

    /// The events the property draws are real operations: each kind changes the calendar.
    @Test func eachKindOfEventChangesTheCentre() throws {
        let catalog = try Self.catalog()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parcours-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var centre = try SmallCentre(directory: directory, catalog: catalog)
        let all = { () throws -> [Appointment] in
            try centre.store.appointments(
                from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800))
        }
        for kind in Event.Kind.allCases {
            let before = try all(), absences = try centre.store.absences().count
            // Pick 2: the third clinician by id (C-MARTIN), whose sessions colleagues can take.
            try centre.apply(Event((kind.rawValue, 2, 3)))
            let changed = try all() != before || centre.store.absences().count != absences
            #expect(changed, "\(kind) changed nothing")
        }
        #expect(try centre.store.clinicians().filter { !$0.active }.map(\.id) == ["C-MARTIN"])
    }

    static func catalog() throws -> TrackCatalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
    }
}

/// Four clinicians, three rooms, one interpreter, five patients booked on their individual track.
struct SmallCentre {
    let store: ParcoursStore
    let catalog: TrackCatalog
    let zone = ClinicTimeZone.paris
    let actor = Actor(name: "property")
    var today: LocalDate

    init(directory: URL, catalog: TrackCatalog) throws {
        self.catalog = catalog
        store = try ParcoursStore.create(at: directory.appendingPathComponent("centre.sqlite").path)
        today = try #require(LocalDate(year: 2027, month: 3, day: 1))
        let hours = try WeeklyHours(parsing: "mon-fri 09:00-12:30,13:30-17:00")
        let team: [Clinician] = [
            Clinician(id: "C-ROUX", name: "Roux", role: .psychiatrist, skills: [.emdr, .tfCBT], hours: hours),
            Clinician(id: "C-MARTIN", name: "Martin", role: .psychologist, skills: [.emdr, .tfCBT], hours: hours),
            Clinician(
                id: "C-FAURE", name: "Faure", role: .psychologist, skills: [.narrativeExposure, .tfCBT],
                languages: ["fr", "ar"], hours: hours),
            Clinician(
                id: "C-GIRARD", name: "Girard", role: .psychologist,
                skills: [.prolongedExposure, .tfCBT, .emdr, .narrativeExposure], hours: hours),
        ]
        for clinician in team { try store.addClinician(clinician, actor: actor) }
        for n in 1...3 {
            try store.addRoom(
                Room(
                    id: RoomID("R-\(n)"), name: "Bureau \(n)", capacity: 3,
                    features: n == 1 ? [.individual, .accessible] : [.individual]), actor: actor)
        }
        try store.addInterpreter(
            Interpreter(id: "I-HADDAD", name: "Haddad", languages: ["ar"], hours: hours), actor: actor)
        let service = service()
        let categories: [VictimCategory] = [
            .domesticViolence, .accidentDisaster, .exposedProfessional, .migrant, .domesticViolence,
        ]
        for (n, category) in categories.enumerated() {
            let patient = Patient(
                code: PatientCode.sequential(n + 1), birthDate: today.adding(days: -365 * 30),
                category: category, language: category == .migrant ? "ar" : .french, referralSource: .selfReferral,
                referralDate: today)
            try store.addPatient(patient, actor: actor)
            let track = try #require(
                catalog.tracks(for: patient, on: today).first { $0.modality == .individual })
            _ = try Enrolling.enrol(
                patient, on: track, date: today, at: noon(today), catalog: catalog, store: store, actor: actor)
            _ = try service.book(.init(patient: patient.code), today: today)
        }
    }

    func noon(_ day: LocalDate) -> Date { zone.instant(on: day, at: LocalTime(hour: 12) ?? .midnight) ?? Date() }

    func service(notBefore: Date? = nil) -> BookingService {
        BookingService(store: store, catalog: catalog, actor: actor, snapshots: SnapshotBuilder(notBefore: notBefore))
    }

    /// Booked sessions starting after today, in time order.
    func ahead() throws -> [Appointment] {
        let from = zone.instant(on: today.adding(days: 1), at: .midnight) ?? Date()
        return try store.activeAppointments(from: from, to: from.addingTimeInterval(400 * 86_400))
            .filter { $0.status == .booked && $0.start >= from }
    }

    func everything() throws -> [Appointment] {
        try store.activeAppointments(
            from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800))
    }

    /// Plays one event as a secretary would; a refusal must leave the calendar as it was.
    mutating func apply(_ event: SmallCentreEvent) throws {
        let sessions = try ahead()
        let before = try everything()
        let refused: Bool
        switch event.kind {
        case .cancelByPatient, .cancelByCentre:
            guard !sessions.isEmpty else { return }
            let session = sessions[event.pick % sessions.count]
            let by: BookingService.CancelledBy = event.kind == .cancelByPatient ? .patient : .centre
            _ = try service().cancel(session.id, by: by, reason: "property", today: today)
            rebook(session)
            return
        case .noShow:
            let near = Array(sessions.prefix(5))
            guard !near.isEmpty else { return }
            let session = near[event.pick % near.count]
            // Time passes to that session: what came before it was held.
            for earlier in sessions where earlier.start < session.start {
                if (try? service().attend(earlier.id, at: earlier.start)) == nil {
                    _ = try service().noShow(earlier.id, at: earlier.start)
                }
            }
            today = zone.local(session.start).date
            _ = try service().noShow(session.id, at: session.start)
            rebook(session)
            return
        case .moveAuto:
            guard !sessions.isEmpty else { return }
            refused = (try? service().move(sessions[event.pick % sessions.count].id, to: .auto, today: today)) == nil
        case .leave:
            let clinicians = try store.clinicians().filter(\.active)
            guard !clinicians.isEmpty else { return }
            let who = clinicians[event.pick % clinicians.count].id
            let first = today.adding(days: 1 + event.days)
            let start = zone.instant(on: first, at: .midnight) ?? Date()
            let end = zone.instant(on: first.adding(days: 1 + event.days % 5), at: .midnight) ?? start
            let leave = ClinicianAbsence(clinician: who, start: start, end: end, reason: "leave")
            refused =
                (try? service().recordAbsences([leave], replan: true, today: today, reason: "leave")) == nil
        case .departure:
            let clinicians = try store.clinicians().filter(\.active)
            guard clinicians.count > 2 else { return }
            let who = clinicians[event.pick % clinicians.count].id
            let tomorrow = zone.instant(on: today.adding(days: 1), at: .midnight) ?? Date()
            refused =
                (try? service().replanDeparture(of: who, from: tomorrow, today: today, reason: "leaves")) == nil
            if !refused { try store.deactivateClinician(who, actor: actor, reason: "leaves") }
        }
        if refused {
            let after = try everything()
            #expect(after == before, "\(event) was refused but changed the calendar")
        }
    }

    /// The replacement of a lost session, booked as the secretary confirms the proposal.
    func rebook(_ session: Appointment) {
        _ = try? service(notBefore: session.end).book(.init(patient: session.patient, scope: .next), today: today)
    }
}

typealias SmallCentreEvent = EventSequencePropertyTests.Event
