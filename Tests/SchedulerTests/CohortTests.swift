import CareModel
import Foundation
import Testing

@testable import Scheduler

@Suite struct CohortTests {
    let members: [PatientCode] = (1...7).map { PatientCode("P-G\(String(format: "%03d", $0))") }

    func cohort(_ patients: [PatientCode], start: String = "2027-03-02", sessions: Int = 10) throws -> CohortRequest {
        CohortRequest(
            id: "G-2027-1", track: "adult-trauma-group", step: "group", patients: patients, minSize: 6,
            maxSize: 10, weekday: .tuesday, time: try clock("14:00"), start: try day(start),
            sessionCount: sessions, durationMinutes: 120, facilitators: 2,
            roles: [.psychologist, .psychiatrist, .nurse], skills: [.groupFacilitation], roomFeatures: [.group])
    }

    @Test func groupIsBookedWeeklyAtFourteenHundredWithTwoFacilitatorsInTheGroupRoom() throws {
        let problem = try Centre.problem(patients: members.map { PatientNeeds(code: $0) })
        let proposal = try Scheduler.bookCohort(try cohort(members), in: problem).proposal()
        #expect(proposal.dates.count == 10)
        #expect(proposal.sessions.count == 70)
        #expect(Set(proposal.sessions.map(\.clinicians)) == [["C-DIALLO", "C-BERNARD"]])
        #expect(Set(proposal.sessions.map(\.room)) == ["R-GROUPE"])
        // Across 28 March: the Tuesday 14:00 slot keeps its wall-clock time.
        for session in proposal.sessions {
            #expect(local(session.start).time == (try clock("14:00")))
            #expect(local(session.start).date.weekday == .tuesday)
        }
        #expect(conflicts(proposal.sessions, problem: problem).isEmpty)
    }

    @Test func closedTuesdayIsSkippedWithinTheAllowedGap() throws {
        let problem = try Centre.problem(patients: members.map { PatientNeeds(code: $0) }, closed: ["2027-03-16"])
        let proposal = try Scheduler.bookCohort(try cohort(members, sessions: 4), in: problem).proposal()
        #expect(proposal.dates.map(\.iso) == ["2027-03-02", "2027-03-09", "2027-03-23", "2027-03-30"])
        #expect(proposal.skippedDays == [try day("2027-03-16")])
    }

    @Test(arguments: [5, 11])
    func groupSizeOutsideItsLimitsIsRefused(_ size: Int) throws {
        let patients = (1...size).map { PatientCode("P-S\(String(format: "%03d", $0))") }
        let problem = try Centre.problem(patients: patients.map { PatientNeeds(code: $0) })
        let explanation = try Scheduler.bookCohort(try cohort(patients), in: problem).explanation()
        #expect(explanation.binding == [.cohortSize])
        #expect(explanation.cohort == "G-2027-1")
    }

    @Test func patientsToKeepApartAreNeverPutInTheSameGroup() throws {
        var needs = members.map { PatientNeeds(code: $0) }
        needs[2].keepApart = [members[5]]
        let problem = try Centre.problem(patients: needs)
        let explanation = try Scheduler.bookCohort(try cohort(members), in: problem).explanation()
        #expect(explanation.binding == [.keepApart])
        #expect(Set(explanation.resources) == [.patient(members[2]), .patient(members[5])])
        #expect(explanation.description.contains("keep apart"))
    }

    @Test func busyFacilitatorIsReplacedForTheWholeCohort() throws {
        let third = Clinician(
            id: "C-PETIT", name: "Julie Petit", role: .psychologist, skills: [.groupFacilitation],
            hours: try hours(Centre.weekdays))
        // C-DIALLO has a standing Tuesday-afternoon commitment in the fourth week.
        let busy = BookedSession(
            patient: "P-OTHR", step: "therapy", occurrence: 1, start: try paris("2027-03-23", "14:00"),
            end: try paris("2027-03-23", "15:00"), clinicians: ["C-DIALLO"], room: "R-1")
        let problem = try Centre.problem(
            patients: members.map { PatientNeeds(code: $0) },
            clinicians: try Centre.clinicians() + [third], existing: [busy])
        let proposal = try Scheduler.bookCohort(try cohort(members, sessions: 6), in: problem).proposal()
        #expect(proposal.dates.first == (try day("2027-03-02")))
        #expect(proposal.skippedDays.isEmpty)
        let pairs = Set(proposal.sessions.map(\.clinicians))
        #expect(pairs.count == 1)
        #expect(!(pairs.first ?? []).contains("C-DIALLO"))
    }

    @Test func groupWithoutAGroupRoomBigEnoughIsExplained() throws {
        let rooms =
            Array(Centre.rooms.prefix(2)) + [Room(id: "R-SALLE", name: "Petite salle", capacity: 6, features: [.group])]
        let problem = try Centre.problem(patients: members.map { PatientNeeds(code: $0) }, rooms: rooms)
        let explanation = try Scheduler.bookCohort(try cohort(members), in: problem).explanation()
        #expect(explanation.binding == [.noSuitableRoom])
        #expect(explanation.description.contains("capacity"))
    }

    @Test func groupSessionsAvoidAMembersOtherAppointments() throws {
        let intake = BookedSession(
            patient: members[0], step: "intake", occurrence: 1, start: try paris("2027-03-09", "10:00"),
            end: try paris("2027-03-09", "11:30"), clinicians: ["C-ROUX"], room: "R-1")
        let problem = try Centre.problem(patients: members.map { PatientNeeds(code: $0) }, existing: [intake])
        let proposal = try Scheduler.bookCohort(try cohort(members, sessions: 3), in: problem).proposal()
        #expect(!proposal.dates.contains(try day("2027-03-09")))
        #expect(proposal.skippedDays == [try day("2027-03-09")])
    }
}
