import CareModel
import Foundation
import Store
import StoreTesting

/// A fresh directory per test, removed when the test ends, so every test has its own SQLite file.
@discardableResult
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("parcours-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory.path)
}

/// A new, migrated store in its own temporary directory.
@discardableResult
func withTemporaryStore<T>(_ body: (ParcoursStore) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let store = try ParcoursStore.create(at: directory + "/parcours.sqlite", clock: { Fixtures.now })
        return try body(store)
    }
}

enum Fixtures {
    /// 2026-11-26T10:00:00Z, a fixed "now" so audit times can be compared exactly.
    static let now = Date(timeIntervalSince1970: 1_795_687_200)
    static let secretary = Actor(name: "marie.secretariat")

    static func day(_ text: String) -> LocalDate {
        LocalDate(parsing: text) ?? LocalDate(daysSinceEpoch: 0)
    }

    static func patient(
        _ code: PatientCode, category: VictimCategory = .domesticViolence,
        language: LanguageCode = .french
    ) -> Patient {
        Patient(
            code: code, birthDate: day("1988-04-12"), category: category, language: language,
            referralSource: .legalAid, referralDate: day("2026-11-02"), safeChannels: [.sms, .calendar],
            needsAccessibleRoom: true)
    }

    static func identity(_ code: PatientCode) -> PatientIdentity {
        PatientIdentity(
            code: code, givenName: "Camille", familyName: "Martin", phone: "06 12 34 56 78",
            email: nil, address: "12 rue des Carmes, 86000 Poitiers")
    }

    static func hours(_ text: String) -> WeeklyHours {
        (try? WeeklyHours(parsing: text)) ?? WeeklyHours()
    }

    static let roux = Clinician(
        id: "C-ROUX", name: "Dr Hélène Roux", role: .psychiatrist, skills: [.emdr, .tfCBT],
        languages: ["fr", "en"], hours: hours("mon-thu 09:00-12:30,13:30-17:00; fri 09:00-12:00"))
    static let benali = Clinician(
        id: "C-BENALI", name: "Karim Benali", role: .psychologist,
        skills: [.narrativeExposure, .groupFacilitation], languages: ["fr", "ar"],
        hours: hours("tue-fri 10:00-18:00"), active: false)
    static let salle1 = Room(id: "R-1", name: "Salle 1", capacity: 2, features: [.individual, .accessible])
    static let groupe = Room(id: "R-GROUPE", name: "Salle de groupe", capacity: 10, features: [.group])
    static let amiri = Interpreter(
        id: "I-AMIRI", name: "Nadia Amiri", languages: ["ps", "fa"],
        hours: hours("mon,wed 09:00-17:00"))

    /// An instant on 2026-12-01 at `hour`:00 UTC.
    static func instant(hour: Int) -> Date {
        Date(timeIntervalSince1970: Double(Fixtures.day("2026-12-01").daysSinceEpoch * 86_400 + hour * 3600))
    }
}
