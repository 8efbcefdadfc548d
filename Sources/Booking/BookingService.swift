import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

/// The secretary's booking operations: plan with the scheduler, commit with the Store.
///
/// Each operation reads a snapshot, asks the pure scheduler for a proposal (or an explanation),
/// and commits it in one transaction that re-checks every resource; a conflict that appeared in
/// between is reported, never booked over.
public struct BookingService: Sendable {
    public let store: ParcoursStore
    public let catalog: TrackCatalog
    public let actor: Actor
    public var snapshots: SnapshotBuilder
    /// Consecutive no-shows that raise a drop-out review.
    public var noShowReviewThreshold: Int
    /// Where new session and group ids come from: the system's random generator, or a seeded
    /// source a simulation injects so that its seed replays the same run.
    public var ids: IdentifierSource

    public init(
        store: ParcoursStore, catalog: TrackCatalog, actor: Actor, snapshots: SnapshotBuilder = SnapshotBuilder(),
        noShowReviewThreshold: Int = 2, ids: IdentifierSource = .system
    ) {
        self.store = store
        self.catalog = catalog
        self.actor = actor
        self.snapshots = snapshots
        self.noShowReviewThreshold = noShowReviewThreshold
        self.ids = ids
    }

    var timeZone: ClinicTimeZone { snapshots.timeZone }

    /// What a booking request asks for.
    public struct Request: Sendable {
        public var patient: PatientCode
        public var scope: SessionPlanner.Scope
        public var from: LocalDate?
        public var preferences: Preferences
        public var clinician: ClinicianID?

        public init(
            patient: PatientCode, scope: SessionPlanner.Scope = .series, from: LocalDate? = nil,
            preferences: Preferences = .none, clinician: ClinicianID? = nil
        ) {
            self.patient = patient
            self.scope = scope
            self.from = from
            self.preferences = preferences
            self.clinician = clinician
        }
    }

    /// A proposal turned into appointments ready to commit.
    public struct Booking: Sendable {
        public var proposal: Proposal
        public var appointments: [Appointment]
        /// Sessions of the request left out because they fall after the booking horizon (a
        /// follow-up months away); they are booked later, when the horizon reaches them.
        public var deferred: Int = 0
        /// Sessions already booked that make room for a replacement: the rest of the series
        /// moved after it, at their new times (same ids). Committed with the booking, all or nothing.
        public var shifted: [Appointment] = []
    }

    /// The series request for a patient's current enrolment.
    public func seriesRequest(_ request: Request, today: LocalDate) throws(BookingError) -> SeriesRequest {
        guard let patient = try wrap({ () throws(StoreError) in try store.patient(request.patient) }) else {
            throw .patientNotFound(request.patient)
        }
        guard
            let enrolment = try wrap({ () throws(StoreError) in try store.currentEnrolment(patient: request.patient) }),
            !enrolment.state.isTerminal
        else { throw .notEnrolled(request.patient) }
        guard let track = catalog.track(enrolment.track) else { throw .unknownTrack(enrolment.track) }
        let all = try wrap { () throws(StoreError) in try store.appointments(patient: request.patient) }
            .filter { $0.track == track.id }
        let taken = all.filter { $0.status == .booked || $0.status == .attended }
        guard
            let series = SessionPlanner.request(
                patient: patient, track: track, taken: taken, scope: request.scope,
                from: max(request.from ?? today.adding(days: 1), today), timeZone: timeZone,
                preferences: request.preferences,
                fixedClinician: request.clinician, lost: all.filter { $0.status != .booked && $0.status != .attended })
        else { throw .nothingToBook(request.patient, track.id) }
        return series
    }

    /// Plans without committing (`--dry-run`), against the database as it is now.
    public func propose(_ request: Request, today: LocalDate) throws(BookingError) -> Booking {
        let series = try seriesRequest(request, today: today)
        if let replacement = try replacement(for: series, request: request, today: today) { return replacement }
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: [request.patient])
        }
        if let first = series.sessions.first {
            let all = try wrap { () throws(StoreError) in try store.appointments(patient: request.patient) }
                .filter { $0.track == series.track }
            problem.absences += lostDay(of: first, among: all)
        }
        switch Scheduler.bookSeries(series, in: problem) {
        case let .success(proposal):
            var generator = ids.generator
            return Booking(
                proposal: proposal, appointments: appointments(for: proposal, using: &generator),
                deferred: series.sessions.count - proposal.sessions.count)
        case let .failure(explanation):
            throw .noSlot(request.patient, explanation)
        }
    }

    /// Plans and commits in one transaction.
    public func book(_ request: Request, today: LocalDate) throws(BookingError) -> Booking {
        let booking = try propose(request, today: today)
        try wrap { () throws(StoreError) in
            let reason =
                booking.shifted.isEmpty
                ? (request.scope == .next ? "book next session" : "book series")
                : "replacement inside the series; the rest of the series follows it"
            try store.book(booking.appointments, moving: booking.shifted, actor: actor, reason: reason)
        }
        return booking
    }

    /// The proposal's sessions as appointments with fresh ids from ``ids``.
    func appointments(for proposal: Proposal, using generator: inout some RandomNumberGenerator) -> [Appointment] {
        proposal.sessions.map { s in
            Appointment(
                id: AppointmentIDs.make(using: &generator), patient: s.patient, track: s.track, step: s.step,
                occurrence: s.occurrence, start: s.start, end: s.end, clinicians: s.clinicians, room: s.room,
                interpreter: s.interpreter, status: .booked, cohort: s.cohort)
        }
    }

    /// Runs a Store call, turning its typed error into a booking error.
    func wrap<T>(_ body: () throws(StoreError) -> T) throws(BookingError) -> T {
        do { return try body() } catch { throw .store(error) }
    }
}
