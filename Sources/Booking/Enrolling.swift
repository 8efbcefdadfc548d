import CareModel
import Foundation
import PathwayEngine
import Store

/// Enrolment as one service call: eligibility, one pathway at a time, the state machine, the store.
public enum Enrolling {
    /// The track a patient's category calls for on `date`: the first individual track that takes
    /// them, else the first group track; nil when none does (a minor: refer out). The desk offers
    /// it first; a secretary may choose another the patient is eligible for.
    public static func track(for patient: Patient, catalog: TrackCatalog, on date: LocalDate) -> Track? {
        let tracks = catalog.tracks(for: patient, on: date)
        return tracks.first { $0.modality == .individual } ?? tracks.first
    }

    /// Checks eligibility and that no pathway is under way, runs the state machine, and stores the
    /// enrolment with its first transition in one transaction.
    public static func enrol(
        _ patient: Patient, on track: Track, date: LocalDate, at instant: Date,
        catalog: TrackCatalog, store: ParcoursStore, actor: Actor
    ) throws(BookingError) -> Enrolment {
        let decision = Eligibility.check(patient: patient, track: track, on: date, catalog: catalog)
        guard decision.isEligible else {
            var lines = ["\(patient.code) cannot be enrolled on \(track.id):"]
            lines += decision.reasons.map { "  - \($0)" }
            lines += decision.suggestions.map { "  suggestion: \($0)" }
            throw .notApplicable(Refusal(.other, lines.joined(separator: "\n")))
        }
        let current: Enrolment?
        do { current = try store.currentEnrolment(patient: patient.code) } catch { throw .store(error) }
        if let current, !current.state.isTerminal {
            throw .notApplicable(
                Refusal(
                    .other,
                    "\(patient.code) is already \(current.state.label) on \(current.track) since \(current.enrolledOn); "
                        + "record a drop-out or completion before enrolling on another track"))
        }
        var machine = EnrolmentMachine()
        do { _ = try machine.enrol(on: track, date: date, at: instant) } catch {
            throw .notApplicable(Refusal(.other, String(describing: error)))
        }
        guard let enrolment = machine.enrolment(patient: patient.code) else {
            throw .notApplicable("\(patient.code) could not be enrolled on \(track.id)")
        }
        do { return try store.addEnrolment(enrolment, actor: actor, reason: "enrolled on \(track.id)") } catch {
            throw .store(error)
        }
    }
}
