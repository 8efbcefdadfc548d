import CareModel
import Foundation
import PathwayEngine
import ScheduleCheck
import Scheduler
import Store

/// The days a `move --auto` may choose from (`--not-before`, `--not-after`), both included.
public struct MoveWindow: Sendable, Hashable {
    public var notBefore: LocalDate?
    public var notAfter: LocalDate?

    public init(notBefore: LocalDate? = nil, notAfter: LocalDate? = nil) {
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    public static let any = MoveWindow()
}

extension BookingService {
    /// The rules a session would break at `moved`'s time and resources, in words: every hard
    /// constraint the independent checker knows (closed days, opening and working hours,
    /// absences, the interpreter's hours, double bookings, skills, rooms), the past, and the
    /// spacing and order with the sessions before and after it in its series. Empty when it fits.
    public func ruleBreaks(
        moving original: Appointment, to moved: Appointment, today: LocalDate
    ) throws(BookingError) -> [String] {
        var breaks: [String] = []
        let now = snapshots.notBefore ?? timeZone.instant(on: today, at: .midnight) ?? Date.distantPast
        if moved.start < now { breaks.append("\(describe(moved.start)) is in the past") }
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: [original.patient])
        }
        problem.existing.removeAll {
            $0.patient == original.patient && $0.step == original.step && $0.occurrence == original.occurrence
                && $0.start == original.start
        }
        let neighbours = try seriesNeighbours(of: original)
        guard let patient = try wrap({ () throws(StoreError) in try store.patient(original.patient) }) else {
            throw .patientNotFound(original.patient)
        }
        if let track = catalog.track(original.track), let step = track.step(original.step) {
            var spec = SessionPlanner.spec(for: step, occurrence: original.occurrence, patient: patient)
            spec.deadline = nil
            problem.requests = [
                SeriesRequest(
                    patient: patient.code, track: track.id, sessions: [spec], earliest: today,
                    referralDate: patient.referralDate,
                    previous: neighbours.before.map { SessionPlanner.previous([$0], timeZone: timeZone) } ?? nil)
            ]
            if let next = neighbours.after {
                breaks += orderBreaks(moved, next: next, track: track)
            }
        }
        let row = ProposedSession(
            patient: moved.patient, track: moved.track, step: moved.step, occurrence: moved.occurrence,
            start: moved.start, end: moved.end, clinicians: moved.clinicians,
            room: moved.room ?? RoomID("(no room)"), interpreter: moved.interpreter, cohort: moved.cohort)
        let report = IndependentChecker.check(problem: problem, sessions: [row])
        let ignored: Set<String> = [ViolationKind.outsideHorizon.rawValue, ViolationKind.unrequestedSession.rawValue]
        breaks += report.details.filter { line in !ignored.contains { line.hasPrefix($0 + ":") } }
        return breaks
    }

    /// The active sessions just before and just after `appointment` in its series' order.
    func seriesNeighbours(
        of appointment: Appointment
    ) throws(BookingError) -> (before: Appointment?, after: Appointment?) {
        guard let track = catalog.track(appointment.track) else { return (nil, nil) }
        let rank = SessionPlanner.order(track)
        let own = rank(appointment.step, appointment.occurrence)
        let series = try wrap { () throws(StoreError) in try store.appointments(patient: appointment.patient) }
            .filter {
                $0.track == appointment.track && $0.id != appointment.id
                    && ($0.status == .booked || $0.status == .attended)
            }
        let before = series.filter { rank($0.step, $0.occurrence) < own }.max {
            rank($0.step, $0.occurrence) < rank($1.step, $1.occurrence)
        }
        let after = series.filter { rank($0.step, $0.occurrence) > own }.min {
            rank($0.step, $0.occurrence) < rank($1.step, $1.occurrence)
        }
        return (before, after)
    }

    /// What `moved` does to the order and spacing of the session after it.
    func orderBreaks(_ moved: Appointment, next: Appointment, track: Track) -> [String] {
        guard moved.end <= next.start else {
            return [
                "\(moved.step) \(moved.occurrence) would come after \(next.step) \(next.occurrence) (\(describe(next.start))): "
                    + "a series keeps its order; move the rest with --rest-of-series"
            ]
        }
        let days = timeZone.local(moved.start).date.days(to: timeZone.local(next.start).date)
        guard let spacing = track.step(next.step)?.spacing else { return [] }
        if let min = spacing.minDays, days < min {
            return [
                "\(next.step) \(next.occurrence) (\(describe(next.start))) would be \(days) day(s) after it, at least \(min) needed"
            ]
        }
        if let max = spacing.maxDays, days > max {
            return [
                "\(next.step) \(next.occurrence) (\(describe(next.start))) would be \(days) day(s) after it, at most \(max) allowed"
            ]
        }
        return []
    }

    /// The nearest free time to `appointment`'s own, never that time itself: the first one on or
    /// after its day and the last one found before it are compared, and the closer wins; both keep
    /// the series' order and spacing and stay inside `window`.
    func nearestOtherTime(
        for appointment: Appointment, window: MoveWindow, today: LocalDate
    ) throws(BookingError) -> ProposedSession {
        let found = try otherTimes(for: appointment, window: window, today: today)
        return try Self.nearest(
            to: appointment, among: found.candidates, lastFailure: found.lastFailure, window: window)
    }

    /// The times `appointment` could move to inside `window`: the first later and the first
    /// earlier one the scheduler finds that keep the series in order and spaced.
    func otherTimes(
        for appointment: Appointment, window: MoveWindow, today: LocalDate
    ) throws(BookingError) -> (candidates: [ProposedSession], lastFailure: Explanation?) {
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: [appointment.patient])
        }
        problem.existing.removeAll {
            $0.patient == appointment.patient && $0.step == appointment.step && $0.occurrence == appointment.occurrence
        }
        let neighbours = try seriesNeighbours(of: appointment)
        var request = try moveRequest(for: appointment, today: today)
        request.previous = neighbours.before.map { SessionPlanner.previous([$0], timeZone: timeZone) } ?? nil
        return try candidates(
            for: appointment, request: request, in: problem, next: neighbours.after, window: window, today: today)
    }

    /// The nearest time to `appointment`'s for `request` (its one session) in `problem`, other
    /// than the time it has; before `next` with its spacing.
    func nearest(
        for appointment: Appointment, request: SeriesRequest, in base: SchedulingProblem, next: Appointment?,
        window: MoveWindow, today: LocalDate
    ) throws(BookingError) -> ProposedSession {
        let found = try candidates(
            for: appointment, request: request, in: base, next: next, window: window, today: today)
        return try Self.nearest(
            to: appointment, among: found.candidates, lastFailure: found.lastFailure, window: window)
    }

    /// The later and the earlier time the scheduler finds for `request` (before `next`, with its spacing).
    func candidates(
        for appointment: Appointment, request: SeriesRequest, in base: SchedulingProblem, next: Appointment?,
        window: MoveWindow, today: LocalDate
    ) throws(BookingError) -> (candidates: [ProposedSession], lastFailure: Explanation?) {
        var problem = base
        // The time it has now is not a move.
        problem.absences.append(
            Absence(kind: .patient, id: appointment.patient.rawValue, start: appointment.start, end: appointment.end))
        let track = catalog.track(appointment.track)
        let floor = max(today, window.notBefore ?? today)
        let own = timeZone.local(appointment.start).date
        var candidates: [ProposedSession] = []
        var lastFailure: Explanation?
        for (earliest, deadline) in [(max(floor, own), window.notAfter), (floor, own)] {
            var attempt = request
            attempt.earliest = earliest
            attempt.sessions[0].deadline = deadline
            switch Scheduler.bookSeries(attempt, in: problem) {
            case let .success(proposal):
                guard let placed = proposal.sessions.first, !placed.late else { continue }
                if let limit = window.notAfter, timeZone.local(placed.start).date > limit { continue }
                if let next, let track, !fits(placed, before: next, track: track) { continue }
                candidates.append(placed)
            case let .failure(explanation):
                lastFailure = explanation
            }
        }
        return (candidates, lastFailure)
    }

    /// The candidate nearest to `appointment`'s time, or why there is none.
    static func nearest(
        to appointment: Appointment, among candidates: [ProposedSession], lastFailure: Explanation?,
        window: MoveWindow
    ) throws(BookingError) -> ProposedSession {
        let distance = { (s: ProposedSession) in abs(s.start.timeIntervalSince(appointment.start)) }
        guard let best = candidates.min(by: { distance($0) < distance($1) }) else {
            if let lastFailure { throw .noSlot(appointment.patient, lastFailure) }
            throw .notApplicable(
                Refusal(
                    .noOtherTime,
                    "no other time for \(appointment.id) keeps its series in order and spaced"
                        + (window == .any ? "" : " within --not-before/--not-after")
                        + "; move the rest of the series (--rest-of-series --auto)", ["id": appointment.id.rawValue]))
        }
        return best
    }
}
