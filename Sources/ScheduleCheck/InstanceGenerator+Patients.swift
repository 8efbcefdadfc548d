import CareModel
import Foundation
import SchedulingModel

/// Patients and their requests for a generated instance.
struct PatientDraft {
    let config: GeneratorConfig
    let templates: [TrackTemplate]
    let mix: [(VictimCategory, Int, TrackTemplate)]
    let interpreters: [Interpreter]

    /// Preferences a fifth of patients state: some days, or some hours, or both.
    static let preferenceChoices: [(days: [Weekday], windows: [String])] = [
        ([.tuesday, .thursday], []),
        ([.monday, .tuesday, .wednesday], []),
        ([], ["09:00-12:00"]),
        ([], ["14:00-18:00"]),
        ([.monday, .wednesday, .friday], ["13:00-19:00"]),
    ]

    /// Referral days spread over the first weeks, categories by the centre's mix, about one migrant
    /// in five with an interpreter, 5% needing an accessible room, a few keep-apart pairs.
    func make(using random: inout SeededGenerator) -> ([PatientNeeds], [SeriesRequest]) {
        var codes: Set<PatientCode> = []
        var patients: [PatientNeeds] = []
        var requests: [SeriesRequest] = []
        let totalWeight = mix.reduce(0) { $0 + $1.1 }
        for _ in 0..<config.patients {
            var code = PatientCode.random(length: 5, using: &random)
            while codes.contains(code) { code = PatientCode.random(length: 5, using: &random) }
            codes.insert(code)
            var draw = Int.random(in: 0..<max(1, totalWeight), using: &random)
            var chosen = mix[0]
            for entry in mix {
                if draw < entry.1 {
                    chosen = entry
                    break
                }
                draw -= entry.1
            }
            let (category, _, template) = chosen
            var needs = PatientNeeds(code: code, needsAccessibleRoom: Int.random(in: 0..<100, using: &random) < 5)
            if category == .migrant, let interpreter = interpreters.randomElement(using: &random),
                Int.random(in: 0..<10, using: &random) < 9,
                let language = interpreter.languages.sorted().randomElement(using: &random)
            {
                needs.language = language
                needs.needsInterpreter = true
            }
            patients.append(needs)
            let referral = config.today.adding(days: Int.random(in: 0..<(config.referralWeeks * 7), using: &random))
            var preferences = Preferences.none
            if Int.random(in: 0..<5, using: &random) == 0,
                let choice = Self.preferenceChoices.randomElement(using: &random)
            {
                preferences = Preferences(
                    weekdays: choice.days, windows: choice.windows.compactMap(LocalTimeRange.init(parsing:)))
            }
            requests.append(
                SeriesRequest(
                    patient: code, track: template.track, sessions: template.sessions(referral: referral),
                    earliest: referral,
                    referralDate: referral, preferences: preferences))
        }
        addKeepApartPairs(&patients, using: &random)
        return (patients, requests)
    }

    /// One pair per hundred patients (at least one when there are two), each patient in one pair at
    /// most: a one-member set encodes the same way every time (PatientNeeds' set is not sorted).
    func addKeepApartPairs(_ patients: inout [PatientNeeds], using random: inout SeededGenerator) {
        guard patients.count >= 2 else { return }
        let order = Array(patients.indices).shuffled(using: &random)
        for pair in 0..<min(max(1, patients.count / 100), patients.count / 2) {
            let a = order[2 * pair], b = order[2 * pair + 1]
            patients[a].keepApart.insert(patients[b].code)
            patients[b].keepApart.insert(patients[a].code)
        }
    }
}
