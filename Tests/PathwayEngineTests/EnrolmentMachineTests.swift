import CareModel
import Foundation
import Testing

@testable import PathwayEngine

@Suite("Enrolment state machine")
struct EnrolmentMachineTests {
    enum Event: String, CaseIterable, Sendable {
        case enrol, attendSession, attendClosing, attendFollowUp, dropOut, referOut, noteReferral
    }

    static let track: Track = {
        let steps = [
            Step(id: "intake", title: "Intake", kind: .assessment, duration: 90),
            Step(id: "therapy", title: "Therapy", kind: .therapy, count: StepCount(typical: 2), duration: 60),
            Step(id: "closing", title: "Closing", kind: .assessment, duration: 60),
            Step(id: "follow-up", title: "Follow-up", kind: .followUp, duration: 60),
            Step(
                id: "legal-aid", title: "Legal aid", kind: .referralOut, duration: nil, partner: .legalAid,
                required: false),
        ]
        return Track(
            id: "test-track", title: "Test", modality: .individual,
            eligibility: TrackEligibility(categories: [.migrant]), steps: steps)
    }()

    static let day = LocalDate(daysSinceEpoch: 20_000)

    static func session(_ step: StepID) -> HeldSession { HeldSession(step: step, date: day) }

    /// A machine brought to `state` through legal events only.
    static func machine(in state: EnrolmentState) throws -> EnrolmentMachine {
        var machine = EnrolmentMachine()
        switch state {
        case .referred: break
        case .enrolled:
            _ = try machine.enrol(on: track, date: day, at: instant)
        case .inTreatment:
            _ = try machine.enrol(on: track, date: day, at: instant)
            _ = try machine.sessionAttended(session("intake"), at: instant)
        case .completed:
            _ = try machine.enrol(on: track, date: day, at: instant)
            for step: StepID in ["intake", "therapy", "therapy", "closing"] {
                _ = try machine.sessionAttended(session(step), at: instant)
            }
        case .droppedOut:
            _ = try machine.enrol(on: track, date: day, at: instant)
            _ = try machine.dropOut(reason: "stopped coming", at: instant)
        case .referredOut:
            _ = try machine.referOut(to: .childPsychiatry, reason: "17 years old", at: instant)
        }
        return machine
    }

    static func apply(_ event: Event, to machine: inout EnrolmentMachine) throws -> EnrolmentOutcome {
        switch event {
        case .enrol: try machine.enrol(on: track, date: day, at: instant)
        case .attendSession: try machine.sessionAttended(session("therapy"), at: instant)
        case .attendClosing: try machine.sessionAttended(session("closing"), at: instant)
        case .attendFollowUp: try machine.sessionAttended(session("follow-up"), at: instant)
        case .dropOut: try machine.dropOut(reason: "moved away", at: instant)
        case .referOut: try machine.referOut(to: .socialWorker, reason: "housing first", at: instant)
        case .noteReferral: try machine.noteReferral(to: .legalAid)
        }
    }

    /// The state after each event, or nil where the event is illegal.
    static let table: [EnrolmentState: [Event: EnrolmentState]] = [
        .referred: [.enrol: .enrolled, .dropOut: .droppedOut, .referOut: .referredOut],
        .enrolled: [
            .attendSession: .inTreatment, .attendClosing: .completed, .dropOut: .droppedOut,
            .referOut: .referredOut, .noteReferral: .enrolled,
        ],
        .inTreatment: [
            .attendSession: .inTreatment, .attendClosing: .completed, .dropOut: .droppedOut,
            .referOut: .referredOut, .noteReferral: .inTreatment,
        ],
        .completed: [.attendFollowUp: .completed],
        .droppedOut: [:],
        .referredOut: [:],
    ]

    static let pairs: [(EnrolmentState, Event)] = EnrolmentState.allCases.flatMap { state in
        Event.allCases.map { (state, $0) }
    }

