import CareModel
import Foundation

/// A patient's sessions to book, in order, with what is already known about their pathway.
public struct SeriesRequest: Hashable, Sendable, Codable {
    public var patient: PatientCode
    public var track: TrackID
    /// The sessions, in the order they must happen.
    public var sessions: [SessionSpec]
    /// No session before this day (the referral, or `--from`).
    public var earliest: LocalDate
    /// The day the patient was referred; waiting time is counted from it. Defaults to ``earliest``.
    public var referralDate: LocalDate
    /// The last session held or booked, when booking the next ones of a pathway already begun.
    public var previous: PreviousSession?
    public var preferences: Preferences
    /// Book every session with this clinician (the secretary's `--clinician`).
    public var fixedClinician: ClinicianID?
    /// Higher is booked first in a batch; ties go to the earliest deadline, then referral.
    public var priority: Int

    public init(
        patient: PatientCode, track: TrackID, sessions: [SessionSpec], earliest: LocalDate,
        referralDate: LocalDate? = nil, previous: PreviousSession? = nil, preferences: Preferences = .none,
        fixedClinician: ClinicianID? = nil, priority: Int = 0
    ) {
        self.patient = patient
        self.track = track
        self.sessions = sessions
        self.earliest = earliest
        self.referralDate = referralDate ?? earliest
        self.previous = previous
        self.preferences = preferences
        self.fixedClinician = fixedClinician
        self.priority = priority
    }

    enum CodingKeys: String, CodingKey {
        case patient, track, sessions, earliest, referralDate, previous, preferences, fixedClinician, priority
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        patient = try c.decode(PatientCode.self, forKey: .patient)
        track = try c.decode(TrackID.self, forKey: .track)
        sessions = try c.decode([SessionSpec].self, forKey: .sessions)
        earliest = try c.decode(LocalDate.self, forKey: .earliest)
        referralDate = try c.decodeIfPresent(LocalDate.self, forKey: .referralDate) ?? earliest
        previous = try c.decodeIfPresent(PreviousSession.self, forKey: .previous)
        preferences = try c.decodeIfPresent(Preferences.self, forKey: .preferences) ?? .none
        fixedClinician = try c.decodeIfPresent(ClinicianID.self, forKey: .fixedClinician)
        priority = try c.decodeIfPresent(Int.self, forKey: .priority) ?? 0
    }
}

/// The pathway so far: the last session's day and time (for spacing and weekly regularity) and
/// who ran each step (for continuity).
public struct PreviousSession: Hashable, Sendable, Codable {
    /// Local day of the last session held or booked.
    public var date: LocalDate
    /// Its local start time, so the next one can keep the same hour.
    public var time: LocalTime?
    public var room: RoomID?
    /// Who ran each step already begun.
    public var clinicians: [StepClinician]

    public init(date: LocalDate, time: LocalTime? = nil, room: RoomID? = nil, clinicians: [StepClinician] = []) {
        self.date = date
        self.time = time
        self.room = room
        self.clinicians = clinicians
    }

    public func clinician(for step: StepID) -> ClinicianID? { clinicians.first { $0.step == step }?.clinician }
}

/// The clinician who ran (or is booked for) a step.
public struct StepClinician: Hashable, Sendable, Codable {
    public var step: StepID
    public var clinician: ClinicianID

    public init(step: StepID, clinician: ClinicianID) {
        self.step = step
        self.clinician = clinician
    }
}

/// When the patient would rather come: some weekdays and some local time windows.
///
/// Soft only: a session outside them costs score but is still proposed, because a quick start
/// matters more to a trauma patient than a convenient hour.
public struct Preferences: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Empty means any day.
    public var weekdays: [Weekday]
    /// Empty means any time; a session fits when it lies wholly inside one window.
    public var windows: [LocalTimeRange]

    public init(weekdays: [Weekday] = [], windows: [LocalTimeRange] = []) {
        self.weekdays = weekdays
        self.windows = windows
    }

    public static let none = Preferences()

    public var isEmpty: Bool { weekdays.isEmpty && windows.isEmpty }

    /// Parses the `--prefer` form: `tue,thu 14:00-18:00`, `mon-wed`, `09:00-12:00,14:00-17:00`.
    public init(parsing text: String) throws(CareModelError) {
        self.init()
        let expected = "days and/or times like 'tue,thu 14:00-18:00' or 'mon-fri 09:00-12:00'"
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !parts.isEmpty, parts.count <= 2 else {
            throw .invalidValue(field: "--prefer", value: text, expected: expected)
        }
        for part in parts {
            if part.contains(":") || part.lowercased().contains("h") && part.first?.isNumber == true {
                guard windows.isEmpty else { throw .invalidValue(field: "--prefer", value: text, expected: expected) }
                for item in part.split(separator: ",") {
                    guard let range = LocalTimeRange(parsing: String(item)) else {
                        throw .invalidValue(
                            field: "--prefer", value: String(item),
                            expected: "a time window like 14:00-18:00 with the start before the end")
                    }
                    windows.append(range)
                }
            } else {
                guard weekdays.isEmpty else { throw .invalidValue(field: "--prefer", value: text, expected: expected) }
                weekdays = try Self.parseDays(part)
            }
        }
    }

    private static func parseDays(_ text: String) throws(CareModelError) -> [Weekday] {
        var result: [Weekday] = []
        for item in text.split(separator: ",") {
            let ends = item.split(separator: "-")
            if ends.count == 2, let a = Weekday.parse(String(ends[0])), let b = Weekday.parse(String(ends[1])), a <= b {
                result.append(contentsOf: Weekday.allCases[a.index...b.index])
            } else if ends.count == 1, let day = Weekday.parse(String(ends[0])) {
                result.append(day)
            } else {
                throw .invalidValue(
                    field: "--prefer", value: String(item), expected: "days like tue, mon-fri or tue,thu")
            }
        }
        return result
    }

    /// `tue,thu 14:00-18:00`.
    public var description: String {
        let days = weekdays.map(\.rawValue).joined(separator: ",")
        let times = windows.map(\.description).joined(separator: ",")
        return [days, times].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Whether a session on `day` from `start` for `minutes` is within the preferences.
    public func accepts(_ day: Weekday, start: Int, minutes: Int) -> Bool {
        if !weekdays.isEmpty, !weekdays.contains(day) { return false }
        if windows.isEmpty { return true }
        return windows.contains { $0.start.minutes <= start && start + minutes <= $0.end.minutes }
    }
}
