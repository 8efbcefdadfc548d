import CareModel
import Foundation
import Testing

@testable import Scheduler

/// The snapshot and the proposal are the open instance and solution formats: another solver
/// reads and writes the same JSON.
@Suite struct InstanceFormatTests {
    @Test func problemRoundTripsThroughJSON() throws {
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2", language: "ar", needsInterpreter: true, keepApart: ["P-9XYZ"])],
            absences: [
                Absence(
                    kind: .clinician, id: "C-ROUX", start: try paris("2027-03-08", "00:00"),
                    end: try paris("2027-03-13", "00:00"))
            ],
            requests: [try Centre.emdrSeries("P-7KQ2")])
        let data = try SchedulingJSON.encoder().encode(problem)
        #expect(try SchedulingJSON.decoder().decode(SchedulingProblem.self, from: data) == problem)
    }

    @Test func handWrittenMinimalInstanceTakesTheDefaults() throws {
        let json = """
            {
              "today": "2027-03-01", "horizonEnd": "2027-03-31",
              "clinicians": [{"id": "C-ROUX", "name": "Dr Roux", "role": "psychiatrist", "skills": ["emdr"],
                              "languages": ["fr"], "hours": "mon-fri 09:00-12:30,13:30-17:00", "active": true}],
              "rooms": [{"id": "R-1", "name": "Bureau 1", "capacity": 3, "features": ["individual"]}],
              "patients": [{"code": "P-7KQ2", "language": "fr", "needsInterpreter": false, "keepApart": [],
                            "needsAccessibleRoom": false}],
              "requests": [{"patient": "P-7KQ2", "track": "adult-domestic-violence", "earliest": "2027-03-01",
                            "sessions": [{"step": "intake", "kind": "assessment", "durationMinutes": 90}]}]
            }
            """
        let problem = try SchedulingJSON.decoder().decode(SchedulingProblem.self, from: Data(json.utf8))
        #expect(problem.timeZone == "Europe/Paris")
        #expect(problem.slotMinutes == 15)
        #expect(problem.requests.first?.sessions.first?.facilitators == 1)
        let result = Scheduler.batch(problem)
        let session = try #require(result.sessions.first)
        let data = try SchedulingJSON.encoder().encode(result.sessions)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""start" : "2027-03-01T08:00:00Z""#))
        #expect(try SchedulingJSON.decoder().decode([ProposedSession].self, from: data) == [session])
    }

    @Test func groupRowsInTheSnapshotAreOneSessionNotADoubleBooking() throws {
        let members: [PatientCode] = ["P-G001", "P-G002", "P-G003"]
        let rows = try members.map {
            BookedSession(
                patient: $0, step: "group", occurrence: 1, start: try paris("2027-03-02", "14:00"),
                end: try paris("2027-03-02", "16:00"), clinicians: ["C-DIALLO", "C-BERNARD"], room: "R-GROUPE",
                cohort: "G-1")
        }
        let prepared = PreparedProblem(try Centre.problem(existing: rows))
        let room = try #require(prepared.roomIndex["R-GROUPE"])
        let day = Occupancy.day(PreparedProblem.minute(try paris("2027-03-02", "14:00"))) - prepared.occupancy.baseDay
        #expect(prepared.occupancy.buckets[(prepared.roomBase + room) * prepared.occupancy.dayCount + day].count == 1)
    }
}