    @Test(arguments: pairs)
    func everyStateAndEventFollowsTheTable(state: EnrolmentState, event: Event) throws {
        var machine = try Self.machine(in: state)
        #expect(machine.state == state)
        let historyBefore = machine.history.count
        if let expected = Self.table[state]?[event] {
            let outcome = try Self.apply(event, to: &machine)
            #expect(machine.state == expected)
            #expect(machine.history.count == historyBefore + (expected == state ? 0 : 1))
            #expect(outcome.transition?.to == (expected == state ? nil : expected))
            #expect(outcome.transition?.at == (expected == state ? nil : instant))
        } else {
            #expect(throws: PathwayError.self) { try Self.apply(event, to: &machine) }
            #expect(machine.state == state)
            #expect(machine.history.count == historyBefore)
        }
    }

    @Test func illegalAttendanceSaysWhatTheEnrolmentIs() throws {
        var machine = try Self.machine(in: .completed)
        let error = try #require(throws: PathwayError.self) { try Self.apply(.attendSession, to: &machine) }
        #expect(error == .illegalTransition(from: .completed, event: .sessionAttended))
        #expect(error.description.hasPrefix("cannot record attendance: enrolment is completed"))
    }

    @Test func followUpBeforeClosingIsRefusedWithTheReason() throws {
        var machine = try Self.machine(in: .inTreatment)
        let error = try #require(throws: PathwayError.self) { try Self.apply(.attendFollowUp, to: &machine) }
        #expect(
            error.description
                == "cannot record the follow-up: enrolment is in treatment; the follow-up comes after the closing assessment"
        )
    }

    @Test func aStepOutsideTheTrackIsRefused() throws {
        var machine = try Self.machine(in: .inTreatment)
        #expect(throws: PathwayError.unknownStep("emdr", track: "test-track")) {
            try machine.sessionAttended(Self.session("emdr"), at: instant)
        }
    }

    @Test func aWholePathwayKeepsItsHistoryWithTheInstantsPassedIn() throws {
        var machine = EnrolmentMachine()
        let times = (0..<4).map { Date(timeIntervalSince1970: 1_800_000_000 + Double($0) * 86_400) }
        _ = try machine.enrol(on: Self.track, date: Self.day, at: times[0])
        let started = try machine.sessionAttended(Self.session("intake"), at: times[1])
        #expect(started == .treatmentStarted(machine.history[1], session: Self.session("intake")))
        #expect(
            try machine.sessionAttended(Self.session("therapy"), at: times[2])
                == .sessionRecorded(Self.session("therapy"), occurrence: 1))
        _ = try machine.sessionAttended(Self.session("closing"), at: times[3])
        #expect(
            try machine.sessionAttended(Self.session("follow-up"), at: times[3])
                == .followUpRecorded(Self.session("follow-up")))
        #expect(machine.history.map(\.to) == [.enrolled, .inTreatment, .completed])
        #expect(machine.history.map(\.at) == [times[0], times[1], times[3]])
        #expect(machine.held.count == 4)
        let stored = try #require(machine.enrolment(patient: "P-7KQ2"))
        #expect(stored.state == .completed && stored.track == "test-track" && stored.history == machine.history)
    }

    @Test func resumingAStoredEnrolmentContinuesFromItsState() throws {
        let stored = Enrolment(patient: "P-7KQ2", track: "test-track", state: .inTreatment, enrolledOn: Self.day)
        var machine = EnrolmentMachine(enrolment: stored, track: Self.track, held: [Self.session("intake")])
        let outcome = try machine.sessionAttended(Self.session("closing"), at: instant)
        #expect(
            outcome.transition
                == EnrolmentTransition(
                    from: .inTreatment, to: .completed, at: instant,
                    reason: "Closing attended on \(Self.day)"))
    }

    @Test func referringOutKeepsThePartnerAndReason() throws {
        var machine = try Self.machine(in: .enrolled)
        _ = try machine.noteReferral(to: .legalAid)
        let outcome = try machine.referOut(to: .generalPractitioner, reason: "somatic care first", at: instant)
        #expect(machine.referrals == [.legalAid, .generalPractitioner])
        #expect(outcome.transition?.reason == "general-practitioner: somatic care first")
    }
}
