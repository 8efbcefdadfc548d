import Foundation
import Testing

@testable import CareModel

@Suite("Sets encode in sorted order")
struct StableEncodingTests {
    @Test func clinicianSkillsAndLanguagesEncodeSorted() throws {
        let hours = try WeeklyHours(parsing: "mon-fri 09:00-17:00")
        let clinician = Clinician(
            id: "C-1", name: "A", role: .psychologist,
            skills: [.tfCBT, .emdr, .prolongedExposure, .narrativeExposure],
            languages: ["uk", "fr", "ar", "en"], hours: hours)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = try #require(String(data: try encoder.encode(clinician), encoding: .utf8))
        #expect(text.contains(#""languages":["ar","en","fr","uk"]"#))
        #expect(text.contains(#""skills":["emdr","narrative-exposure","prolonged-exposure","tf-cbt"]"#))
        #expect(try JSONDecoder().decode(Clinician.self, from: Data(text.utf8)) == clinician)
    }

    @Test func roomFeaturesEncodeSorted() throws {
        let room = Room(id: "R-1", name: "1", capacity: 12, features: [.individual, .group, .accessible])
        let text = try #require(String(data: try JSONEncoder().encode(room), encoding: .utf8))
        #expect(text.contains(#""features":["accessible","group","individual"]"#))
    }
}
