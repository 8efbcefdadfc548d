/// A referred patient, as the clinical side of the centre sees them: no name, no contact.
///
/// Identity and contact details live in ``PatientIdentity``, apart, so that reports, feeds and
/// the scheduler work on pseudonymous records and a leak of one does not expose the other.
public struct Patient: Hashable, Sendable, Codable {
    public var code: PatientCode
    public var birthDate: LocalDate
    public var category: VictimCategory
    /// The language the patient speaks best.
    public var language: LanguageCode
    /// True when sessions need an interpreter in ``language``.
    public var needsInterpreter: Bool
    public var referralSource: ReferralSource
    public var referralDate: LocalDate
    /// Channels the patient has said are safe; empty by default, so nothing is ever sent unasked.
    public var safeChannels: Set<ContactChannel>
    /// Patients this one must never meet on site (same waiting room, same group).
    public var keepApart: Set<PatientCode>
    /// Needs an accessible room.
    public var needsAccessibleRoom: Bool
    /// Someone may be looking for this patient (a victim who fled, a protected address): no
    /// export, feed or report detail may name them, not even by code; they count in totals only.
    public var addressProtected: Bool

    public init(
        code: PatientCode, birthDate: LocalDate, category: VictimCategory, language: LanguageCode = .french,
        needsInterpreter: Bool? = nil, referralSource: ReferralSource, referralDate: LocalDate,
        safeChannels: Set<ContactChannel> = [], keepApart: Set<PatientCode> = [], needsAccessibleRoom: Bool = false,
        addressProtected: Bool = false
    ) {
        self.code = code
        self.birthDate = birthDate
        self.category = category
        self.language = language
        self.needsInterpreter = needsInterpreter ?? (language != .french)
        self.referralSource = referralSource
        self.referralDate = referralDate
        self.safeChannels = safeChannels
        self.keepApart = keepApart
        self.needsAccessibleRoom = needsAccessibleRoom
        self.addressProtected = addressProtected
    }

    public func age(on date: LocalDate) -> Int { birthDate.age(on: date) }
}

/// Who a patient is and how to reach them; only secretaries' screens need it.
public struct PatientIdentity: Hashable, Sendable, Codable {
    public var code: PatientCode
    public var givenName: String
    public var familyName: String
    public var phone: String?
    public var email: String?
    public var address: String?

    public init(
        code: PatientCode, givenName: String, familyName: String, phone: String? = nil,
        email: String? = nil, address: String? = nil
    ) {
        self.code = code
        self.givenName = givenName
        self.familyName = familyName
        self.phone = phone
        self.email = email
        self.address = address
    }
}

/// A clinician who runs assessments, therapy or groups.
public struct Clinician: Hashable, Sendable, Codable {
    public var id: ClinicianID
    public var name: String
    public var role: ClinicianRole
    public var skills: Set<Skill>
    public var languages: Set<LanguageCode>
    public var hours: WeeklyHours
    /// An inactive clinician keeps their history but takes no new bookings.
    public var active: Bool

    public init(
        id: ClinicianID, name: String, role: ClinicianRole, skills: Set<Skill> = [],
        languages: Set<LanguageCode> = [.french], hours: WeeklyHours, active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.skills = skills
        self.languages = languages
        self.hours = hours
        self.active = active
    }
}

/// A consultation or group room on the centre's premises.
public struct Room: Hashable, Sendable, Codable {
    public var id: RoomID
    public var name: String
    public var capacity: Int
    public var features: Set<RoomFeature>
    /// An inactive room keeps its history but takes no new bookings.
    public var active: Bool

    public init(id: RoomID, name: String, capacity: Int, features: Set<RoomFeature>, active: Bool = true) {
        self.id = id
        self.name = name
        self.capacity = capacity
        self.features = features
        self.active = active
    }

    private enum CodingKeys: String, CodingKey { case id, name, capacity, features, active }

    /// `active` may be left out (instance files written before it existed): a room is in use.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(RoomID.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            capacity: try c.decode(Int.self, forKey: .capacity),
            features: try c.decode(Set<RoomFeature>.self, forKey: .features),
            active: try c.decodeIfPresent(Bool.self, forKey: .active) ?? true)
    }
}

/// A professional interpreter, booked alongside the clinician for patients who need one.
public struct Interpreter: Hashable, Sendable, Codable {
    public var id: InterpreterID
    public var name: String
    public var languages: Set<LanguageCode>
    public var hours: WeeklyHours
    /// An inactive interpreter keeps their history but takes no new bookings.
    public var active: Bool

    public init(
        id: InterpreterID, name: String, languages: Set<LanguageCode>, hours: WeeklyHours, active: Bool = true
    ) {
        self.id = id
        self.name = name
        self.languages = languages
        self.hours = hours
        self.active = active
    }

    private enum CodingKeys: String, CodingKey { case id, name, languages, hours, active }

    /// `active` may be left out (instance files written before it existed): an interpreter works.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(InterpreterID.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            languages: try c.decode(Set<LanguageCode>.self, forKey: .languages),
            hours: try c.decode(WeeklyHours.self, forKey: .hours),
            active: try c.decodeIfPresent(Bool.self, forKey: .active) ?? true)
    }
}
