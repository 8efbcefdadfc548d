import CareModel
import Foundation
import Scheduler
import Store

/// Builds the scheduler's snapshot from the database: the only place the two meet.
///
/// The scheduler never reads the database; it gets this frozen picture of resources, hours,
/// absences, closed days and what is already booked, and answers from it alone.
public struct SnapshotBuilder: Sendable {
    public var timeZone: ClinicTimeZone
    /// How far ahead bookings may go. A pathway at its slowest (intake at 21 days, ten sessions 14
    /// days apart, closing, follow-up at 15 weeks) takes about 40 weeks.
    public var horizonWeeks: Int
    /// The instant before which no search may propose a start (the CLI's now, noon with
    /// `--today`). The scheduler only knows days, so without it a "next free slot" on today could
    /// land in the morning already gone; nil keeps only the day bound (for tests and reports).
    public var notBefore: Date?
    /// Describe every patient of the centre even when a change names the patients it concerns:
    /// the snapshot as it was before it was windowed, kept to show both give the same answers.
    public var everyPatient: Bool

    public init(
        timeZone: ClinicTimeZone = .paris, horizonWeeks: Int = 40, notBefore: Date? = nil, everyPatient: Bool = false
    ) {
        self.timeZone = timeZone
        self.horizonWeeks = horizonWeeks
        self.notBefore = notBefore
        self.everyPatient = everyPatient
    }

    /// The snapshot from `today` to the horizon, with `requests` to place.
    ///
    /// `concerning` names the patients a change is about (with the patients of `requests`); the
    /// snapshot then describes only them and their keep-apart partners, the only patients whose
    /// needs a search for them reads, instead of the whole centre (nil). It still holds every
    /// session booked in the horizon, whoever the patient, since each holds a clinician, a room or
    /// an interpreter; those are read from the window on, through the end indexes.
    public func problem(
        store: ParcoursStore, today: LocalDate, requests: [SeriesRequest] = [],
        seed: UInt64 = 0, concerning: Set<PatientCode>? = nil
    ) throws(StoreError) -> SchedulingProblem {
        let horizonEnd = today.adding(days: horizonWeeks * 7)
        let from = timeZone.instant(on: today.adding(days: -1), at: .midnight) ?? Date.distantPast
        let to = timeZone.instant(on: horizonEnd.adding(days: 1), at: .midnight) ?? Date.distantFuture
        let existing = try store.activeAppointments(from: from, to: to).map { a in
            BookedSession(
                patient: a.patient, track: a.track, step: a.step, occurrence: a.occurrence, start: a.start,
                end: a.end, clinicians: a.clinicians, room: a.room, interpreter: a.interpreter, cohort: a.cohort)
        }
        let calendar = try calendarConstraints(store: store, from: today, to: horizonEnd)
        let clinicians = try store.clinicians().filter(\.active)
        let patients = try needs(store: store, concerning: concerning.map { $0.union(requests.map(\.patient)) })
        return SchedulingProblem(
            timeZone: timeZone.identifier, today: today, horizonEnd: horizonEnd,
            clinicians: clinicians, rooms: try store.rooms(),
            interpreters: try store.interpreters(), patients: patients,
            absences: calendar.absences + elapsed(today: today, clinicians: clinicians),
            closedDays: calendar.closedDays,
            existing: existing, requests: requests, seed: seed, caps: try Self.caps(store: store))
    }

    /// The needs of `codes` and of their keep-apart partners, by code; every patient's for nil
    /// (or with ``everyPatient``).
    func needs(store: ParcoursStore, concerning codes: Set<PatientCode>?) throws(StoreError) -> [PatientNeeds] {
        guard let codes, !everyPatient else { return try store.patients().map(PatientNeeds.init) }
        var found = try store.patients(codes)
        let partners = Set(found.values.flatMap(\.keepApart)).subtracting(found.keys)
        if !partners.isEmpty { found.merge(try store.patients(partners)) { mine, _ in mine } }
        return found.values.sorted { $0.code < $1.code }.map(PatientNeeds.init)
    }

    /// The clinicians' workload caps as the scheduler reads them (hours a week in minutes), by id.
    static func caps(store: ParcoursStore) throws(StoreError) -> [ClinicianCap] {
        try store.clinicianCaps().sorted { $0.key.rawValue < $1.key.rawValue }.map { id, caps in
            ClinicianCap(
                clinician: id, sessionsPerDay: caps.sessionsPerDay, minutesPerWeek: caps.hoursPerWeek.map { $0 * 60 })
        }
    }

    /// Today's time already past, as an absence of every clinician: every session needs one, so
    /// no search (move, book, waiting list, group) can start a session before ``notBefore``.
    func elapsed(today: LocalDate, clinicians: [Clinician]) -> [Absence] {
        guard let notBefore, let dayStart = timeZone.instant(on: today, at: .midnight), notBefore > dayStart else {
            return []
        }
        return clinicians.map { Absence(kind: .clinician, id: $0.id.rawValue, start: dayStart, end: notBefore) }
    }

    /// Closed days and absences (clinicians', rooms', interpreters') in the window.
    func calendarConstraints(
        store: ParcoursStore, from: LocalDate, to: LocalDate
    ) throws(StoreError)
        -> (closedDays: [LocalDate], absences: [Absence])
    {
        let start = timeZone.instant(on: from, at: .midnight) ?? Date.distantPast
        let end = timeZone.instant(on: to.adding(days: 1), at: .midnight) ?? Date.distantFuture
        let closed = try store.closedDays(from: from, to: to).map(\.date)
        let absences = try store.absences(from: start, to: end).map {
            Absence(kind: .clinician, id: $0.clinician.rawValue, start: $0.start, end: $0.end)
        }
        // Rooms and interpreters out of use are absences of theirs: a hard constraint for every
        // search (book, move, replacement, waiting list, group) and for the independent checker.
        let unavailable = try store.unavailabilities(from: start, to: end).map(\.blocking)
        return (closed, absences + unavailable)
    }
}

extension ResourceUnavailability {
    /// The unavailability as the scheduler reads it: an absence of the room or interpreter.
    public var blocking: Absence {
        switch resource {
        case let .room(id): Absence(kind: .room, id: id.rawValue, start: start, end: end)
        case let .interpreter(id): Absence(kind: .interpreter, id: id.rawValue, start: start, end: end)
        }
    }
}
