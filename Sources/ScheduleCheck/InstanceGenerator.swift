import CareModel
import Foundation
import SchedulingModel

/// The size and seed of a generated benchmark instance.
public struct GeneratorConfig: Hashable, Sendable, Codable {
    public var patients: Int
    public var clinicians: Int
    public var rooms: Int
    public var interpreters: Int
    public var weeks: Int
    public var seed: UInt64
    /// The instance's first bookable day; the horizon ends `weeks` weeks later.
    public var today: LocalDate
    /// Days the centre is closed; nil computes the French public holidays in the horizon.
    public var closedDays: [LocalDate]?
    /// Referrals arrive over this many first weeks, early enough for a follow-up to fit.
    public var referralWeeks: Int

    public init(
        patients: Int = 500, clinicians: Int = 25, rooms: Int = 12, interpreters: Int = 5, weeks: Int = 26,
        seed: UInt64 = 1, today: LocalDate, closedDays: [LocalDate]? = nil, referralWeeks: Int = 4
    ) {
        self.patients = patients
        self.clinicians = clinicians
        self.rooms = rooms
        self.interpreters = interpreters
        self.weeks = weeks
        self.seed = seed
        self.today = today
        self.closedDays = closedDays
        self.referralWeeks = referralWeeks
    }

    func validated() throws(ScheduleCheckError) -> Self {
        func need(_ ok: Bool, _ field: String, _ value: Int, _ expected: String) throws(ScheduleCheckError) {
            if !ok { throw .invalidConfig(field: field, value: String(value), expected: expected) }
        }
        try need((0...100_000).contains(patients), "--patients", patients, "a whole number from 0 to 100000")
        try need((1...2_000).contains(clinicians), "--clinicians", clinicians, "a whole number from 1 to 2000")
        try need((1...2_000).contains(rooms), "--rooms", rooms, "a whole number from 1 to 2000")
        try need((0...500).contains(interpreters), "--interpreters", interpreters, "a whole number from 0 to 500")
        try need((1...520).contains(weeks), "--weeks", weeks, "a whole number of weeks from 1 to 520")
        try need((1...weeks).contains(referralWeeks), "referral weeks", referralWeeks, "from 1 to --weeks (\(weeks))")
        return self
    }
}

/// Builds a realistic, self-contained scheduling instance from a seed: the benchmark's input.
///
/// Same config and templates, same instance, bit for bit: the seed drives a ``SeededGenerator``
/// and nothing reads a clock. Capacity is sized so most patients can be fully booked: clinicians'
/// hours are staggered from 08:00 to 20:00 so the rooms serve long days, and each technique is
/// held by a share of clinicians proportional to the hours its tracks demand.
public enum InstanceGenerator {
    /// Patients per category, in percent (the centre's rough mix).
    static let categoryWeights: [(VictimCategory, Int)] = [
        (.domesticViolence, 35), (.accidentDisaster, 25), (.migrant, 20), (.exposedProfessional, 20),
    ]

    public static func generate(
        _ config: GeneratorConfig, templates: [TrackTemplate] = TrackTemplate.shippedIndividual
    )
        throws(ScheduleCheckError) -> SchedulingProblem
    {
        let config = try config.validated()
        let individual = templates.filter { $0.modality == .individual && !$0.steps.isEmpty }
        guard !individual.isEmpty else {
            throw .invalidConfig(
                field: "templates", value: templates.map(\.track.rawValue).joined(separator: ","),
                expected: "at least one individual track with sessions (group tracks are booked as cohorts)")
        }
        var random = SeededGenerator(seed: config.seed)
        let horizonEnd = config.today.adding(days: config.weeks * 7 - 1)
        let closed =
            config.closedDays?.filter { $0 >= config.today && $0 <= horizonEnd }.sorted()
            ?? FrenchPublicHolidays.days(from: config.today, through: horizonEnd)
        let mix = categoryMix(individual)
        let clinicians = makeClinicians(
            config.clinicians, skillDemand: skillDemand(individual, mix: mix), using: &random)
        let interpreters = makeInterpreters(config.interpreters, using: &random)
        let draft = PatientDraft(config: config, templates: individual, mix: mix, interpreters: interpreters)
        let (patients, requests) = draft.make(using: &random)
        return SchedulingProblem(
            timeZone: ClinicTimeZone.paris.identifier, today: config.today, horizonEnd: horizonEnd,
            clinicians: clinicians, rooms: makeRooms(config.rooms), interpreters: interpreters, patients: patients,
            absences: makeAbsences(config, clinicians: clinicians, interpreters: interpreters, using: &random),
            closedDays: closed, requests: requests, slotMinutes: 15, seed: config.seed)
    }

    /// The categories the templates take, with their weights; a category no template takes is left out.
    static func categoryMix(_ templates: [TrackTemplate]) -> [(VictimCategory, Int, TrackTemplate)] {
        categoryWeights.compactMap { category, weight in
            templates.first { $0.categories.contains(category) }.map { (category, weight, $0) }
        }.ifEmpty([(.domesticViolence, 100, templates[0])])
    }

    /// Minutes of sessions per patient that need each skill, weighted by the category mix.
    static func skillDemand(_ templates: [TrackTemplate], mix: [(VictimCategory, Int, TrackTemplate)]) -> [Skill: Int] {
        var demand: [Skill: Int] = [:]
        for (_, weight, template) in mix {
            for step in template.steps {
                for skill in step.session.skills where skill != .groupFacilitation {
                    demand[skill, default: 0] += weight * step.count * step.session.durationMinutes
                }
            }
        }
        return demand
    }

    /// Rooms: individual offices seating 3 (patient, clinician, interpreter), two of them
    /// accessible, and (from four rooms up) one accessible group room seating 12.
    static func makeRooms(_ count: Int) -> [Room] {
        (0..<count).map { i in
            let id = RoomID("R-\(pad(i + 1))")
            if count >= 4, i == count - 1 {
                return Room(id: id, name: "Salle de groupe", capacity: 12, features: [.group, .accessible])
            }
            let features: Set<RoomFeature> = i % 5 == 0 ? [.individual, .accessible] : [.individual]
            return Room(id: id, name: "Bureau \(101 + i)", capacity: 3, features: features)
        }
    }
}

extension Array {
    func ifEmpty(_ fallback: [Element]) -> [Element] { isEmpty ? fallback : self }
}
