import CareModel
import Foundation
import SchedulingModel
import Testing

@testable import ScheduleCheck

@Suite("Local wall-clock rules across DST, the objective terms, and the solution file")
struct WallClockAndFormatTests {
    @Test func weeklyTwoPmSessionStaysInsideHoursInWinterAndSummerTime() throws {
        // 2027-03-23 is CET (UTC+1), 2027-03-30 is CEST (UTC+2): 14:00 local both weeks.
        let rows = try Fixture.clean()
        let winter = try Fixture.row("P-AAAA", "therapy", 1, "2027-03-23", "14:00", minutes: 60, ["C-A"], "R-1")
        let summer = try #require(rows.first { $0.patient == "P-AAAA" && $0.step == "therapy" && $0.occurrence == 1 })
        #expect(Fixture.zone.local(summer.start).time.description == "14:00")
        #expect(summer.start.timeIntervalSince(winter.start) == 7 * 86_400 - 3600)
        #expect(try Fixture.check(rows).count(.clinicianOutsideHours) == 0)
    }

    @Test func keepingTheUTCInstantAcrossSpringForwardLeavesTheHours() throws {
        // A solver that adds 7 × 24 h to a 16:00 CET session lands at 17:00 CEST, past 17:00 closing.
        let rows = try Fixture.replacing("P-AAAA", "therapy", 1) {
            let winterFour = try Fixture.at("2027-03-23", "16:00")
            $0.start = winterFour.addingTimeInterval(7 * 86_400)
            $0.end = $0.start.addingTimeInterval(3600)
        }
        let moved = try #require(rows.first { $0.step == "therapy" && $0.occurrence == 1 })
        #expect(Fixture.zone.local(moved.start).time.description == "17:00")
        #expect(try Fixture.check(rows).count(.clinicianOutsideHours) == 1)
    }

    @Test func autumnWeekKeepsLocalTimeToo() throws {
        // 2027-10-31 clocks go back: 14:00 on 10-29 (CEST) and 11-05 (CET) are both inside 09:00-17:00.
        var problem = try Fixture.problem()
        problem.horizonEnd = try Fixture.day("2027-12-31")
        problem.requests = [
            SeriesRequest(
                patient: "P-AAAA", track: Fixture.track,
                sessions: [Fixture.therapy(1), Fixture.therapy(2)],
                earliest: try Fixture.day("2027-10-25"))
        ]
        let rows = [
            try Fixture.row("P-AAAA", "therapy", 1, "2027-10-29", "14:00", minutes: 60, ["C-A"], "R-1"),
            try Fixture.row("P-AAAA", "therapy", 2, "2027-11-05", "14:00", minutes: 60, ["C-A"], "R-1"),
        ]
        let report = try Fixture.check(rows, problem: problem)
        #expect(report.violations == 0, "\(report.details)")
        #expect(report.objective.regularityMisses == 0)
        #expect(rows[1].start.timeIntervalSince(rows[0].start) == 7 * 86_400 + 3600)
    }

    @Test func objectiveTermsAreRecountedFromTheRows() throws {
        var problem = try Fixture.problem()
        problem.requests[0].preferences = Preferences(weekdays: [.tuesday])
        let report = try Fixture.check(try Fixture.clean(), problem: problem)
        let objective = report.objective
        // Every request starts on 2027-03-22: waits of 1 (A), 2 (B), 3 (C, D, E) and 4 (F, G) days.
        #expect(objective.patientsWaiting == 7)
        #expect(abs(objective.meanWaitingDays - 2.86) < 0.001) // 20 / 7
        #expect(objective.p95WaitingDays == 4)
        #expect(objective.maxWaitingDays == 4)
        // Intake 10:00 -> therapy 14:00 a week later is a miss; therapy 3 is 14 days after 2.
        #expect(objective.regularityMisses == 2)
        #expect(objective.preferenceMisses == 0)
        #expect(objective.roomChanges == 0)
        #expect(objective.clinicianLoadSpreadPercent >= 0)
        #expect(objective.maxClinicianLoadPercent > 0)
    }

    @Test func preferenceAndRoomChangesCount() throws {
        var problem = try Fixture.problem()
        problem.requests[0].preferences = Preferences(weekdays: [.monday])
        let rows = try Fixture.replacing("P-AAAA", "therapy", 2) { $0.room = "R-2" }
        let objective = try Fixture.check(rows, problem: problem).objective
        #expect(objective.preferenceMisses == 5)
        #expect(objective.roomChanges == 2) // into R-2 and back to R-1
    }

    @Test func solutionShapesAllDecodeToTheSameRows() throws {
        let rows = try Fixture.clean()
        let encoder = SchedulingJSON.encoder()
        let bare = try encoder.encode(rows)
        let wrapped = try ScheduleSolution(sessions: rows).encoded()
        // The scheduler's batch shape, written here because this target cannot import the solver.
        struct BatchShape: Encodable {
            var proposals: [Proposal]
            var explanations: [String] = []
        }
        let batch = try encoder.encode(
            BatchShape(proposals: [
                Proposal(
                    patient: "P-AAAA", track: Fixture.track, sessions: Array(rows.prefix(5)),
                    objective: ObjectiveTerms()),
                Proposal(
                    patient: "P-BBBB", track: Fixture.track, sessions: Array(rows.dropFirst(5)),
                    objective: ObjectiveTerms()),
            ]))
        for data in [bare, wrapped, batch] {
            #expect(try ScheduleSolution.decode(data).sessions == rows)
        }
    }

    @Test func unreadableSolutionNamesTheFileAndTheField() throws {
        let data = Data(#"{"sessions": [{"patient": "P-AAAA"}]}"#.utf8)
        #expect {
            try ScheduleSolution.decode(data, source: "solution.json")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("solution.json") && text.contains("track") && text.contains("sessions")
        }
    }

    @Test func unreadableInstanceNamesTheFileAndTheField() {
        let data = Data(
            #"{"today": "2027-13-01", "horizonEnd": "2027-06-30", "clinicians": [], "rooms": [], "patients": []}"#.utf8)
        #expect {
            try SchedulingProblem.read(data, source: "instance.json")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("instance.json") && text.contains("today") && text.contains("2027-13-01")
        }
    }

    @Test func writtenOffsetsAreReadOnlyWhenNotUTC() {
        #expect(WrittenTime(parsing: "2027-03-28T02:30:00Z") == nil)
        let written = WrittenTime(parsing: "2027-03-28T02:30:00+01:00")
        #expect(written?.minutes == 150)
        #expect(written?.offsetSeconds == 3600)
        #expect(WrittenTime(parsing: "2027-07-01T14:00:00-0230")?.offsetSeconds == -9000)
    }
}
