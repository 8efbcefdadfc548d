import CareModel
import Foundation

/// Everything the scheduler may look at, frozen at one moment: the open instance format.
///
/// The Store builds it from the database (or a benchmark generator from a seed), the scheduler
/// answers from it alone, so the same snapshot and seed always give the same proposal and any
/// other solver can be handed the same JSON.
public struct SchedulingProblem: Hashable, Sendable, Codable {
    /// IANA zone whose wall clock every hour rule is read in; `Europe/Paris` for the centre.
    public var timeZone: String
    /// The first day that may be booked; passed in because the scheduler never reads a clock.
    public var today: LocalDate
    /// The last day that may be booked (inclusive); explanations say "none before" this day.
    public var horizonEnd: LocalDate
    public var clinicians: [Clinician]
    public var rooms: [Room]
    public var interpreters: [Interpreter]
    public var patients: [PatientNeeds]
    public var absences: [Absence]
    /// Public holidays and other days the centre is closed.
    public var closedDays: [LocalDate]
    /// Sessions already booked: they occupy their clinicians, room, interpreter and patient.
    public var existing: [BookedSession]
    public var requests: [SeriesRequest]
    /// Start times are multiples of this many minutes after local midnight.
    public var slotMinutes: Int
    /// Breaks ties between equally good candidates, reproducibly.
    public var seed: UInt64
    /// Per-clinician limits on how much care they give (trauma therapy is draining).
    public var caps: [ClinicianCap]

    public init(
        timeZone: String = "Europe/Paris", today: LocalDate, horizonEnd: LocalDate, clinicians: [Clinician],
        rooms: [Room], interpreters: [Interpreter] = [], patients: [PatientNeeds], absences: [Absence] = [],
        closedDays: [LocalDate] = [], existing: [BookedSession] = [], requests: [SeriesRequest] = [],
        slotMinutes: Int = 15, seed: UInt64 = 0, caps: [ClinicianCap] = []
    ) {
        self.timeZone = timeZone
        self.today = today
        self.horizonEnd = horizonEnd
        self.clinicians = clinicians
        self.rooms = rooms
        self.interpreters = interpreters
        self.patients = patients
        self.absences = absences
        self.closedDays = closedDays
        self.existing = existing
        self.requests = requests
        self.slotMinutes = slotMinutes
        self.seed = seed
        self.caps = caps
    }

    enum CodingKeys: String, CodingKey {
        case timeZone, today, horizonEnd, clinicians, rooms, interpreters, patients, absences, closedDays,
            existing, requests, slotMinutes, seed, caps
    }

    /// Lists that may be empty and the tuning values may be left out of a hand-written instance.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "Europe/Paris"
        today = try c.decode(LocalDate.self, forKey: .today)
        horizonEnd = try c.decode(LocalDate.self, forKey: .horizonEnd)
        clinicians = try c.decode([Clinician].self, forKey: .clinicians)
        rooms = try c.decode([Room].self, forKey: .rooms)
        interpreters = try c.decodeIfPresent([Interpreter].self, forKey: .interpreters) ?? []
        patients = try c.decode([PatientNeeds].self, forKey: .patients)
        absences = try c.decodeIfPresent([Absence].self, forKey: .absences) ?? []
        closedDays = try c.decodeIfPresent([LocalDate].self, forKey: .closedDays) ?? []
        existing = try c.decodeIfPresent([BookedSession].self, forKey: .existing) ?? []
        requests = try c.decodeIfPresent([SeriesRequest].self, forKey: .requests) ?? []
        slotMinutes = try c.decodeIfPresent(Int.self, forKey: .slotMinutes) ?? 15
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        caps = try c.decodeIfPresent([ClinicianCap].self, forKey: .caps) ?? []
    }
}

/// How much one clinician may work: sessions a local day, session minutes a Monday-based week.
/// Hard limits, counted over existing and proposed sessions alike (a group session once).
public struct ClinicianCap: Hashable, Sendable, Codable {
    public var clinician: ClinicianID
    /// At most this many sessions on one local day (6 is common); nil for no limit.
    public var sessionsPerDay: Int?
    /// At most this many minutes of sessions in one week; nil for no limit.
    public var minutesPerWeek: Int?

