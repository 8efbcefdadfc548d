import CareModel

/// The fictional sample centre `parcours demo` builds: staff, rooms, interpreters and referrals.
///
/// Everything is drawn from a seeded generator, so the same seed and "today" give the same centre
/// and a demo run can be compared with the docs. Names are invented.
struct SampleCentre {
    var clinicians: [Clinician] = []
    var rooms: [Room] = []
    var interpreters: [Interpreter] = []
    var referrals: [(patient: Patient, identity: PatientIdentity)] = []
    /// Pairs of patients who must never meet on site.
    var keepApart: [(PatientCode, PatientCode)] = []

    static func hours(_ text: String) -> WeeklyHours {
        // The literals below are checked by the demo test; a typo surfaces there, not at a user.
        (try? WeeklyHours(parsing: text)) ?? WeeklyHours()
    }

    static func staff() -> [Clinician] {
        func c(
            _ id: String, _ name: String, _ role: ClinicianRole, _ skills: Set<Skill>,
            _ languages: Set<LanguageCode>, _ hours: String
        ) -> Clinician {
            Clinician(
                id: ClinicianID(id), name: name, role: role, skills: skills, languages: languages,
                hours: Self.hours(hours))
        }
        return [
            c("C-ROUX", "Dr Anne Roux", .psychiatrist, [.emdr, .tfCBT], ["fr", "en"], "mon-thu 09:00-17:00"),
            c(
                "C-BENALI", "Dr Karim Benali", .psychiatrist, [.narrativeExposure, .tfCBT], ["fr", "ar"],
                "tue-fri 09:00-17:30"),
            c(
                "C-MOREAU", "Claire Moreau", .psychologist, [.emdr, .groupFacilitation], ["fr"],
                "mon-fri 09:00-12:30,13:30-17:00"),
            c(
                "C-LEFEVRE", "Julien Lefèvre", .psychologist, [.tfCBT, .prolongedExposure], ["fr", "en"],
                "mon-fri 09:00-17:00"),
            c("C-GIRARD", "Sophie Girard", .psychologist, [.emdr, .tfCBT], ["fr", "es"], "mon,tue,thu 09:00-18:00"),
            c(
                "C-NGUYEN", "Minh Nguyen", .psychologist, [.narrativeExposure, .tfCBT], ["fr", "en"],
                "mon-fri 10:00-18:00"),
            c(
                "C-PETIT", "Camille Petit", .psychologist, [.prolongedExposure, .groupFacilitation], ["fr"],
                "mon-wed 09:00-17:00; fri 09:00-13:00"),
            c(
                "C-DUBOIS", "Thomas Dubois", .psychologist, [.emdr, .prolongedExposure], ["fr", "de"],
                "tue-fri 08:30-16:30"),
            c(
                "C-MARTIN", "Élodie Martin", .psychologist, [.tfCBT, .groupFacilitation, .psychoeducation], ["fr"],
                "mon-fri 09:00-17:00"),
            c(
                "C-FAURE", "Nadia Faure", .psychologist, [.narrativeExposure, .emdr], ["fr", "ar", "en"],
                "mon,wed,thu 09:00-17:00"),
            c(
                "C-LAMBERT", "Hélène Lambert", .nurse, [.psychoeducation, .groupFacilitation], ["fr"],
                "mon-fri 08:30-16:30"),
            c("C-BERNARD", "Marc Bernard", .socialWorker, [], ["fr", "en"], "mon-fri 09:00-17:00"),
        ]
    }

    static func premises() -> [Room] {
        [
            Room(id: "R-101", name: "Bureau 101", capacity: 3, features: [.individual, .accessible]),
            Room(id: "R-102", name: "Bureau 102", capacity: 3, features: [.individual]),
            Room(id: "R-103", name: "Bureau 103", capacity: 3, features: [.individual]),
            Room(id: "R-104", name: "Bureau 104", capacity: 3, features: [.individual, .accessible]),
            Room(id: "R-201", name: "Bureau 201 (EMDR)", capacity: 2, features: [.individual]),
            Room(id: "R-GROUPE", name: "Salle de groupe", capacity: 12, features: [.group, .accessible]),
        ]
    }

    static func interpreterPool() -> [Interpreter] {
        [
            Interpreter(
                id: "I-HADDAD", name: "Samir Haddad", languages: ["ar", "fr"], hours: hours("mon-fri 09:00-17:00")),
            Interpreter(
                id: "I-AHMADI", name: "Farid Ahmadi", languages: ["ps", "fa", "fr"],
                hours: hours("mon,tue,thu 09:00-17:00")),
            Interpreter(
                id: "I-KOVAL", name: "Olena Koval", languages: ["uk", "ru", "fr"], hours: hours("tue-fri 09:00-16:00")),
        ]
    }

