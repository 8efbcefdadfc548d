import CareModel
import Foundation
import Testing

@testable import Scheduler

struct Malformed: Error { let text: String }

/// Parses a fixture date; a typo fails the test instead of crashing it.
func day(_ text: String) throws -> LocalDate {
    guard let d = LocalDate(parsing: text) else { throw Malformed(text: text) }
    return d
}

func clock(_ text: String) throws -> LocalTime {
    guard let t = LocalTime(parsing: text) else { throw Malformed(text: text) }
    return t
}

/// The UTC instant of a Paris wall-clock time.
func paris(_ date: String, _ time: String) throws -> Date {
    guard let instant = ClinicTimeZone.paris.instant(on: try day(date), at: try clock(time)) else {
        throw Malformed(text: "\(date) \(time)")
    }
    return instant
}

func local(_ instant: Date) -> (date: LocalDate, time: LocalTime) { ClinicTimeZone.paris.local(instant) }

func hours(_ text: String) throws -> WeeklyHours { try WeeklyHours(parsing: text) }

/// A small centre in Poitiers, with the people and rooms of the sample data.
enum Centre {
    static let weekdays = "mon-fri 09:00-12:30,13:30-17:00"

    static func clinicians() throws -> [Clinician] {
        [
            Clinician(
                id: "C-ROUX", name: "Dr Roux", role: .psychiatrist, skills: [.emdr],
                hours: try hours(weekdays)),
            Clinician(
                id: "C-MARTIN", name: "Claire Martin", role: .psychologist, skills: [.emdr, .tfCBT],
                hours: try hours(weekdays)),
            Clinician(
                id: "C-DIALLO", name: "Awa Diallo", role: .psychologist,
                skills: [.narrativeExposure, .groupFacilitation],
                languages: [.french, "en"], hours: try hours(weekdays)),
            Clinician(
                id: "C-BERNARD", name: "Luc Bernard", role: .nurse, skills: [.groupFacilitation, .psychoeducation],
                hours: try hours(weekdays)),
        ]
    }

    static let rooms: [Room] = [
        Room(id: "R-1", name: "Bureau 1", capacity: 3, features: [.individual]),
        Room(id: "R-2", name: "Bureau 2 (rez-de-chaussée)", capacity: 3, features: [.individual, .accessible]),
        Room(id: "R-GROUPE", name: "Salle de groupe", capacity: 14, features: [.group, .accessible]),
    ]

    static func interpreters() throws -> [Interpreter] {
        [
            Interpreter(
                id: "I-HADDAD", name: "Samir Haddad", languages: ["ar"], hours: try hours("mon-fri 09:00-17:00")),
            Interpreter(
                id: "I-AHMADI", name: "Nadia Ahmadi", languages: ["ps", "fa"], hours: try hours("tue,thu 13:00-17:00")),
        ]
    }

    /// Monday 1 March 2027, horizon to the end of November, Easter Monday and the May days closed.
    static func problem(
        patients: [PatientNeeds] = [], clinicians: [Clinician]? = nil, rooms: [Room]? = nil,
        interpreters: [Interpreter]? = nil, absences: [Absence] = [], closed: [String]? = nil,
        existing: [BookedSession] = [], requests: [SeriesRequest] = [], today: String = "2027-03-01",
        horizon: String = "2027-11-30"
    ) throws -> SchedulingProblem {
        SchedulingProblem(
            today: try day(today), horizonEnd: try day(horizon), clinicians: try clinicians ?? Self.clinicians(),
            rooms: rooms ?? Self.rooms, interpreters: try interpreters ?? Self.interpreters(), patients: patients,
            absences: absences,
            closedDays: try (closed ?? ["2027-03-29", "2027-05-01", "2027-05-06", "2027-05-08", "2027-05-17"]).map(day),
            existing: existing, requests: requests, seed: 42)
    }

