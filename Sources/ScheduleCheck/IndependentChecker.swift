import CareModel
import Foundation
import SchedulingModel

/// Counts every hard-constraint violation of a solution, independently of the solver.
///
/// Written from the rules in docs/scheduling.md, not from the solver's code, and importing only
/// the open format (SchedulingModel; the package graph keeps the solver out): a bug shared by both
/// would have to be written twice to go unseen.
/// It never stops at the first problem: the report counts them all, by kind.
public enum IndependentChecker {
    public static func check(problem: SchedulingProblem, solution: ScheduleSolution) -> CheckReport {
        var checker = CheckRun(problem: problem, solution: solution)
        checker.run()
        return checker.report()
    }

    /// For rows built in code (no written offsets to inspect).
    public static func check(problem: SchedulingProblem, sessions: [ProposedSession]) -> CheckReport {
        check(problem: problem, solution: ScheduleSolution(sessions: sessions))
    }

    /// Every violation in the order found, uncapped: `parcours doctor` names the first of each
    /// kind it reports, which the report's capped detail lines may not reach.
    public static func violations(problem: SchedulingProblem, sessions: [ProposedSession]) -> [Violation] {
        var checker = CheckRun(problem: problem, solution: ScheduleSolution(sessions: sessions))
        checker.run()
        return checker.violations
    }
}

/// A row placed on the centre's wall clock once, so every rule reads the same local values.
struct LocalRow {
    let index: Int
    let session: ProposedSession
    let date: LocalDate
    let startMinutes: Int
    let endDate: LocalDate
    let endMinutes: Int
    var durationMinutes: Int { Int((session.end.timeIntervalSince(session.start) / 60).rounded()) }

    /// The wall-clock range on the start day, nil when the session runs past midnight.
    var range: LocalTimeRange? {
        let end = endDate == date ? endMinutes : (endDate == date.adding(days: 1) && endMinutes == 0 ? 1440 : -1)
        guard let s = LocalTime(minutes: startMinutes), let e = LocalTime(minutes: end) else { return nil }
        return LocalTimeRange(start: s, end: e)
    }

    var label: String {
        let s = session
        let time = LocalTime(minutes: startMinutes).map(\.description) ?? "?"
        return "\(s.patient) \(s.track)/\(s.step)#\(s.occurrence) on \(date.iso) \(time)"
    }
}

/// The state of one check: indexes over the instance, the rows, and the violations found so far.
struct CheckRun {
    let problem: SchedulingProblem
    let solution: ScheduleSolution
    let zone: ClinicTimeZone
    let clinicians: [ClinicianID: Clinician]
    let rooms: [RoomID: Room]
    let interpreters: [InterpreterID: Interpreter]
    let patients: [PatientCode: PatientNeeds]
    let closed: Set<LocalDate>
    let rows: [LocalRow]
    /// The existing bookings and the rows as occupied intervals, for every rule between them.
    let occupants: [Occupant]
    /// Request index per (patient, track).
    let requestIndex: [String: Int]
    /// Per request, the row booked for each of its sessions (same order as `sessions`).
    var booked: [[Int?]]
    /// Row index -> (request, session) for rows matched to a request.
    var matched: [Int: (request: Int, spec: Int)] = [:]
    var violations: [Violation] = []
    var objective = CheckedObjective()

    init(problem: SchedulingProblem, solution: ScheduleSolution) {
        self.problem = problem
        self.solution = solution
        let zone = ClinicTimeZone(identifier: problem.timeZone) ?? .paris
        self.zone = zone
        clinicians = Dictionary(problem.clinicians.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        rooms = Dictionary(problem.rooms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        interpreters = Dictionary(problem.interpreters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        patients = Dictionary(problem.patients.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        closed = Set(problem.closedDays)
        rows = solution.sessions.enumerated().map { index, session in
            let start = zone.local(session.start), end = zone.local(session.end)
            return LocalRow(
                index: index, session: session, date: start.date, startMinutes: start.time.minutes,
                endDate: end.date, endMinutes: end.time.minutes)
        }
        var index: [String: Int] = [:]
        for (i, request) in problem.requests.enumerated() where index[Self.key(request.patient, request.track)] == nil {
            index[Self.key(request.patient, request.track)] = i
        }
        requestIndex = index
        booked = problem.requests.map { Array(repeating: nil, count: $0.sessions.count) }
        occupants = Self.occupants(problem: problem, rows: rows, zone: zone)
    }

    static func key(_ patient: PatientCode, _ track: TrackID) -> String { patient.rawValue + "\u{1F}" + track.rawValue }

    mutating func flag(_ kind: ViolationKind, _ detail: String) {
        violations.append(Violation(kind: kind, detail: detail))
    }

    mutating func run() {
        matchRows()
        for row in rows { checkRow(row) }
        checkWrittenTimes()
        checkOccupancy()
        checkCaps()
        checkRoomCapacity()
        checkOnePerDay()
        checkKeepApart()
        checkSeries()
        recountObjective()
    }

    /// Ties each row to the request session it books; rows that book nothing requested are flagged.
    mutating func matchRows() {
        for row in rows {
            let s = row.session
            guard let r = requestIndex[Self.key(s.patient, s.track)],
                let k = problem.requests[r].sessions.firstIndex(where: {
                    $0.step == s.step && $0.occurrence == s.occurrence
                })
            else {
                flag(.unrequestedSession, "\(row.label): no request asks for this session")
                continue
            }
            if let other = booked[r][k] {
                flag(.duplicateSession, "\(row.label): already booked by row \(other + 1)")
                continue
            }
            booked[r][k] = row.index
            matched[row.index] = (r, k)
        }
    }

    func report() -> CheckReport {
        let requested = problem.requests.reduce(0) { $0 + $1.sessions.count }
        let bookedCounts = booked.map { $0.compactMap { $0 }.count }
        let full = zip(bookedCounts, problem.requests).filter { $0.0 == $0.1.sessions.count && $0.0 > 0 }.count
        let none = bookedCounts.filter { $0 == 0 }.count
        return CheckReport(
            violations: violations, sessionsRequested: requested, sessionsBooked: rows.count,
            patientsRequested: problem.requests.count, patientsFullyBooked: full,
            patientsPartiallyBooked: problem.requests.count - full - none, patientsNotBooked: none,
            objective: objective)
    }
}
