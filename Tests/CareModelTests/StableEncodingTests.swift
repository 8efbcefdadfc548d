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

/// A room's or interpreter's `active` flag goes out in JSON and comes back; a record written
/// before it existed (an older instance file, an audit line) reads as in service.
@Suite struct ResourceActiveEncodingTests {
    @Test func anInactiveRoomAndInterpreterRoundTripAndAMissingFlagReadsAsActive() throws {
        let room = Room(id: "R-1", name: "Bureau 1", capacity: 2, features: [.individual], active: false)
        let interpreter = Interpreter(
            id: "I-1", name: "Samir", languages: ["ar"], hours: try WeeklyHours(parsing: "mon 09:00-12:00"),
            active: false)
        let encoded = try JSONEncoder().encode(room)
        #expect(String(decoding: encoded, as: UTF8.self).contains(#""active":false"#))
        #expect(try JSONDecoder().decode(Room.self, from: encoded) == room)
        #expect(try JSONDecoder().decode(Interpreter.self, from: JSONEncoder().encode(interpreter)) == interpreter)
        let old = #"{"id": "R-2", "name": "Ancienne", "capacity": 3, "features": ["group"]}"#
        #expect(try JSONDecoder().decode(Room.self, from: Data(old.utf8)).active)
        let oldInterpreter = #"{"id": "I-2", "name": "Ancien", "languages": ["fa"], "hours": "tue 09:00-17:00"}"#
        #expect(try JSONDecoder().decode(Interpreter.self, from: Data(oldInterpreter.utf8)).active)
    }
}
