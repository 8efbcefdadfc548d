import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

extension BookingService {
    /// Plans the replacement of a session missing inside a series (cancelled or missed while
    /// later ones stay booked), or nil when the first session to book has nothing booked after it.
    ///
    /// The replacement goes between its neighbours, within the spacing on both sides, never on
    /// the day the patient could not come; where there is no room, it is placed after the session
    /// before it and every later booked session is replanned after it (keeping the clinician
    /// where continuity asks for it), so the closing and follow-up follow and nothing is ever
    /// booked after the closing out of order.
    func replacement(for series: SeriesRequest, request: Request, today: LocalDate) throws(BookingError) -> Booking? {
        guard let hole = series.sessions.first, let track = catalog.track(series.track) else { return nil }
        let rank = SessionPlanner.order(track)
        let holeRank = rank(hole.step, hole.occurrence)
        let all = try wrap { () throws(StoreError) in try store.appointments(patient: series.patient) }
            .filter { $0.track == track.id && $0.cohort == nil }
        let after = all.filter { $0.status == .booked && rank($0.step, $0.occurrence) > holeRank }
            .sorted { rank($0.step, $0.occurrence) < rank($1.step, $1.occurrence) }
        guard let next = after.first else { return nil }
        guard let patient = try wrap({ () throws(StoreError) in try store.patient(series.patient) }) else {
            throw .patientNotFound(series.patient)
        }
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: [series.patient])
        }
        problem.absences += lostDay(of: hole, among: all)
        var single = series
        single.sessions = [hole]
        if case let .success(proposal) = Scheduler.bookSeries(single, in: problem),
            let placed = proposal.sessions.first,
            fits(placed, before: next, track: track)
        {
            var generator = ids.generator
            return Booking(proposal: proposal, appointments: appointments(for: proposal, using: &generator))
        }
        // No room between the neighbours: the replacement and everything booked after it, in order.
        let specs = [hole] + (try SessionPlanner.rebookingSpecs(for: after, track: track, patient: patient))
        var shifted = series
        shifted.sessions = specs
        let movingKeys = Set(after.map { StepOccurrence(step: $0.step, occurrence: $0.occurrence) })
        problem.existing.removeAll {
            $0.patient == patient.code && movingKeys.contains(StepOccurrence(step: $0.step, occurrence: $0.occurrence))
        }
        switch Scheduler.bookSeries(shifted, in: problem) {
        case let .success(proposal):
            guard proposal.sessions.count == specs.count else {
                throw .notApplicable(
                    Refusal(
                        .replacementPastHorizon,
                        "replacing \(hole.step) \(hole.occurrence) shifts the rest of the series past the booking horizon "
                            + "(\(proposal.sessions.count) of \(specs.count) sessions fit); shorten the series or book it later",
                        ["step": "\(hole.step)", "fit": String(proposal.sessions.count), "total": String(specs.count)]))
            }
            var generator = ids.generator
            var head = proposal
            head.sessions = Array(proposal.sessions.prefix(1))
            let moved = zip(after, proposal.sessions.dropFirst()).map { old, new in old.placed(at: new) }
            return Booking(proposal: proposal, appointments: appointments(for: head, using: &generator), shifted: moved)
        case let .failure(explanation):
            throw .noSlot(patient.code, explanation)
        }
    }

    /// Whether `placed` leaves `next` after it and within the spacing `next`'s step asks for.
    func fits(_ placed: ProposedSession, before next: Appointment, track: Track) -> Bool {
        guard placed.end <= next.start else { return false }
        let days = timeZone.local(placed.start).date.days(to: timeZone.local(next.start).date)
        guard let spacing = track.step(next.step)?.spacing else { return days >= 1 }
        if let min = spacing.minDays, days < min { return false }
        if let max = spacing.maxDays, days > max { return false }
        return true
    }

    /// The day the patient could not come (the latest cancelled or missed try of `spec`'s
    /// session), closed to its replacement.
    func lostDay(of spec: SessionSpec, among all: [Appointment]) -> [Absence] {
        let lost = all.filter {
            $0.step == spec.step && $0.occurrence == spec.occurrence && $0.status != .booked && $0.status != .attended
        }.max { $0.start < $1.start }
        guard let lost, let dayStart = timeZone.instant(on: timeZone.local(lost.start).date, at: .midnight),
            let dayEnd = timeZone.instant(on: timeZone.local(lost.start).date.adding(days: 1), at: .midnight)
        else { return [] }
        return [Absence(kind: .patient, id: lost.patient.rawValue, start: dayStart, end: dayEnd)]
    }
}
