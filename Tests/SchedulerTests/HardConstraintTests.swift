import CareModel
import Foundation
import Testing

@testable import Scheduler

/// Each case sets up a snapshot where the obvious slot would break one hard constraint, and pins
/// that the scheduler steps around it.
@Suite struct HardConstraintTests {
    let patient = PatientNeeds(code: "P-7KQ2")

    @Test func clinicianAlreadyBookedIsNotDoubleBooked() throws {
        // Every assessor is busy on Monday morning; the 09:00 slot would be a double booking.
        let busy = try ["C-ROUX", "C-MARTIN", "C-DIALLO"].enumerated().map { i, id in
            BookedSession(
                patient: PatientCode("P-OTH\(i + 2)"), step: "therapy", occurrence: 1,
                start: try paris("2027-03-01", "09:00"), end: try paris("2027-03-01", "12:30"),
                clinicians: [ClinicianID(id)], room: ["R-1", "R-2", "R-GROUPE"][i])
        }
        let problem = try Centre.problem(
            patients: [patient],
            rooms: Centre.rooms + [Room(id: "R-3", name: "Bureau 3", capacity: 2, features: [.individual])],
            existing: busy)
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        let session = try #require(proposal.sessions.first)
        #expect(local(session.start).time == (try clock("13:30")))
        #expect(conflicts(proposal.sessions, existing: busy, problem: problem).isEmpty)
    }

    @Test func sessionsStayInsideTheClinicianWeeklyHours() throws {
        let wednesdays = Clinician(
            id: "C-LEROY", name: "Marc Leroy", role: .psychologist, skills: [.emdr],
            hours: try hours("wed 14:00-17:00"))
        let problem = try Centre.problem(patients: [patient], clinicians: [wednesdays])
        let request = try Centre.emdrSeries("P-7KQ2", therapy: 3, followUp: false)
        let proposal = try Scheduler.bookSeries(request, in: problem).proposal()
        for session in proposal.sessions {
            #expect(local(session.start).date.weekday == .wednesday)
            #expect(local(session.start).time >= (try clock("14:00")))
            #expect(local(session.end).time <= (try clock("17:00")))
        }
    }

    @Test func absentClinicianIsNotBooked() throws {
        let leave = Absence(
            kind: .clinician, id: "C-MARTIN", start: try paris("2027-03-01", "00:00"),
            end: try paris("2027-03-06", "00:00"))
        let only = try Centre.clinicians().filter { $0.id == "C-MARTIN" }
        let problem = try Centre.problem(patients: [patient], clinicians: only, absences: [leave])
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        #expect(local(try #require(proposal.sessions.first).start).date == (try day("2027-03-08")))
    }

    @Test func closedDayIsSkipped() throws {
        let problem = try Centre.problem(patients: [patient], closed: ["2027-03-01", "2027-03-02"])
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        #expect(local(try #require(proposal.sessions.first).start).date == (try day("2027-03-03")))
    }

