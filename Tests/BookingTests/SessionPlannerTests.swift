import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Testing

@testable import Booking

/// The shipped care tracks, read from the repository like the CLI reads them.
let shippedCatalog: Result<TrackCatalog, any Error> = Result {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try TrackCatalog.load(directory: root.appendingPathComponent("Pathways"))
}

func shippedTrack(_ id: String) throws -> Track {
    try #require(try shippedCatalog.get().track(TrackID(id)))
}

func day(_ text: String) throws -> LocalDate { try #require(LocalDate(parsing: text)) }

@Suite struct SessionPlannerTests {
    let patient = Patient(
        code: "P-7KQ2", birthDate: LocalDate(year: 1988, month: 3, day: 12) ?? LocalDate(daysSinceEpoch: 0),
        category: .domesticViolence, referralSource: .legalAid,
        referralDate: LocalDate(year: 2026, month: 11, day: 20) ?? LocalDate(daysSinceEpoch: 0))

    func held(
        _ step: StepID, _ occurrence: Int, on date: String, by clinician: ClinicianID = "C-ROUX"
    ) throws -> Appointment {
        let start = try #require(ClinicTimeZone.paris.instant(on: try day(date), at: LocalTime(hour: 14) ?? .midnight))
        return Appointment(
            id: AppointmentID("A-\(step)-\(occurrence)"), patient: patient.code, track: "adult-domestic-violence",
            step: step, occurrence: occurrence, start: start, end: start.addingTimeInterval(3600),
            clinicians: [clinician], room: "R-101", status: .attended)
    }

    @Test func aFreshEnrolmentPlansTheWholeIndividualPathway() throws {
        let track = try shippedTrack("adult-domestic-violence")
        let request = try #require(
            SessionPlanner.request(
                patient: patient, track: track, taken: [], scope: .series,
                from: try day("2026-11-26")))
        #expect(request.sessions.count == track.budget.sessions)
        #expect(request.sessions.first?.step == "intake")
        #expect(request.sessions.first?.durationMinutes == 90)
        #expect(request.sessions.first?.deadline == (try day("2026-12-11")))
        let therapy = request.sessions.filter { $0.step == "therapy" }
        #expect(therapy.count == 10)
        #expect(therapy.allSatisfy { $0.minDaysAfterPrevious == 6 && $0.maxDaysAfterPrevious == 14 })
        #expect(therapy.allSatisfy { $0.continuity == "therapy" && $0.deadline == nil })
        #expect(request.earliest == (try day("2026-11-26")))
        #expect(request.previous == nil)
    }

    @Test func sessionsAlreadyTakenAreNotPlannedAgainAndSpacingCountsFromTheLast() throws {
        let track = try shippedTrack("adult-domestic-violence")
        let taken = [
            try held("intake", 1, on: "2026-12-01", by: "C-BENALI"),
            try held("therapy", 1, on: "2026-12-08"), try held("therapy", 2, on: "2026-12-15"),
        ]
        let request = try #require(
            SessionPlanner.request(
                patient: patient, track: track, taken: taken, scope: .series,
                from: try day("2026-11-26")))
        #expect(request.sessions.count == track.budget.sessions - 3)
        #expect(request.sessions.first?.step == "therapy")
        #expect(request.sessions.first?.occurrence == 3)
        let previous = try #require(request.previous)
        #expect(previous.date == (try day("2026-12-15")))
        #expect(previous.time == LocalTime(hour: 14))
        #expect(previous.clinician(for: "therapy") == "C-ROUX")
        #expect(previous.clinician(for: "intake") == "C-BENALI")
    }

    @Test func nextScopePlansOneSession() throws {
        let track = try shippedTrack("adult-migrant")
        let request = try #require(
            SessionPlanner.request(
                patient: patient, track: track, taken: [try held("intake", 1, on: "2026-12-01")],
                scope: .next, from: try day("2026-11-26")))
        #expect(request.sessions.map(\.step) == ["therapy"])
    }

    @Test func aGroupTrackPlansOnlyTheIndividualSessionsBeforeTheCohort() throws {
        let track = try shippedTrack("adult-trauma-group")
        let request = try #require(
            SessionPlanner.request(
                patient: patient, track: track, taken: [], scope: .series,
                from: try day("2026-11-26")))
        #expect(!request.sessions.isEmpty)
        #expect(request.sessions.allSatisfy { $0.kind != .groupSession })
        #expect(request.sessions.first?.step == "intake")
    }

    @Test func aGroupTrackWaitsForTheCohortsLastSessionThenPlansTheClosingFromIt() throws {
        let track = try shippedTrack("adult-trauma-group")
        let groupStep = try #require(track.steps.first { $0.kind == .groupSession })
        var cohort = try (1...groupStep.count.typical).map { occurrence in
            var session = try held(
                groupStep.id, occurrence,
                on: LocalDate(year: 2027, month: 1, day: 5).map {
                    $0.adding(days: 7 * (occurrence - 1)).iso
                } ?? "")
            session.track = track.id
            session.cohort = "G-2027-01-05-TEST"
            return session
        }
        var intake = try held("intake", 1, on: "2026-12-15")
        intake.track = track.id
        // The cohort still has sessions ahead: nothing follows yet.
        cohort[cohort.count - 1].status = .booked
        #expect(
            SessionPlanner.request(
                patient: patient, track: track, taken: [intake] + cohort, scope: .series,
                from: try day("2027-03-01")) == nil)
        // Its last session held (one missed earlier: no-shows are not taken): the closing steps, after it.
        cohort[cohort.count - 1].status = .attended
        cohort.remove(at: 2)
        let request = try #require(
            SessionPlanner.request(
                patient: patient, track: track, taken: [intake] + cohort, scope: .series,
                from: try day("2027-03-20")))
        #expect(request.sessions.map(\.step) == ["closing", "follow-up"])
        #expect(request.previous?.date == cohort.last.map { ClinicTimeZone.paris.local($0.start).date })
    }

    @Test func aPatientSeenWithoutInterpreterNeedsAClinicianWhoSpeaksTheirLanguage() throws {
        var english = patient
        english.language = "en"
        english.needsInterpreter = false
        let spec = SessionPlanner.spec(
            for: try #require(try shippedTrack("adult-domestic-violence").step("therapy")),
            occurrence: 1, patient: english)
        #expect(spec.languages == ["en"])
        var interpreted = patient
        interpreted.language = "ps"
        interpreted.needsInterpreter = true
        let withInterpreter = SessionPlanner.spec(
            for: try #require(try shippedTrack("adult-migrant").step("therapy")),
            occurrence: 1, patient: interpreted)
        #expect(withInterpreter.languages.isEmpty)
    }

    @Test func everythingTakenLeavesNothingToPlan() throws {
        let track = try shippedTrack("adult-domestic-violence")
        var taken: [Appointment] = []
        var date = try day("2026-12-01")
        for step in track.steps where step.required && step.kind != .referralOut {
            for occurrence in 1...step.count.typical {
                taken.append(try held(step.id, occurrence, on: date.iso))
                date = date.adding(days: 7)
            }
        }
        #expect(
            SessionPlanner.request(
                patient: patient, track: track, taken: taken, scope: .series, from: try day("2026-11-26")) == nil)
    }
}
