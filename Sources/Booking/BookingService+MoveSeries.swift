import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

extension BookingService {
    /// Moves a session and every later booked session of the same pathway, all or nothing.
    ///
    /// With a given time, the rest of the series keeps its rhythm: each later session moves by the
    /// same number of days and to the same new hour (a Tuesday 14:00 series moved to Thursday 10:00
    /// stays on Thursdays at 10:00), and is refused with the rules it would break
    /// (``restOfSeriesBreaks(moving:to:today:)``) unless every session fits. With `.auto`, the scheduler replans the sessions from the one
    /// moved onwards, keeping their clinicians where continuity asks for it.
    public func moveRestOfSeries(
        _ id: AppointmentID, to target: MoveTarget, today: LocalDate,
        reason: String? = nil
    ) throws(BookingError) -> [Appointment] {
        let first = try bookedAppointment(id)
        let all = try wrap { () throws(StoreError) in try store.appointments(patient: first.patient) }
            .filter { $0.track == first.track && $0.cohort == nil }
        let rest = all.filter { $0.status == .booked && $0.start >= first.start }.sorted { $0.start < $1.start }
        let moved: [Appointment]
        switch target {
        case let .at(date, time):
            let old = timeZone.local(first.start)
            let dayShift = old.date.days(to: date)
            let minuteShift = time.minutes - old.time.minutes
            moved = try rest.map { a throws(BookingError) in
                let local = timeZone.local(a.start)
                let newDate = local.date.adding(days: dayShift)
                guard let newTime = LocalTime(minutes: local.time.minutes + minuteShift), newTime.minutes < 1440,
                    let start = timeZone.instant(on: newDate, at: newTime)
                else {
                    throw .notApplicable(
                        Refusal(
                            .moveToMissingTime,
                            "moving \(a.id) the same way would put it at a time that does not exist on \(newDate); use --auto",
                            ["id": a.id.rawValue, "day": "\(newDate)"]))
                }
                var b = a
                b.start = start
                b.end = start.addingTimeInterval(a.end.timeIntervalSince(a.start))
                return b
            }
            let breaks = try restOfSeriesBreaks(moving: rest, to: moved, today: today)
            guard breaks.isEmpty else { throw .seriesRuleBroken(id, breaks) }
        case .auto:
            moved = try replan(
                rest,
                history: all.filter { $0.start < first.start && ($0.status == .booked || $0.status == .attended) },
                today: today, avoiding: first)
        }
        let moves = moved.map { ($0.id, $0) }
        try wrap { () throws(StoreError) in
            try store.move(moves, actor: actor, reason: reason ?? "moved with the rest of the series")
        }
        return moved
    }

    /// New times for `sessions` (in order) from the scheduler, after `history`.
    /// The time of `avoiding` (the session being moved) is not offered again: a move moves.
    func replan(
        _ sessions: [Appointment], history: [Appointment], today: LocalDate,
        avoiding: Appointment? = nil
    ) throws(BookingError) -> [Appointment] {
        guard let head = sessions.first else { return [] }
        guard let patient = try wrap({ () throws(StoreError) in try store.patient(head.patient) }) else {
            throw .patientNotFound(head.patient)
        }
        guard let track = catalog.track(head.track) else { throw .unknownTrack(head.track) }
        let specs = try SessionPlanner.rebookingSpecs(for: sessions, track: track, patient: patient)
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: [head.patient])
        }
        if let avoiding {
            problem.absences.append(
                Absence(kind: .patient, id: avoiding.patient.rawValue, start: avoiding.start, end: avoiding.end))
        }
        let movingKeys = Set(sessions.map { StepOccurrence(step: $0.step, occurrence: $0.occurrence) })
        problem.existing.removeAll {
            $0.patient == head.patient && movingKeys.contains(StepOccurrence(step: $0.step, occurrence: $0.occurrence))
        }
        let request = SeriesRequest(
            patient: patient.code, track: track.id, sessions: specs, earliest: max(today.adding(days: 1), today),
            referralDate: patient.referralDate, previous: SessionPlanner.previous(history, timeZone: timeZone))
        switch Scheduler.bookSeries(request, in: problem) {
        case let .success(proposal):
            guard proposal.sessions.count == sessions.count else {
                throw .notApplicable(
                    Refusal(
                        .seriesPastHorizon,
                        "only \(proposal.sessions.count) of the \(sessions.count) sessions fit before the booking horizon; move them one by one",
                        ["fit": String(proposal.sessions.count), "total": String(sessions.count)]))
            }
            return zip(sessions, proposal.sessions).map { old, new in old.placed(at: new) }
        case let .failure(explanation):
            throw .noSlot(head.patient, explanation)
        }
    }
}

extension Appointment {
    /// The same session (id, patient, step, status) at the time and with the resources `proposed`
    /// gives it: how a move or a shift changes a booked session, and nothing else.
    func placed(at proposed: ProposedSession) -> Appointment {
        var moved = self
        moved.start = proposed.start
        moved.end = proposed.end
        moved.clinicians = proposed.clinicians
        moved.room = proposed.room
        moved.interpreter = proposed.interpreter
        return moved
    }
}
