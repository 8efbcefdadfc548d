import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Testing

@testable import Booking

/// The track's `missed-sessions` rules decide which lost sessions are planned again.
@Suite struct MissedSessionRulesTests {
    let patient = Patient(
        code: "P-7KQ2", birthDate: LocalDate(year: 1988, month: 3, day: 12) ?? LocalDate(daysSinceEpoch: 0),
        category: .domesticViolence, referralSource: .legalAid,
        referralDate: LocalDate(year: 2026, month: 11, day: 20) ?? LocalDate(daysSinceEpoch: 0))

    func session(_ step: StepID, _ occurrence: Int, on date: String, _ status: AppointmentStatus) throws -> Appointment
    {
        let start = try #require(ClinicTimeZone.paris.instant(on: try day(date), at: LocalTime(hour: 14) ?? .midnight))
        return Appointment(
            id: AppointmentID("A-\(step)-\(occurrence)-\(date)"), patient: patient.code,
            track: "adult-domestic-violence", step: step, occurrence: occurrence, start: start,
            end: start.addingTimeInterval(3600), clinicians: ["C-ROUX"], room: "R-101", status: status)
    }

    func track(_ rules: MissedSessions) throws -> Track {
        var track = try shippedTrack("adult-domestic-violence")
        track.missedSessions = rules
        return track
    }

    /// Intake and therapies 1-2 held, therapy 3 missed, therapy 4 cancelled, therapies 5-10 and the rest booked.
    func history() throws -> (taken: [Appointment], lost: [Appointment]) {
        var taken = [
            try session("intake", 1, on: "2026-11-30", .attended),
            try session("therapy", 1, on: "2026-12-07", .attended),
            try session("therapy", 2, on: "2026-12-14", .attended),
        ]
        let lost = [
            try session("therapy", 3, on: "2026-12-21", .noShow),
            try session("therapy", 4, on: "2026-12-28", .cancelledByPatient),
        ]
        let first = try day("2027-01-04")
        for n in 5...10 { taken.append(try session("therapy", n, on: first.adding(days: 7 * (n - 5)).iso, .booked)) }
        return (taken, lost)
    }

    func planned(_ rules: MissedSessions) throws -> [String] {
        let (taken, lost) = try history()
        let request = SessionPlanner.request(
            patient: patient, track: try track(rules), taken: taken, scope: .series,
            from: try day("2026-12-29"), lost: lost)
        return request?.sessions.filter { $0.step == "therapy" }.map { "therapy \($0.occurrence)" } ?? []
    }

    @Test func byDefaultEveryLostSessionIsPlannedAgain() throws {
        #expect(try planned(.standard) == ["therapy 3", "therapy 4"])
    }

    @Test func aTrackThatCountsNoShowsReplacesOnlyTheCancellation() throws {
        #expect(try planned(MissedSessions(noShow: .count)) == ["therapy 4"])
    }

    @Test func replacementsStopAtTheTracksLimitEarliestFirst() throws {
        #expect(try planned(MissedSessions(maxReplacements: 1)) == ["therapy 3"])
        #expect(try planned(MissedSessions(maxReplacements: 0)).isEmpty)
    }

    @Test func theIntakeIsReplacedWhateverTheLimit() throws {
        let lost = [try session("intake", 1, on: "2026-11-30", .noShow)]
        let request = SessionPlanner.request(
            patient: patient, track: try track(MissedSessions(noShow: .count, maxReplacements: 0)),
            taken: [], scope: .next, from: try day("2026-12-01"), lost: lost)
        #expect(request?.sessions.map(\.step) == ["intake"])
    }

    @Test func theShippedTracksSayWhatTheCentreChose() throws {
        for id in [
            "adult-domestic-violence", "adult-migrant", "adult-accident-disaster-emdr", "adult-exposed-professional",
        ] {
            #expect(try shippedTrack(id).missedSessions == MissedSessions(noShow: .replace, maxReplacements: 3))
        }
    }
}
