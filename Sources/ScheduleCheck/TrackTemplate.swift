import CareModel
import SchedulingModel

/// A care track reduced to what a generated instance needs: who it takes and the sessions it books.
///
/// The CLI builds these from the shipped Pathways; tests and defaults use ``standardIndividual(skill:track:categories:therapyMinutes:)``,
/// which mirrors the shipped individual tracks, so ScheduleCheck does not depend on PathwayEngine.
public struct TrackTemplate: Hashable, Sendable, Codable {
    public var track: TrackID
    public var modality: Modality
    /// The categories of patient the track takes; the generator picks a track by category.
    public var categories: [VictimCategory]
    public var steps: [TemplateStep]

    public init(track: TrackID, modality: Modality = .individual, categories: [VictimCategory], steps: [TemplateStep]) {
        self.track = track
        self.modality = modality
        self.categories = categories
        self.steps = steps
    }

    /// The sessions to request for a patient referred on `referral`, deadlines made absolute.
    public func sessions(referral: LocalDate) -> [SessionSpec] {
        steps.flatMap { step in
            (1...max(1, step.count)).map { occurrence in
                var spec = step.session
                spec.occurrence = occurrence
                spec.deadline = step.deadlineDaysAfterReferral.map { referral.adding(days: $0) }
                return spec
            }
        }
    }

    /// Intake (90 min, psychiatrist or psychologist, within 21 days of referral), ten therapy
    /// sessions with one clinician 6-14 days apart, a closing assessment by the therapist 6-21 days
    /// later, a follow-up 77-105 days after that: the shape of every shipped individual track.
    public static func standardIndividual(
        skill: Skill, track: TrackID? = nil, categories: [VictimCategory] = [],
        therapyMinutes: Int = 60
    ) -> TrackTemplate {
        let roles: [ClinicianRole] = [.psychologist, .psychiatrist]
        let intake: StepID = "intake", therapy: StepID = "therapy"
        return TrackTemplate(
            track: track ?? TrackID("adult-\(skill.rawValue)"), categories: categories,
            steps: [
                TemplateStep(
                    SessionSpec(
                        step: intake, kind: .assessment, durationMinutes: 90,
                        roles: [.psychiatrist, .psychologist], roomFeatures: [.individual]),
                    deadlineDaysAfterReferral: 21),
                TemplateStep(
                    SessionSpec(
                        step: therapy, kind: .therapy, durationMinutes: therapyMinutes, roles: roles,
                        skills: [skill], continuity: therapy, minDaysAfterPrevious: 6,
                        maxDaysAfterPrevious: 14, roomFeatures: [.individual]), count: 10),
                TemplateStep(
                    SessionSpec(
                        step: "closing", kind: .assessment, durationMinutes: 60, roles: roles,
                        continuity: therapy, minDaysAfterPrevious: 6, maxDaysAfterPrevious: 21,
                        roomFeatures: [.individual])),
                TemplateStep(
                    SessionSpec(
                        step: "follow-up", kind: .followUp, durationMinutes: 60, roles: roles,
                        minDaysAfterPrevious: 77, maxDaysAfterPrevious: 105, roomFeatures: [.individual])),
            ])
    }

    /// The four shipped individual tracks, one per adult category.
    public static let shippedIndividual: [TrackTemplate] = [
        standardIndividual(skill: .tfCBT, track: "adult-domestic-violence", categories: [.domesticViolence]),
        standardIndividual(
            skill: .emdr, track: "adult-accident-disaster-emdr", categories: [.accidentDisaster],
            therapyMinutes: 90),
        standardIndividual(skill: .narrativeExposure, track: "adult-migrant", categories: [.migrant]),
        standardIndividual(
            skill: .prolongedExposure, track: "adult-exposed-professional",
            categories: [.exposedProfessional]),
    ]
}

/// One step of a template: the session's rules, how many times it repeats, and its deadline
/// relative to the referral (a ``SessionSpec`` holds absolute deadlines only).
public struct TemplateStep: Hashable, Sendable, Codable {
    /// Occurrence and deadline are filled in per patient.
    public var session: SessionSpec
    public var count: Int
    public var deadlineDaysAfterReferral: Int?

    public init(_ session: SessionSpec, count: Int = 1, deadlineDaysAfterReferral: Int? = nil) {
        self.session = session
        self.count = count
        self.deadlineDaysAfterReferral = deadlineDaysAfterReferral
    }
}
