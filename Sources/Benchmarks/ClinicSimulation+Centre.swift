import CareModel
import Foundation
import Store

/// The simulated centre's team and premises, about the demo's size, and its referrals.
extension ClinicSimulation {
    static let actor = Actor(name: "simulation")

    /// Ten clinicians covering every individual track, five rooms, two Arabic/Dari interpreters.
    static func furnish(_ store: ParcoursStore) throws {
        let full = try WeeklyHours(parsing: "mon-fri 09:00-12:30,13:30-17:00")
        let short = try WeeklyHours(parsing: "mon-thu 09:00-12:30,13:30-17:00")
        let team: [Clinician] = [
            Clinician(id: "C-ROUX", name: "Roux", role: .psychiatrist, skills: [.emdr, .tfCBT], hours: full),
            Clinician(
                id: "C-MOREAU", name: "Moreau", role: .psychologist, skills: [.tfCBT, .prolongedExposure], hours: full),
            Clinician(id: "C-PETIT", name: "Petit", role: .psychologist, skills: [.tfCBT, .emdr], hours: short),
            Clinician(
                id: "C-FAURE", name: "Faure", role: .psychologist, skills: [.narrativeExposure],
                languages: ["fr", "ar"], hours: full),
            Clinician(
                id: "C-GIRARD", name: "Girard", role: .psychologist, skills: [.prolongedExposure, .tfCBT], hours: full),
            Clinician(
                id: "C-BENALI", name: "Benali", role: .psychiatrist, skills: [.emdr, .narrativeExposure],
                languages: ["fr", "ar"],
                hours: short),
            Clinician(id: "C-MARTIN", name: "Martin", role: .psychologist, skills: [.emdr, .tfCBT], hours: full),
            Clinician(
                id: "C-LEFEVRE", name: "Lefèvre", role: .psychologist, skills: [.tfCBT, .narrativeExposure], hours: full
            ),
            Clinician(
                id: "C-DUBOIS", name: "Dubois", role: .psychologist, skills: [.prolongedExposure, .emdr], hours: short),
            Clinician(id: "C-LAMBERT", name: "Lambert", role: .psychologist, skills: [.tfCBT, .emdr], hours: full),
        ]
        for clinician in team { try store.addClinician(clinician, actor: actor) }
        for n in 1...5 {
            try store.addRoom(
                Room(
                    id: RoomID("R-\(n)"), name: "Bureau \(n)", capacity: 3,
                    features: n == 1 ? [.individual, .accessible] : [.individual]), actor: actor)
        }
        try store.addInterpreter(
            Interpreter(id: "I-HADDAD", name: "Haddad", languages: ["ar"], hours: full), actor: actor)
        try store.addInterpreter(
            Interpreter(id: "I-RAHIMI", name: "Rahimi", languages: ["ar"], hours: short), actor: actor)
    }

    /// One referral on `day`: the category mix of the demo (a third domestic violence, the rest
    /// spread), migrants mostly needing an interpreter.
    static func referral(on day: LocalDate, using random: inout SeededGenerator) -> Patient {
        let roll = Double.random(in: 0..<1, using: &random)
        let category: VictimCategory =
            roll < 0.35
            ? .domesticViolence
            : roll < 0.6
                ? .accidentDisaster
                : roll < 0.8 ? .exposedProfessional : .migrant
        let language: LanguageCode =
            category == .migrant && Double.random(in: 0..<1, using: &random) < 0.8 ? "ar" : .french
        let birth = day.adding(days: -365 * Int.random(in: 19...70, using: &random))
        return Patient(
            code: PatientCode.random(using: &random), birthDate: birth, category: category, language: language,
            referralSource: ReferralSource.allCases.randomElement(using: &random) ?? .other, referralDate: day)
    }
}