    public init(clinician: ClinicianID, sessionsPerDay: Int? = nil, minutesPerWeek: Int? = nil) {
        self.clinician = clinician
        self.sessionsPerDay = sessionsPerDay
        self.minutesPerWeek = minutesPerWeek
    }
}

/// What the scheduler needs to know about a patient, and nothing more (no name, no birth date).
public struct PatientNeeds: Hashable, Sendable, Codable {
    public var code: PatientCode
    public var language: LanguageCode
    /// Every session then needs a free interpreter of ``language``.
    public var needsInterpreter: Bool
    /// Patients this one must never meet on site nor in a group.
    public var keepApart: Set<PatientCode>
    public var needsAccessibleRoom: Bool

    public init(
        code: PatientCode, language: LanguageCode = .french, needsInterpreter: Bool = false,
        keepApart: Set<PatientCode> = [], needsAccessibleRoom: Bool = false
    ) {
        self.code = code
        self.language = language
        self.needsInterpreter = needsInterpreter
        self.keepApart = keepApart
        self.needsAccessibleRoom = needsAccessibleRoom
    }

    /// The scheduling side of a full patient record.
    public init(_ patient: Patient) {
        self.init(
            code: patient.code, language: patient.language, needsInterpreter: patient.needsInterpreter,
            keepApart: patient.keepApart, needsAccessibleRoom: patient.needsAccessibleRoom)
    }
}

/// Which kind of resource an absence or an explanation is about.
public enum ResourceKind: String, CaseIterable, Hashable, Sendable, Codable {
    case clinician, room, interpreter, patient
}

/// A named resource, so an explanation can say which clinician or room stood in the way.
public struct ResourceRef: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var kind: ResourceKind
    public var id: String

    public init(kind: ResourceKind, id: String) {
        self.kind = kind
        self.id = id
    }

    public static func clinician(_ id: ClinicianID) -> Self { .init(kind: .clinician, id: id.rawValue) }
    public static func room(_ id: RoomID) -> Self { .init(kind: .room, id: id.rawValue) }
    public static func interpreter(_ id: InterpreterID) -> Self { .init(kind: .interpreter, id: id.rawValue) }
    public static func patient(_ id: PatientCode) -> Self { .init(kind: .patient, id: id.rawValue) }

    public var description: String { "\(kind.rawValue) \(id)" }
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.kind.rawValue, lhs.id) < (rhs.kind.rawValue, rhs.id) }
}

/// A stretch of time when a clinician, room or interpreter cannot be booked (leave, training, works).
public struct Absence: Hashable, Sendable, Codable {
    public var kind: ResourceKind
    public var id: String
    /// First instant unavailable.
    public var start: Date
    /// First instant available again.
    public var end: Date

    public init(kind: ResourceKind, id: String, start: Date, end: Date) {
        self.kind = kind
        self.id = id
        self.start = start
        self.end = end
    }

    public var resource: ResourceRef { ResourceRef(kind: kind, id: id) }
}

/// A session already in the agenda; it holds its resources and counts as the patient's history.
///
/// A group session appears once per patient, all rows sharing ``cohort``, start and end: rows of
/// the same cohort at the same time are one session, not a double booking.
public struct BookedSession: Hashable, Sendable, Codable {
    public var patient: PatientCode
    public var track: TrackID?
    public var step: StepID
    public var occurrence: Int
    public var start: Date
    public var end: Date
    public var clinicians: [ClinicianID]
    public var room: RoomID?
    public var interpreter: InterpreterID?
    /// The group cohort this session belongs to, nil for an individual session.
    public var cohort: String?

    public init(
        patient: PatientCode, track: TrackID? = nil, step: StepID, occurrence: Int, start: Date, end: Date,
        clinicians: [ClinicianID], room: RoomID? = nil, interpreter: InterpreterID? = nil,
        cohort: String? = nil
    ) {
        self.patient = patient
        self.track = track
        self.step = step
        self.occurrence = occurrence
        self.start = start
        self.end = end
        self.clinicians = clinicians
        self.room = room
        self.interpreter = interpreter
        self.cohort = cohort
    }
}