    @Test func stepRoleSkillAndLanguageChooseTheClinician() throws {
        let problem = try Centre.problem(patients: [PatientNeeds(code: "P-7KQ2", language: "en")])
        let english = try Centre.single("P-7KQ2", from: "2027-03-01", roles: [.psychologist], languages: ["en"])
        #expect(try Scheduler.bookSeries(english, in: problem).proposal().sessions.first?.clinicians == ["C-DIALLO"])
        let emdrPsychiatrist = try Centre.single("P-7KQ2", from: "2027-03-01", roles: [.psychiatrist], skills: [.emdr])
        #expect(
            try Scheduler.bookSeries(emdrPsychiatrist, in: problem).proposal().sessions.first?.clinicians == ["C-ROUX"])
    }

    @Test func patientNeedingAccessRoomGetsAnAccessibleRoomEvenWhenItIsBusyFirst() throws {
        let accessible = PatientNeeds(code: "P-7KQ2", needsAccessibleRoom: true)
        let taken = BookedSession(
            patient: "P-OTHR", step: "therapy", occurrence: 1, start: try paris("2027-03-01", "09:00"),
            end: try paris("2027-03-01", "10:00"), clinicians: ["C-ROUX"], room: "R-2")
        let problem = try Centre.problem(
            patients: [accessible], rooms: Array(Centre.rooms.prefix(2)), existing: [taken])
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        let session = try #require(proposal.sessions.first)
        #expect(session.room == "R-2")
        #expect(local(session.start).time == (try clock("10:00")))
    }

    @Test func roomTooSmallForPatientClinicianAndInterpreterIsNotUsed() throws {
        let arabic = PatientNeeds(code: "P-7KQ2", language: "ar", needsInterpreter: true)
        let rooms = [
            Room(id: "R-PETIT", name: "Petit bureau", capacity: 2, features: [.individual]),
            Room(id: "R-1", name: "Bureau 1", capacity: 3, features: [.individual]),
        ]
        let problem = try Centre.problem(patients: [arabic], rooms: rooms)
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        #expect(proposal.sessions.first?.room == "R-1")
        #expect(proposal.sessions.first?.interpreter == "I-HADDAD")
    }

    @Test func patientAlreadyBookedThatDayIsNotGivenASecondSession() throws {
        let socialWorker = BookedSession(
            patient: "P-7KQ2", step: "psychoeducation", occurrence: 1,
            start: try paris("2027-03-01", "16:00"), end: try paris("2027-03-01", "17:00"),
            clinicians: ["C-BERNARD"], room: "R-1")
        let problem = try Centre.problem(patients: [patient], existing: [socialWorker])
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        #expect(local(try #require(proposal.sessions.first).start).date == (try day("2027-03-02")))
    }

    @Test func interpreterOfTheLanguageWithinTheirHoursAndFree() throws {
        // Pashto: only I-AHMADI, Tuesdays and Thursdays 13:00-17:00, busy on Tuesday 2 March.
        let pashto = PatientNeeds(code: "P-7KQ2", language: "ps", needsInterpreter: true)
        let busy = BookedSession(
            patient: "P-OTHR", step: "therapy", occurrence: 1, start: try paris("2027-03-02", "13:00"),
            end: try paris("2027-03-02", "17:00"), clinicians: ["C-DIALLO"], room: "R-1",
            interpreter: "I-AHMADI")
        let problem = try Centre.problem(patients: [pashto], existing: [busy])
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        let session = try #require(proposal.sessions.first)
        #expect(session.interpreter == "I-AHMADI")
        #expect(local(session.start).date == (try day("2027-03-04")))
        #expect(local(session.start).time >= (try clock("13:30")))
    }

    @Test func patientsKeptApartAreNeverOnSiteTogether() throws {
        let victim = PatientNeeds(code: "P-7KQ2", keepApart: ["P-9XYZ"])
        let other = PatientNeeds(code: "P-9XYZ")
        // The other patient is here 09:00-12:00; with 15 minutes on site either side the victim may
        // not start before 12:30 (and the lunch break pushes that to 13:30).
        let there = BookedSession(
            patient: "P-9XYZ", step: "therapy", occurrence: 1, start: try paris("2027-03-01", "09:00"),
            end: try paris("2027-03-01", "12:00"), clinicians: ["C-BERNARD"], room: "R-GROUPE")
        let problem = try Centre.problem(patients: [victim, other], existing: [there])
        let proposal = try Scheduler.bookSeries(try Centre.single("P-7KQ2", from: "2027-03-01"), in: problem).proposal()
        let session = try #require(proposal.sessions.first)
        #expect(local(session.start).date == (try day("2027-03-01")))
        #expect(local(session.start).time == (try clock("13:30")))
    }

    @Test func keepApartHoldsInBothDirectionsWithinABatch() throws {
        let a = PatientNeeds(code: "P-AAAA", keepApart: ["P-BBBB"])
        let b = PatientNeeds(code: "P-BBBB")
        let problem = try Centre.problem(
            patients: [a, b],
            requests: [
                try Centre.single("P-AAAA", from: "2027-03-01"), try Centre.single("P-BBBB", from: "2027-03-01"),
            ])
        let result = Scheduler.batch(problem)
        let sessions = result.sessions
        #expect(sessions.count == 2)
        let first = try #require(sessions.first), second = try #require(sessions.last)
        let pad: TimeInterval = 15 * 60
        #expect(
            !(first.start.addingTimeInterval(-pad) < second.end.addingTimeInterval(pad)
                && second.start.addingTimeInterval(-pad) < first.end.addingTimeInterval(pad)))
    }

    @Test func spacingKeepsTherapySessionsWithinTheirWindowEvenAroundABusyWeek() throws {
        // C-MARTIN, the only EMDR therapist, is off the week the second session would fall in.
        let only = try Centre.clinicians().filter { $0.id == "C-MARTIN" }
        let leave = Absence(
            kind: .clinician, id: "C-MARTIN", start: try paris("2027-03-08", "00:00"),
            end: try paris("2027-03-13", "00:00"))
        let problem = try Centre.problem(patients: [patient], clinicians: only, absences: [leave])
        let proposal = try Scheduler.bookSeries(
            try Centre.emdrSeries("P-7KQ2", therapy: 3, followUp: false), in: problem
        ).proposal()
        let days = proposal.sessions.map { local($0.start).date }
        let leaveStart = try day("2027-03-08"), leaveEnd = try day("2027-03-13")
        for (a, b) in zip(days, days.dropFirst()) {
            #expect(a.days(to: b) >= 6)
            #expect(a.days(to: b) <= 21)
        }
        #expect(conflicts(proposal.sessions, problem: problem).isEmpty)
        #expect(!days.contains { $0 >= leaveStart && $0 < leaveEnd })
    }

    @Test func batchNeverDoubleBooksAnyResource() throws {
        let codes = (0..<12).map { PatientCode("P-B\(String(format: "%03d", $0))") }
        let requests = try codes.map { try Centre.emdrSeries($0, therapy: 10, followUp: false) }
        var patients = codes.map { PatientNeeds(code: $0) }
        patients[3] = PatientNeeds(code: codes[3], language: "ar", needsInterpreter: true)
        patients[5] = PatientNeeds(code: codes[5], keepApart: [codes[6]])
        let problem = try Centre.problem(patients: patients, requests: requests)
        var reported: [Int] = []
        let result = Scheduler.batch(problem) { done, total in
            reported.append(done)
            #expect(total == 12)
        }
        #expect(reported == Array(1...12))
        #expect(result.proposals.count + result.explanations.count == 12)
        #expect(result.proposals.count >= 8)
        #expect(conflicts(result.sessions, problem: problem).isEmpty)
        #expect(result.sessions.filter { $0.patient == codes[3] }.allSatisfy { $0.interpreter == "I-HADDAD" })
    }
}
