import CareModel
import Foundation
import SchedulingModel
import Testing

@testable import ScheduleCheck

@Suite("The checker catches one planted violation of each kind")
struct PlantedViolationTests {
    @Test func cleanHandMadeSolutionHasNoViolation() throws {
        let report = try Fixture.check(try Fixture.clean())
        #expect(report.violations == 0, "\(report.details)")
        #expect(report.sessionsBooked == 11)
        #expect(report.sessionsRequested == 11)
        #expect(report.patientsFullyBooked == 7)
        #expect(report.patientsNotBooked == 0)
    }

    @Test func clinicianBookedTwiceAtOnce() throws {
        // P-DDDD's intake moved onto C-B's time with P-CCCC (another room).
        let rows = try Fixture.replacing("P-DDDD", "intake") {
            try Fixture.move(&$0, "2027-03-25", "10:00")
            $0.clinicians = ["C-B"]
            $0.room = "R-1"
        }
        #expect(try Fixture.check(rows).count(.clinicianDoubleBooked) == 1)
    }

    @Test func roomBookedTwiceAtOnce() throws {
        let rows = try Fixture.replacing("P-DDDD", "intake") { try Fixture.move(&$0, "2027-03-24", "10:00") }
        let report = try Fixture.check(rows)
        #expect(report.count(.roomDoubleBooked) == 1)
        #expect(report.count(.clinicianDoubleBooked) == 0)
    }

    @Test func interpreterBookedTwiceAgainstAnExistingSession() throws {
        var problem = try Fixture.problem()
        problem.patients.append(PatientNeeds(code: "P-ZZZZ", language: "ar", needsInterpreter: true))
        let start = try Fixture.at("2027-03-24", "10:30")
        problem.existing = [
            BookedSession(
                patient: "P-ZZZZ", step: "intake", occurrence: 1, start: start,
                end: start.addingTimeInterval(3600), clinicians: ["C-C"], room: "R-2",
                interpreter: "I-AR")
        ]
        let report = try Fixture.check(try Fixture.clean(), problem: problem)
        #expect(report.count(.interpreterDoubleBooked) == 1)
        #expect(report.violations == 1)
    }

    @Test func patientBookedTwiceAtOnce() throws {
        var rows = try Fixture.clean()
        rows.append(
            try Fixture.row(
                "P-AAAA", "intake", 1, "2027-03-23", "10:30", minutes: 90, ["C-D"], "R-2",
                track: "T-OTHER"))
        let report = try Fixture.check(rows)
        #expect(report.count(.patientDoubleBooked) == 1)
        #expect(report.count(.twoSessionsOneDay) == 1)
        #expect(report.count(.unrequestedSession) == 1)
    }

    @Test func clinicianOutsideWeeklyHours() throws {
        let rows = try Fixture.replacing("P-DDDD", "intake") { try Fixture.move(&$0, "2027-03-25", "16:00") }
        #expect(try Fixture.check(rows).count(.clinicianOutsideHours) == 1)
    }

    @Test func clinicianOnLeave() throws {
        let rows = try Fixture.replacing("P-AAAA", "therapy", 3) { try Fixture.move(&$0, "2027-04-13", "14:00") }
        let report = try Fixture.check(rows)
        #expect(report.count(.clinicianAbsent) == 1)
        #expect(report.violations == 1, "\(report.details)")
    }

    @Test func closedDay() throws {
        let rows = try Fixture.replacing("P-DDDD", "intake") { try Fixture.move(&$0, "2027-03-29", "09:00") }
        #expect(try Fixture.check(rows).count(.closedDay) == 1)
    }

    @Test func clinicianWithoutTheSkill() throws {
        let rows = try Fixture.replacing("P-AAAA", "therapy", 1) { $0.clinicians = ["C-B"] }
        #expect(try Fixture.check(rows).count(.missingSkill) == 1)
    }

    @Test func clinicianOfAnotherProfession() throws {
        let rows = try Fixture.replacing("P-DDDD", "intake") { $0.clinicians = ["C-N"] }
        let report = try Fixture.check(rows)
        #expect(report.count(.wrongRole) == 1)
        #expect(report.violations == 1, "\(report.details)")
    }

