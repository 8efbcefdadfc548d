/// Sets encode in sorted order, so the same value always gives the same JSON bytes.
///
/// Swift seeds each set's hashing per instance, so a synthesised `encode(to:)` writes a set's
/// members in a different order from one run (or one copy) to the next; instances, audit lines and
/// benchmark files must diff cleanly and be reproducible from a seed. Decoding stays synthesised.
extension Clinician {
    private enum StableKeys: String, CodingKey { case id, name, role, skills, languages, hours, active }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StableKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(role, forKey: .role)
        try c.encode(skills.map(\.rawValue).sorted(), forKey: .skills)
        try c.encode(languages.sorted(), forKey: .languages)
        try c.encode(hours, forKey: .hours)
        try c.encode(active, forKey: .active)
    }
}

extension Room {
    private enum StableKeys: String, CodingKey { case id, name, capacity, features, active }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StableKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(capacity, forKey: .capacity)
        try c.encode(features.map(\.rawValue).sorted(), forKey: .features)
        try c.encode(active, forKey: .active)
    }
}

extension Interpreter {
    private enum StableKeys: String, CodingKey { case id, name, languages, hours, active }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StableKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(languages.sorted(), forKey: .languages)
        try c.encode(hours, forKey: .hours)
        try c.encode(active, forKey: .active)
    }
}

extension Patient {
    private enum StableKeys: String, CodingKey {
        case code, birthDate, category, language, needsInterpreter, referralSource, referralDate, safeChannels,
            keepApart, needsAccessibleRoom, addressProtected
    }

    /// Records written before the flag existed (instances, audit lines) read as not protected.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: StableKeys.self)
        self.init(
            code: try c.decode(PatientCode.self, forKey: .code),
            birthDate: try c.decode(LocalDate.self, forKey: .birthDate),
            category: try c.decode(VictimCategory.self, forKey: .category),
            language: try c.decode(LanguageCode.self, forKey: .language),
            needsInterpreter: try c.decode(Bool.self, forKey: .needsInterpreter),
            referralSource: try c.decode(ReferralSource.self, forKey: .referralSource),
            referralDate: try c.decode(LocalDate.self, forKey: .referralDate),
            safeChannels: try c.decode(Set<ContactChannel>.self, forKey: .safeChannels),
            keepApart: try c.decode(Set<PatientCode>.self, forKey: .keepApart),
            needsAccessibleRoom: try c.decode(Bool.self, forKey: .needsAccessibleRoom),
            addressProtected: try c.decodeIfPresent(Bool.self, forKey: .addressProtected) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: StableKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(birthDate, forKey: .birthDate)
        try c.encode(category, forKey: .category)
        try c.encode(language, forKey: .language)
        try c.encode(needsInterpreter, forKey: .needsInterpreter)
        try c.encode(referralSource, forKey: .referralSource)
        try c.encode(referralDate, forKey: .referralDate)
        try c.encode(safeChannels.map(\.rawValue).sorted(), forKey: .safeChannels)
        try c.encode(keepApart.sorted(), forKey: .keepApart)
        try c.encode(needsAccessibleRoom, forKey: .needsAccessibleRoom)
        try c.encode(addressProtected, forKey: .addressProtected)
    }
}
