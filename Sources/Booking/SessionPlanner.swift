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
    ///   - lost: the enrolment's sessions cancelled or missed, for the track's `missed-sessions` rules.
    /// - Returns: nil when nothing is left to book on this track individually (group sessions are
    ///   booked with their cohort).
    public static func request(
        patient: Patient, track: Track, taken: [Appointment], scope: Scope, from: LocalDate,
        timeZone: ClinicTimeZone = .paris, preferences: Preferences = .none, fixedClinician: ClinicianID? = nil,
        lost: [Appointment] = []
    ) -> SeriesRequest? {
        var specs: [SessionSpec] = []
        let takenKeys = Set(taken.map { StepOccurrence(step: $0.step, occurrence: $0.occurrence) })
        let rank = order(track)
        // A session missing before one already held is not replaced out of order: it counts as
        // missed (therapy 3 missed once therapy 4 was held). Only what comes after is planned.
        let lastHeld = taken.filter { $0.status == .attended }.map { rank($0.step, $0.occurrence) }.max() ?? -1
        // Lost sessions the track does not replace (counted no-shows, replacements used up).
        let counted = notReplaced(track: track, taken: taken, lost: lost)
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
            where !takenKeys.contains(StepOccurrence(step: step.id, occurrence: occurrence))
                && rank(step.id, occurrence) > lastHeld
                && !counted.contains(StepOccurrence(step: step.id, occurrence: occurrence))
            {
                specs.append(spec(for: step, occurrence: occurrence, patient: patient))
            }
        }
        if scope == .next { specs = Array(specs.prefix(1)) }
        guard let first = specs.first else { return nil }
        // Spacing and continuity count from the sessions that come before the first one planned in
        // the track's order: a cancelled therapy 3 is rebooked after therapy 2, not after the
        // follow-up booked months later.
        let firstRank = rank(first.step, first.occurrence)
        let before = taken.filter { rank($0.step, $0.occurrence) < firstRank }
        return SeriesRequest(
            patient: patient.code, track: track.id, sessions: specs, earliest: max(from, patient.referralDate),
            referralDate: patient.referralDate, previous: previous(before, timeZone: timeZone),
            preferences: preferences, fixedClinician: fixedClinician,
            priority: 0)
    }

    /// The place of a step's occurrence in the track's order: therapy 3 comes after therapy 2 and
    /// before the closing, whatever their dates.
    public static func order(_ track: Track) -> @Sendable (StepID, Int) -> Int {
        var positions: [StepID: Int] = [:]
        for (index, step) in track.steps.enumerated() { positions[step.id] = index }
        let known = positions
        return { step, occurrence in (known[step] ?? track.steps.count) * 1000 + occurrence }
    }

    /// Whole series or next session only.
    public enum Scope: Sendable { case series, next }

    /// The specs that put already-booked `sessions` of `track` somewhere else, in their order.
    ///
    /// No deadline: a session being moved or shifted keeps its place in the series, and the
    /// deadline that placed it first (an intake within 21 days) must not refuse every new time.
    static func rebookingSpecs(
        for sessions: [Appointment], track: Track, patient: Patient
    ) throws(BookingError)
        -> [SessionSpec]
    {
        var specs: [SessionSpec] = []
        for session in sessions {
            guard let step = track.step(session.step) else {
                throw .notApplicable(
                    Refusal(
                        .stepGone, "step \(session.step) is no longer in track \(track.id)",
                        ["step": session.step.rawValue, "track": track.id.rawValue]))
            }
            var spec = spec(for: step, occurrence: session.occurrence, patient: patient)
            spec.deadline = nil
            specs.append(spec)
        }
        return specs
    }

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
            deadline: occurrence == 1 ? deadline : nil, roomFeatures: step.room, facilitators: max(1, step.facilitators)
        )
    }

    static func kind(_ kind: StepKind) -> SessionKind {
        switch kind {
        case .assessment: .assessment
        case .psychoeducation: .psychoeducation
        case .therapy: .therapy
        case .groupSession: .groupSession
        case .followUp: .followUp
        case .referralOut: .assessment // never planned: referral-out steps are filtered out above
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