    @Test func clinicianWithoutTheLanguage() throws {
        var problem = try Fixture.problem()
        problem.requests[3].sessions[0].languages = ["ar"]
        #expect(try Fixture.check(try Fixture.clean(), problem: problem).count(.wrongLanguage) == 1)
    }

    @Test func roomTooSmall() throws {
        let rows = try Fixture.replacing("P-DDDD", "intake") { $0.room = "R-S" }
        let report = try Fixture.check(rows)
        #expect(report.count(.roomTooSmall) == 1)
        #expect(report.violations == 1, "\(report.details)")
    }

    @Test func groupInARoomThatIsNotAGroupRoom() throws {
        var rows = try Fixture.clean()
        for i in rows.indices where rows[i].cohort == "G1" { rows[i].room = "R-2" }
        let report = try Fixture.check(rows)
        #expect(report.count(.roomMissingFeature) == 2) // one per patient row of the group
        #expect(report.count(.roomTooSmall) == 1) // 2 patients + 2 facilitators in a room seating 3
        #expect(report.count(.roomDoubleBooked) == 0) // the group's rows are one session
    }

    @Test func individualSessionInTheGroupRoom() throws {
        let rows = try Fixture.replacing("P-DDDD", "intake") { $0.room = "R-G" }
        #expect(try Fixture.check(rows).count(.roomMissingFeature) == 1)
    }

    @Test func patientNeedingAccessibilityInAnOrdinaryRoom() throws {
        let rows = try Fixture.replacing("P-CCCC", "intake") {
            try Fixture.move(&$0, "2027-03-25", "11:00")
            $0.room = "R-1"
        }
        let report = try Fixture.check(rows)
        #expect(report.count(.roomNotAccessible) == 1)
        #expect(report.violations == 1, "\(report.details)")
    }

    @Test func continuityBrokenMidTherapy() throws {
        let rows = try Fixture.replacing("P-AAAA", "therapy", 2) { $0.clinicians = ["C-D"] }
        let report = try Fixture.check(rows)
        #expect(report.count(.continuityBroken) == 1)
        #expect(report.violations == 1, "\(report.details)")
    }

    @Test func continuityAgainstThePreviousSessionOfABegunPathway() throws {
        var problem = try Fixture.problem()
        problem.requests[0].previous = PreviousSession(
            date: try Fixture.day("2027-03-22"), clinicians: [StepClinician(step: "therapy", clinician: "C-D")])
        problem.requests[0].sessions.removeFirst()
        let rows = try Fixture.clean().filter { !($0.patient == "P-AAAA" && $0.step == "intake") }
        // therapy 1..3 and closing are all with C-A, not C-D who began the therapy.
        #expect(try Fixture.check(rows, problem: problem).count(.continuityBroken) == 4)
    }

    @Test func spacingTooShort() throws {
        let rows = try Fixture.replacing("P-AAAA", "therapy", 2) { try Fixture.move(&$0, "2027-04-02", "14:00") }
        let report = try Fixture.check(rows)
        #expect(report.count(.spacingTooShort) == 1)
        #expect(report.count(.spacingTooLong) == 1) // therapy 3 is now 18 days later
    }

    @Test func spacingTooLong() throws {
        let rows = try Fixture.replacing("P-AAAA", "therapy", 3) { try Fixture.move(&$0, "2027-04-21", "14:00") }
        let report = try Fixture.check(rows)
        #expect(report.count(.spacingTooLong) == 1)
        #expect(report.violations == 1, "\(report.details)")
    }

    @Test func twoSessionsTheSameDay() throws {
        let rows = try Fixture.replacing("P-AAAA", "therapy", 1) { try Fixture.move(&$0, "2027-03-23", "15:00") }
        let report = try Fixture.check(rows)
        #expect(report.count(.twoSessionsOneDay) == 1)
        #expect(report.count(.patientDoubleBooked) == 0)
    }

    @Test func interpreterMissing() throws {
        // C-A speaks French only: the Arabic-speaking patient needs an interpreter with her.
        let rows = try Fixture.replacing("P-BBBB", "intake") {
            $0.interpreter = nil
            $0.clinicians = ["C-A"]
        }
        let report = try Fixture.check(rows)
        #expect(report.count(.interpreterMissing) == 1)
        #expect(report.violations == 1)
    }

