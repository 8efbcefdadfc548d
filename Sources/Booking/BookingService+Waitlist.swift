import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

extension BookingService {
    /// A patient enrolled on a track and waiting for sessions to be booked.
    public struct WaitingPatient: Sendable, Codable {
        public var patient: PatientCode
        public var track: TrackID
        public var state: EnrolmentState
        public var referred: LocalDate
        /// Days since referral.
        public var waitingDays: Int
        /// The intake deadline (referral + the track's limit), when the intake is still to book.
        public var deadline: LocalDate?
        /// Waiting for a group to form rather than for an individual slot.
        public var awaitingGroup: Bool
    }

    /// Everyone enrolled with sessions left to book and no individual session booked, most urgent
    /// first (the batch's own order). A group-track patient whose cohort is booked is in care.
    public func waitlist(today: LocalDate) throws(BookingError) -> [WaitingPatient] {
        // Those with an individual session booked are in care (the rule below): the Store leaves
        // them out, so only the others' records and sessions are read, not the whole centre's.
        let enrolments = try wrap { () throws(StoreError) in try store.openEnrolmentsWithoutBookedIndividualSession() }
        var open: [PatientCode: Enrolment] = [:]
        for e in enrolments where !e.state.isTerminal { open[e.patient] = e }
        let candidates = Set(open.keys)
        let patients = try wrap { () throws(StoreError) in try store.patients(candidates) }.values
        let booked = try wrap { () throws(StoreError) in try store.appointmentsByPatient(candidates) }
        var result: [WaitingPatient] = []
        // The order of this loop does not matter: the result is sorted on a key unique per patient.
        for patient in patients {
            guard let enrolment = open[patient.code], let track = catalog.track(enrolment.track) else { continue }
            let appointments = booked[patient.code] ?? []
            // Someone with an individual session booked is in care, not waiting; a group's
            // sessions do not count, since its members still need their own intake booked.
            if appointments.contains(where: { $0.status == .booked && $0.cohort == nil }) { continue }
            let taken = appointments.filter { $0.track == track.id && ($0.status == .booked || $0.status == .attended) }
            let planned = SessionPlanner.request(
                patient: patient, track: track, taken: taken, scope: .series, from: today)
            // A member of a cohort already booked on the track is in the group, not awaiting one.
            let inGroup = taken.contains { $0.status == .booked && $0.cohort != nil }
            let groupNext = track.modality == .group && planned == nil && !inGroup
            guard planned != nil || groupNext else { continue }
            result.append(
                WaitingPatient(
                    patient: patient.code, track: track.id, state: enrolment.state, referred: patient.referralDate,
                    waitingDays: patient.referralDate.days(to: today),
                    deadline: planned?.sessions.first?.deadline, awaitingGroup: groupNext))
        }
        return result.sorted {
            ($0.deadline?.daysSinceEpoch ?? Int.max, $0.referred.daysSinceEpoch, $0.patient.rawValue)
                < ($1.deadline?.daysSinceEpoch ?? Int.max, $1.referred.daysSinceEpoch, $1.patient.rawValue)
        }
    }

    /// The outcome of booking the whole waiting list.
    public struct WaitlistOutcome: Sendable {
        public var booked: [Booking]
        public var explanations: [Explanation]
        /// Proposals that a concurrent booking invalidated between planning and commit.
        public var conflicts: [(PatientCode, StoreError)]
        /// Series that could not be written at all (disk full, file unwritable): nothing of
        /// theirs is booked, and the batch as a whole failed.
        public var writeFailures: [(PatientCode, StoreError)] = []
        /// True when the caller's `expected` plan was no longer the plan: nothing was booked and
        /// `booked` holds the new plan, to show and confirm again.
        public var planChanged = false
        public var sessions: Int { booked.reduce(0) { $0 + $1.appointments.count } }
        /// Sessions left for later because they fall after the booking horizon.
        public var deferred: Int { booked.reduce(0) { $0 + $1.deferred } }
    }

    /// Books every waiting patient's series, most urgent first; each series is its own transaction,
    /// so an interruption leaves every patient either fully booked or not at all.
    ///
    /// `improvement` bounds the search after the greedy pass (docs/scheduling.md); the default,
    /// the greedy pass alone, keeps library callers as they were, the CLI passes `--time-limit`.
    /// With `expected` (the ``WaitlistOutcome/digest`` of a dry run shown to the user), the batch
    /// commits only if it plans the same sessions again; otherwise it books nothing and says so
    /// (``WaitlistOutcome/planChanged``).
    public func scheduleWaitlist(
        today: LocalDate, dryRun: Bool = false, expected: String? = nil,
        improvement: ImprovementOptions = .constructiveOnly,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(BookingError) -> WaitlistOutcome {
        var requests: [SeriesRequest] = []
        for waiting in try waitlist(today: today) where !waiting.awaitingGroup {
            requests.append(try seriesRequest(Request(patient: waiting.patient), today: today))
        }
        let problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, requests: requests, concerning: [])
        }
        let result: BatchResult
        if improvement.timeLimit > 0 {
            result = Scheduler.solve(problem, options: improvement).result
            progress(requests.count, requests.count)
        } else {
            result = Scheduler.batch(problem) { done, total in progress(done, total) }
        }
        var generator = ids.generator
        var outcome = WaitlistOutcome(booked: [], explanations: result.explanations, conflicts: [])
        let requested = Dictionary(requests.map { ($0.patient, $0.sessions.count) }, uniquingKeysWith: max)
        let planned = result.proposals.map { proposal in
            Booking(
                proposal: proposal, appointments: appointments(for: proposal, using: &generator),
                deferred: (requested[proposal.patient] ?? 0) - proposal.sessions.count)
        }
        if let expected {
            var preview = outcome
            preview.booked = planned
            if preview.digest != expected {
                preview.planChanged = true
                return preview
            }
        }
        for booking in planned {
            let proposal = booking.proposal
            if !dryRun {
                do {
                    try store.book(booking.appointments, actor: actor, reason: "waiting list batch")
                } catch {
                    switch error {
                    case .conflict, .constraint, .duplicate, .notFound:
                        outcome.conflicts.append((proposal.patient, error))
                    default: outcome.writeFailures.append((proposal.patient, error))
                    }
                    continue
                }
            }
            outcome.booked.append(booking)
        }
        return outcome
    }
}
