import CareModel
import Foundation

/// The kinds of event an enrolment accepts, named the way error messages speak of them.
public enum EnrolmentEventKind: String, CaseIterable, Hashable, Sendable, Codable {
    case enrol
    case sessionAttended = "session-attended"
    case followUpAttended = "follow-up-attended"
    case dropOut = "drop-out"
    case referOut = "refer-out"
    case referralNoted = "referral-noted"

    /// The verb phrase in "cannot <label>: enrolment is completed".
    public var label: String {
        switch self {
        case .enrol: "enrol"
        case .sessionAttended: "record attendance"
        case .followUpAttended: "record the follow-up"
        case .dropOut: "record a drop-out"
        case .referOut: "refer out"
        case .referralNoted: "note a referral"
        }
    }
}

/// What an event did, so the caller knows what to persist (the machine itself does no I/O).
public enum EnrolmentOutcome: Hashable, Sendable {
    case enrolled(EnrolmentTransition)
    /// The first session attended: the patient is now in treatment.
    case treatmentStarted(EnrolmentTransition, session: HeldSession)
    /// A session attended; the state did not change.
    case sessionRecorded(HeldSession, occurrence: Int)
    /// The completion step (closing assessment) attended.
    case completed(EnrolmentTransition, session: HeldSession)
    /// The follow-up, recorded after completion.
    case followUpRecorded(HeldSession)
    case droppedOut(EnrolmentTransition)
    case referredOut(Partner, EnrolmentTransition)
    /// A referral out alongside the centre's care (legal aid during therapy): the state stays.
    case referralNoted(Partner)

    /// The state change to store in the enrolment's history, if there was one.
    public var transition: EnrolmentTransition? {
        switch self {
        case let .enrolled(t), let .treatmentStarted(t, _), let .completed(t, _), let .droppedOut(t),
            let .referredOut(_, t):
            t
        case .sessionRecorded, .followUpRecorded, .referralNoted:
            nil
        }
    }
}

/// A patient's pathway as a state machine: referred → enrolled → in-treatment → completed,
/// or dropped-out / referred-out from any non-final state.
///
/// A value type whose mutating methods return what happened (the shape of Hummingbird's HTTP/2
/// connection state machine): the caller stores the outcome; the machine never reads a clock,
/// every instant is passed in. Completion is reached when the track's ``Track/completionStep``
/// (the closing assessment) is attended; the follow-up is recorded after completion. A finished
/// enrolment accepts nothing more: taking a patient back is a new enrolment.
public struct EnrolmentMachine: Hashable, Sendable {
    public private(set) var state: EnrolmentState
    public private(set) var track: Track?
    public private(set) var enrolledOn: LocalDate?
    public private(set) var held: [HeldSession]
    public private(set) var history: [EnrolmentTransition]
    /// Partners the patient was oriented to, alongside or instead of the centre's care.
    public private(set) var referrals: [Partner]

    /// A fresh referral, not yet on a track.
    public init() {
        state = .referred
        held = []
        history = []
        referrals = []
    }

    /// Resumes a stored enrolment with the sessions already held.
    public init(enrolment: Enrolment, track: Track, held: [HeldSession] = []) {
        state = enrolment.state
        self.track = track
        enrolledOn = enrolment.enrolledOn
        self.held = held
        history = enrolment.history
        referrals = []
    }

    public mutating func enrol(on track: Track, date: LocalDate, at instant: Date) throws -> EnrolmentOutcome {
        guard state == .referred else { throw PathwayError.illegalTransition(from: state, event: .enrol) }
        self.track = track
        enrolledOn = date
        return .enrolled(move(to: .enrolled, at: instant, reason: "enrolled on \(track.id)"))
    }

    /// Records an attended session of `session.step`.
    public mutating func sessionAttended(_ session: HeldSession, at instant: Date) throws -> EnrolmentOutcome {
        guard let track else { throw PathwayError.illegalTransition(from: state, event: .sessionAttended) }
        guard let step = track.step(session.step) else { throw PathwayError.unknownStep(session.step, track: track.id) }
        if step.kind == .followUp {
            guard state == .completed else {
                throw PathwayError.illegalTransition(from: state, event: .followUpAttended)
            }
            held.append(session)
            return .followUpRecorded(session)
        }
        guard state == .enrolled || state == .inTreatment else {
            throw PathwayError.illegalTransition(from: state, event: .sessionAttended)
        }
        held.append(session)
        if step.id == track.completionStep?.id {
            return .completed(
                move(to: .completed, at: instant, reason: "\(step.title) attended on \(session.date)"),
                session: session)
        }
        if state == .enrolled {
            return .treatmentStarted(
                move(to: .inTreatment, at: instant, reason: "first session on \(session.date)"),
                session: session)
        }
        return .sessionRecorded(session, occurrence: held.filter { $0.step == step.id }.count)
    }

    public mutating func dropOut(reason: String, at instant: Date) throws -> EnrolmentOutcome {
        guard !state.isTerminal else { throw PathwayError.illegalTransition(from: state, event: .dropOut) }
        return .droppedOut(move(to: .droppedOut, at: instant, reason: reason))
    }

    /// Orients the patient to `partner` instead of (finishing) the centre's care; final.
    public mutating func referOut(to partner: Partner, reason: String, at instant: Date) throws -> EnrolmentOutcome {
        guard !state.isTerminal else { throw PathwayError.illegalTransition(from: state, event: .referOut) }
        referrals.append(partner)
        return .referredOut(partner, move(to: .referredOut, at: instant, reason: "\(partner.rawValue): \(reason)"))
    }

    /// Records a referral out made alongside the care (legal aid during therapy); the state stays.
    public mutating func noteReferral(to partner: Partner) throws -> EnrolmentOutcome {
        guard state == .enrolled || state == .inTreatment else {
            throw PathwayError.illegalTransition(from: state, event: .referralNoted)
        }
        referrals.append(partner)
        return .referralNoted(partner)
    }

    /// The stored form, for a Store to persist.
    public func enrolment(patient: PatientCode, id: Int64? = nil) -> Enrolment? {
        guard let track, let enrolledOn else { return nil }
        return Enrolment(
            id: id, patient: patient, track: track.id, state: state, enrolledOn: enrolledOn, history: history)
    }

    private mutating func move(to next: EnrolmentState, at instant: Date, reason: String?) -> EnrolmentTransition {
        let transition = EnrolmentTransition(from: state, to: next, at: instant, reason: reason)
        state = next
        history.append(transition)
        return transition
    }
}