    @Test func noInterpreterIsNeededWhenTheClinicianSpeaksThePatientsLanguage() throws {
        // C-B speaks Arabic: the same intake without an interpreter breaks nothing.
        let rows = try Fixture.replacing("P-BBBB", "intake") { $0.interpreter = nil }
        #expect(try Fixture.check(rows).violations == 0)
    }

    @Test func interpreterOfTheWrongLanguage() throws {
        let rows = try Fixture.replacing("P-BBBB", "intake") { $0.interpreter = "I-PS" }
        #expect(try Fixture.check(rows).count(.interpreterWrongLanguage) == 1)
    }

    @Test func keepApartPatientsWithinFifteenMinutes() throws {
        // P-DDDD leaves at 10:30; P-EEEE arriving at 10:40 would meet her in the waiting room.
        let rows = try Fixture.replacing("P-EEEE", "intake") {
            try Fixture.move(&$0, "2027-03-25", "10:40")
            $0.room = "R-1"
            $0.clinicians = ["C-D"]
        }
        let report = try Fixture.check(rows)
        #expect(report.count(.keepApart) == 1)
        #expect(report.count(.offSlotGrid) == 1) // 10:40 is not on the 15-minute grid
    }

    @Test func keepApartPatientsInTheSameGroup() throws {
        var problem = try Fixture.problem()
        problem.patients[5].keepApart = ["P-GGGG"]
        let report = try Fixture.check(try Fixture.clean(), problem: problem)
        #expect(report.count(.keepApart) == 1)
    }

    @Test func startWrittenInTheSpringForwardGap() throws {
        let rows = try Fixture.clean()
        let text = try #require(String(data: try ScheduleSolution(sessions: rows).encoded(), encoding: .utf8))
        // P-AAAA's intake (09:00Z) rewritten as 02:30 local on 2027-03-28, a time Paris skips.
        let planted = text.replacingOccurrences(of: "\"2027-03-23T09:00:00Z\"", with: "\"2027-03-28T02:30:00+01:00\"")
            .replacingOccurrences(of: "\"2027-03-23T10:30:00Z\"", with: "\"2027-03-28T03:00:00Z\"")
        #expect(planted != text)
        let solution = try ScheduleSolution.decode(Data(planted.utf8))
        let report = IndependentChecker.check(problem: try Fixture.problem(), solution: solution)
        #expect(report.count(.nonexistentLocalTime) == 1)
    }

    @Test func sessionRunningThroughTheClockChange() throws {
        let rows = try Fixture.replacing("P-DDDD", "intake") { try Fixture.move(&$0, "2027-03-28", "01:30") }
        #expect(try Fixture.check(rows).count(.nonexistentLocalTime) == 1)
    }

    @Test func missedDeadlineMustBeFlaggedLate() throws {
        let unflagged = try Fixture.replacing("P-DDDD", "intake") { try Fixture.move(&$0, "2027-04-19", "09:00") }
        #expect(try Fixture.check(unflagged).count(.lateNotFlagged) == 1)
        let flagged = try Fixture.replacing("P-DDDD", "intake") {
            try Fixture.move(&$0, "2027-04-19", "09:00")
            $0.late = true
        }
        let report = try Fixture.check(flagged)
        #expect(report.violations == 0, "\(report.details)")
        #expect(report.objective.lateSessions == 1)
    }

    @Test func missingAndSkippedSessionsAreCounted() throws {
        let rows = try Fixture.clean().filter {
            !($0.patient == "P-AAAA" && $0.step == "therapy" && $0.occurrence == 2)
        }
        .filter { $0.patient != "P-EEEE" }
        let report = try Fixture.check(rows)
        #expect(report.count(.seriesGap) == 1)
        #expect(report.patientsPartiallyBooked == 1)
        #expect(report.patientsNotBooked == 1)
        #expect(report.patientsFullyBooked == 5)
        #expect(report.sessionsBooked == 9)
    }

    @Test func duplicateAndUnknownRows() throws {
        var rows = try Fixture.clean()
        rows.append(try Fixture.row("P-CCCC", "intake", 1, "2027-04-01", "10:00", minutes: 90, ["C-X"], "R-2"))
        let report = try Fixture.check(rows)
        #expect(report.count(.duplicateSession) == 1)
        #expect(report.count(.unknownResource) == 1)
    }
}
