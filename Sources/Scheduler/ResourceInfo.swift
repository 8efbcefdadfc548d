import CareModel

/// Working ranges per weekday as plain minutes, Monday first, for the inner loop.
struct DayRanges: Sendable {
    let days: [[Span]]

    init(_ hours: WeeklyHours) {
        days = Weekday.allCases.map { day in
            hours.ranges(on: day).map { Span(start: $0.start.minutes, end: $0.end.minutes) }
        }
    }

    /// Whether `[start, end)` local minutes on `weekday` lies inside one worked range.
    @inline(__always) func covers(_ weekday: Int, _ start: Int, _ end: Int) -> Bool {
        for range in days[weekday] where range.start <= start && end <= range.end { return true }
        return false
    }
}

struct ClinicianInfo: Sendable {
    let id: ClinicianID
    let role: ClinicianRole
    let skills: Set<Skill>
    let languages: Set<LanguageCode>
    let active: Bool
    let hours: DayRanges
    let weeklyMinutes: Int

    init(_ clinician: Clinician) {
        id = clinician.id
        role = clinician.role
        skills = clinician.skills
        languages = clinician.languages
        active = clinician.active
        hours = DayRanges(clinician.hours)
        weeklyMinutes = clinician.hours.weeklyMinutes
    }

    /// Role (any of), skills (all of) and language (any of; French when the step names none).
    func qualifies(
        roles: [ClinicianRole], skills neededSkills: [Skill], languages neededLanguages: [LanguageCode]
    ) -> Bool {
        guard active else { return false }
        if !roles.isEmpty, !roles.contains(role) { return false }
        for skill in neededSkills where !skills.contains(skill) { return false }
        return neededLanguages.isEmpty
            ? languages.contains(.french) : neededLanguages.contains { languages.contains($0) }
    }
}

struct RoomInfo: Sendable {
    let id: RoomID
    let capacity: Int
    let features: Set<RoomFeature>

    init(_ room: Room) {
        id = room.id
        capacity = room.capacity
        features = room.features
    }
}

struct InterpreterInfo: Sendable {
    let id: InterpreterID
    let languages: Set<LanguageCode>
    let hours: DayRanges

    init(_ interpreter: Interpreter) {
        id = interpreter.id
        languages = interpreter.languages
        hours = DayRanges(interpreter.hours)
    }
}

struct PatientInfo: Sendable {
    let needs: PatientNeeds
    /// Indexes of the patients to keep apart from, both directions.
    var keepApart: [Int] = []

    init(needs: PatientNeeds) { self.needs = needs }
}
