import CareModel
import PathwayEngine
import Scheduler

/// Turns a care track into the sessions the scheduler must place for one patient.
///
/// The track says what a pathway needs (steps, counts, spacing, deadlines, who may run them);
/// the scheduler only knows sessions. This is the one place that translates, so the engine and
/// the scheduler stay ignorant of each other.
public enum SessionPlanner {
    /// What is left to book for `patient` on `track`, given the sessions already held or booked.
    ///
    /// - Parameters:
    ///   - taken: the enrolment's sessions that are attended or booked (not cancelled, not no-show),
    ///     in any order; their steps and occurrences are not planned again.
    ///   - scope: the whole remaining series, or only the next session.
    ///   - from: no session before this day (the referral, or the secretary's `--from`).
    /// - Returns: nil when nothing is left to book on this track individually (group sessions are
    ///   booked with their cohort).
    public static func request(
        patient: Patient, track: Track, taken: [Appointment], scope: Scope, from: LocalDate,
        timeZone: ClinicTimeZone = .paris, preferences: Preferences = .none, fixedClinician: ClinicianID? = nil
    ) -> SeriesRequest? {
        var specs: [SessionSpec] = []
        let takenKeys = Set(taken.map { StepOccurrence(step: $0.step, occurrence: $0.occurrence) })
        for step in track.steps where step.required && step.kind != .referralOut {
            // Group sessions are placed with the whole cohort (`group book`), and what follows them
            // depends on the cohort's last session: a series stops there until that session is
            // past. Once the patient's cohort has met for the last time (sessions held, none still
            // booked), the closing steps are planned from it like any other series.
            if step.kind == .groupSession {
                let withCohort = taken.filter { $0.step == step.id }
                if withCohort.isEmpty || withCohort.contains(where: { $0.status == .booked }) { break }
                continue
            }
            for occurrence in 1...max(1, step.count.typical)
            where !takenKeys.contains(StepOccurrence(step: step.id, occurrence: occurrence)) {
                specs.append(spec(for: step, occurrence: occurrence, patient: patient))
            }
        }
        if scope == .next { specs = Array(specs.prefix(1)) }
        guard !specs.isEmpty else { return nil }
        // The spacing of the first planned session counts from the last one taken; an earlier
        // occurrence of the same step missing in between (a cancelled session 3) is rebooked first.
        return SeriesRequest(
            patient: patient.code, track: track.id, sessions: specs, earliest: max(from, patient.referralDate),
            referralDate: patient.referralDate, previous: previous(taken, timeZone: timeZone),
            preferences: preferences, fixedClinician: fixedClinician,
            priority: 0)
    }

    /// Whole series or next session only.
    public enum Scope: Sendable { case series, next }

    /// The scheduler's view of one occurrence of a track step.
    static func spec(for step: Step, occurrence: Int, patient: Patient) -> SessionSpec {
        var languages = step.languages
        if languages.isEmpty, !patient.needsInterpreter, patient.language != .french {
            // Speaks another language well enough to be seen without an interpreter: the
            // clinician must speak it too.
            languages = [patient.language]
        }
        let deadline = step.deadline.map { patient.referralDate.adding(days: $0.daysAfterReferral) }
        return SessionSpec(
            step: step.id, occurrence: occurrence, kind: kind(step.kind),
            durationMinutes: step.duration ?? 60, roles: step.roles, skills: step.skills, languages: languages,
            continuity: step.continuity,
            minDaysAfterPrevious: step.spacing?.minDays, maxDaysAfterPrevious: step.spacing?.maxDays,
            deadline: occurrence == 1 ? deadline : nil, roomFeatures: step.room, facilitators: max(1, step.facilitators))
    }

    static func kind(_ kind: StepKind) -> SessionKind {
        switch kind {
        case .assessment: .assessment
        case .psychoeducation: .psychoeducation
        case .therapy: .therapy
        case .groupSession: .groupSession
        case .followUp: .followUp
        case .referralOut: .assessment  // never planned: referral-out steps are filtered out above
        }
    }

    /// The latest session taken, with who ran each step, for spacing and continuity.
    static func previous(_ taken: [Appointment], timeZone: ClinicTimeZone) -> PreviousSession? {
        guard let last = taken.max(by: { $0.start < $1.start }) else { return nil }
        let local = timeZone.local(last.start)
        var byStep: [StepID: ClinicianID] = [:]
        for appointment in taken.sorted(by: { $0.start < $1.start }) {
            if let clinician = appointment.clinicians.first { byStep[appointment.step] = clinician }
        }
        return PreviousSession(
            date: local.date, time: local.time, room: last.room,
            clinicians: byStep.sorted { $0.key < $1.key }.map { StepClinician(step: $0.key, clinician: $0.value) })
    }
}

/// A step and which of its sessions: (therapy, 3).
struct StepOccurrence: Hashable {
    let step: StepID
    let occurrence: Int
}