    private static let givenNames = [
        "Léa", "Camille", "Manon", "Chloé", "Inès", "Sarah", "Julie", "Emma", "Nora",
        "Lucas", "Hugo", "Nathan", "Karim", "Yanis", "Louis", "Mehdi", "Amina", "Fatou",
        "Olga", "Iryna", "Ahmad", "Zahra", "Mariam", "Hamid", "Françoise", "Noël",
    ]
    private static let familyNames = [
        "Martin", "Bernard", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon", "Michel",
        "Garcia", "Roux", "Fontaine", "Chevalier", "Benkhelifa", "Diallo", "Haidari",
        "Shevchenko", "Rahimi", "Traoré", "Nguyen", "Perrin", "Lemoine", "Dupuis",
    ]

    /// Builds the centre with `patients` referrals over the ten weeks before `today`.
    init(patients count: Int, today: LocalDate, seed: UInt64) {
        clinicians = Self.staff()
        rooms = Self.premises()
        interpreters = Self.interpreterPool()
        var rng = SeededGenerator(seed: seed)
        var usedCodes: Set<PatientCode> = []
        for index in 0..<count {
            var code = PatientCode.random(using: &rng)
            while usedCodes.contains(code) { code = PatientCode.random(using: &rng) }
            usedCodes.insert(code)
            let category = Self.category(index: index, count: count)
            let age: Int =
                category == .childAdolescent
                ? Int.random(in: 13...17, using: &rng) : Int.random(in: 19...67, using: &rng)
            let referral = today.adding(days: -Int.random(in: 0...70, using: &rng))
            let birth = referral.adding(days: -(age * 365 + Int.random(in: 1...300, using: &rng)))
            let (language, interpreter) = Self.language(for: category, using: &rng)
            let source = Self.source(for: category, using: &rng)
            let safe: Set<ContactChannel> =
                switch category {
                case .domesticViolence: Bool.random(using: &rng) ? [] : [.phone]
                case .childAdolescent: [.phone]
                default: Bool.random(using: &rng) ? [.phone, .sms, .email] : [.phone]
                }
            let patient = Patient(
                code: code, birthDate: birth, category: category, language: language,
                needsInterpreter: interpreter, referralSource: source, referralDate: referral,
                safeChannels: safe, needsAccessibleRoom: Int.random(in: 0..<12, using: &rng) == 0)
            let identity = PatientIdentity(
                code: code,
                givenName: Self.givenNames[Int.random(in: 0..<Self.givenNames.count, using: &rng)],
                familyName: Self.familyNames[Int.random(in: 0..<Self.familyNames.count, using: &rng)],
                phone:
                    "06 \(Int.random(in: 10...99, using: &rng)) \(Int.random(in: 10...99, using: &rng)) \(Int.random(in: 10...99, using: &rng)) \(Int.random(in: 10...99, using: &rng))"
            )
            referrals.append((patient, identity))
        }
        // Two pairs of domestic-violence patients who must never share the waiting room.
        let violence = referrals.filter { $0.patient.category == .domesticViolence }.map(\.patient.code)
        if violence.count >= 4 {
            keepApart = [(violence[0], violence[1]), (violence[2], violence[3])]
        }
    }

    /// A fixed mix close to the centre's activity: violence and accidents first, then migrants
    /// and exposed professionals, and a few minors referred by mistake.
    private static func category(index: Int, count: Int) -> VictimCategory {
        let share = Double(index) / Double(max(count, 1))
        switch share {
        case ..<0.35: return .domesticViolence
        case ..<0.60: return .accidentDisaster
        case ..<0.80: return .migrant
        case ..<0.96: return .exposedProfessional
        default: return .childAdolescent
        }
    }

    private static func language(for category: VictimCategory, using rng: inout SeededGenerator) -> (LanguageCode, Bool)
    {
        guard category == .migrant else { return (.french, false) }
        let options: [LanguageCode] = ["ar", "ar", "ps", "fa", "uk", "ru", "fr"]
        let language = options[Int.random(in: 0..<options.count, using: &rng)]
        return (language, language != .french)
    }

    private static func source(for category: VictimCategory, using rng: inout SeededGenerator) -> ReferralSource {
        let options: [ReferralSource] =
            switch category {
            case .domesticViolence:
                [.policeSocialWorker, .policeSocialWorker, .legalAid, .legalAid, .hospitalEmergency, .selfReferral]
            case .accidentDisaster: [.hospitalEmergency, .hospitalEmergency, .generalPractitioner, .selfReferral]
            case .migrant: [.other, .generalPractitioner, .legalAid, .hospitalEmergency]
            case .exposedProfessional: [.selfReferral, .selfReferral, .generalPractitioner, .other]
            case .childAdolescent: [.generalPractitioner, .hospitalEmergency, .policeSocialWorker]
            }
        return options[Int.random(in: 0..<options.count, using: &rng)]
    }
}
