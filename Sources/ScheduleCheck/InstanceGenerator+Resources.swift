import CareModel
import Foundation
import SchedulingModel

/// Clinicians, interpreters and absences of a generated instance.
extension InstanceGenerator {
    /// Staggered patterns from 08:00 to 20:00, full- and part-time (24 to 40 hours, ~31 on average).
    static let clinicianHours = [
        "mon-fri 08:00-12:00,13:00-16:30",
        "mon-fri 11:00-14:00,14:30-19:30",
        "mon-thu 09:00-13:00,14:00-18:00",
        "tue-fri 10:30-13:30,14:30-20:00",
        "mon,tue,thu 08:30-12:30,13:30-17:30",
        "wed-fri 12:00-20:00",
        "mon,wed,fri 08:00-12:00,13:00-18:00",
    ]
    static let interpreterHours = ["mon-fri 08:30-12:30,13:30-18:30", "mon-thu 09:00-13:00,14:00-19:00"]
    /// Interpreters' languages, the most requested first: Arabic, Pashto, Dari, Ukrainian, Russian,
    /// Tigrinya, English, Spanish.
    static let interpreterLanguages: [LanguageCode] = ["ar", "ps", "fa", "uk", "ru", "ti", "en", "es"]
    static let surnames = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
        "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
        "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet",
    ]

    static func pad(_ n: Int, _ width: Int = 2) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func hours(_ text: String) -> WeeklyHours { (try? WeeklyHours(parsing: text)) ?? WeeklyHours() }

    /// One in four a psychiatrist; each holds a main technique, shared out in proportion to the
    /// hours the tracks need it, plus sometimes a second one; a third facilitate groups.
    static func makeClinicians(
        _ count: Int, skillDemand: [Skill: Int], using random: inout SeededGenerator
    ) -> [Clinician] {
        let skills = skillDemand.keys.sorted { $0.rawValue < $1.rawValue }
        let total = max(1, skillDemand.values.reduce(0, +))
        // Largest remainder: every demanded skill gets at least one clinician when there are enough.
        var seats = skills.map { max(count >= skills.count ? 1 : 0, (skillDemand[$0] ?? 0) * count / total) }
        while seats.reduce(0, +) < count, !skills.isEmpty {
            let gaps = skills.indices.map {
                Double(skillDemand[skills[$0]] ?? 0) / Double(total) * Double(count) - Double(seats[$0])
            }
            if let best = gaps.indices.max(by: { gaps[$0] < gaps[$1] }) { seats[best] += 1 }
        }
        var primary = skills.indices.flatMap { Array(repeating: skills[$0], count: seats[$0]) }
        primary.shuffle(using: &random)
        return (0..<count).map { i in
            var held: Set<Skill> = []
            if i < primary.count { held.insert(primary[i]) }
            if let extra = skills.randomElement(using: &random), Int.random(in: 0..<100, using: &random) < 40 {
                held.insert(extra)
            }
            if Int.random(in: 0..<3, using: &random) == 0 { held.insert(.groupFacilitation) }
            var languages: Set<LanguageCode> = [.french]
            if Int.random(in: 0..<100, using: &random) < 30 { languages.insert("en") }
            if Int.random(in: 0..<100, using: &random) < 8 { languages.insert(["ar", "es"][i % 2]) }
            return Clinician(
                id: ClinicianID("C-\(pad(i + 1))"), name: "Dr \(surnames[i % surnames.count])",
                role: i % 4 == 0 ? .psychiatrist : .psychologist, skills: held, languages: languages,
                hours: hours(clinicianHours[(i + Int.random(in: 0..<2, using: &random)) % clinicianHours.count]))
        }
    }

    /// Each interpreter speaks two languages, so every language has someone and most have two.
    static func makeInterpreters(_ count: Int, using random: inout SeededGenerator) -> [Interpreter] {
        let pool = interpreterLanguages
        return (0..<count).map { i in
            let languages: Set<LanguageCode> = [pool[i % pool.count], pool[(i + count) % pool.count]]
            return Interpreter(
                id: InterpreterID("I-\(pad(i + 1))"), name: "Interprète \(surnames[(i + 7) % surnames.count])",
                languages: languages,
                hours: hours(interpreterHours[Int.random(in: 0..<interpreterHours.count, using: &random)]))
        }
    }

    /// A week's leave for one clinician in five, and three days for one interpreter.
    static func makeAbsences(
        _ config: GeneratorConfig, clinicians: [Clinician], interpreters: [Interpreter],
        using random: inout SeededGenerator
    ) -> [Absence] {
        let zone = ClinicTimeZone.paris
        func span(_ kind: ResourceKind, _ id: String, days: Int) -> Absence? {
            let week = Int.random(in: 0..<config.weeks, using: &random)
            // The Monday of that week, from midnight to midnight local.
            let first = config.today.adding(days: week * 7 - config.today.weekday.index)
            guard let start = zone.instant(on: first, at: .midnight),
                let end = zone.instant(on: first.adding(days: days), at: .midnight)
            else { return nil }
            return Absence(kind: kind, id: id, start: start, end: end)
        }
        var absences: [Absence] = []
        for clinician in clinicians where Int.random(in: 0..<5, using: &random) == 0 {
            if let absence = span(.clinician, clinician.id.rawValue, days: 7) { absences.append(absence) }
        }
        if let interpreter = interpreters.randomElement(using: &random),
            let absence = span(.interpreter, interpreter.id.rawValue, days: 3)
        {
            absences.append(absence)
        }
        return absences
    }
}