    /// The EMDR track: intake within 21 days, 10 weekly sessions with one therapist, closing, follow-up.
    static func emdrSeries(
        _ patient: PatientCode, referral: String = "2027-03-01", therapy: Int = 10,
        followUp: Bool = true
    ) throws -> SeriesRequest {
        let referred = try day(referral)
        var sessions = [
            SessionSpec(
                step: "intake", kind: .assessment, durationMinutes: 90,
                roles: [.psychiatrist, .psychologist], deadline: referred.adding(days: 21),
                roomFeatures: [.individual])
        ]
        for n in 1...max(therapy, 1) where therapy > 0 {
            sessions.append(
                SessionSpec(
                    step: "therapy", occurrence: n, kind: .therapy, durationMinutes: 90,
                    roles: [.psychologist, .psychiatrist], skills: [.emdr], continuity: "therapy",
                    minDaysAfterPrevious: 6, maxDaysAfterPrevious: 14, roomFeatures: [.individual]))
        }
        sessions.append(
            SessionSpec(
                step: "closing", kind: .assessment, durationMinutes: 60,
                roles: [.psychologist, .psychiatrist], continuity: "therapy",
                minDaysAfterPrevious: 6, maxDaysAfterPrevious: 21, roomFeatures: [.individual]))
        if followUp {
            sessions.append(
                SessionSpec(
                    step: "follow-up", kind: .followUp, durationMinutes: 60,
                    roles: [.psychologist, .psychiatrist], minDaysAfterPrevious: 77,
                    maxDaysAfterPrevious: 105, roomFeatures: [.individual]))
        }
        return SeriesRequest(
            patient: patient, track: "adult-accident-disaster-emdr", sessions: sessions,
            earliest: referred)
    }

    /// One individual session of `minutes`, any psychologist or psychiatrist.
    static func single(
        _ patient: PatientCode, from: String, minutes: Int = 60, step: StepID = "intake",
        roles: [ClinicianRole] = [.psychiatrist, .psychologist], skills: [Skill] = [],
        languages: [LanguageCode] = []
    ) throws -> SeriesRequest {
        SeriesRequest(
            patient: patient, track: "adult-domestic-violence",
            sessions: [
                SessionSpec(
                    step: step, kind: .assessment, durationMinutes: minutes, roles: roles,
                    skills: skills, languages: languages, roomFeatures: [.individual])
            ],
            earliest: try day(from))
    }
}

extension Result {
    /// The success value, or a test failure that prints the explanation.
    func proposal(sourceLocation: SourceLocation = #_sourceLocation) throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error):
            Issue.record("expected a proposal, got: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    func explanation(sourceLocation: SourceLocation = #_sourceLocation) throws -> Failure {
        switch self {
        case .success(let value):
            Issue.record("expected an explanation, got: \(value)", sourceLocation: sourceLocation)
            throw Malformed(text: "unexpected success")
        case .failure(let error): return error
        }
    }
}

/// Hard-constraint violations among `sessions` plus `existing`: the tests' own small checker.
func conflicts(_ sessions: [ProposedSession], existing: [BookedSession] = [], problem: SchedulingProblem) -> [String] {
    var found: [String] = []
    let all = existing + sessions.map(\.booked)
    let zone = ClinicTimeZone.paris
    for (i, a) in all.enumerated() {
        for b in all[(i + 1)...] where a.start < b.end && b.start < a.end {
            let sameGroup = a.cohort != nil && a.cohort == b.cohort && a.start == b.start
            if a.patient == b.patient { found.append("patient \(a.patient) twice at \(a.start)") }
            if sameGroup { continue }
            if !Set(a.clinicians).isDisjoint(with: b.clinicians) { found.append("clinician twice at \(a.start)") }
            if a.room != nil, a.room == b.room { found.append("room \(a.room?.rawValue ?? "") twice at \(a.start)") }
            if a.interpreter != nil, a.interpreter == b.interpreter { found.append("interpreter twice at \(a.start)") }
        }
    }
    var days = Set<String>()
    for s in sessions where s.cohort == nil {
        let key = "\(s.patient) \(zone.local(s.start).date)"
        if !days.insert(key).inserted { found.append("two sessions one day: \(key)") }
    }
    for s in sessions {
        let start = zone.local(s.start), end = zone.local(s.end)
        guard let range = LocalTimeRange(start: start.time, end: end.time) else {
            found.append("session crosses midnight or is empty: \(s.start)")
            continue
        }
        if problem.closedDays.contains(start.date) { found.append("closed day \(start.date)") }
        for id in s.clinicians {
            guard let c = problem.clinicians.first(where: { $0.id == id }) else { continue }
            if !c.hours.covers(range, on: start.date.weekday) {
                found.append("\(id) outside hours \(start.date) \(range)")
            }
        }
    }
    return found
}
