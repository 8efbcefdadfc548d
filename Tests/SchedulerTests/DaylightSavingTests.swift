import CareModel
import Foundation
import Testing

@testable import Scheduler

/// Hours are Paris wall-clock rules; the instants shift by an hour across the DST changes.
@Suite struct DaylightSavingTests {
    /// A therapist who only works Tuesdays 14:00-15:30, so every session must be at 14:00 local.
    func tuesdayTherapist() throws -> Clinician {
        Clinician(
            id: "C-MARTIN", name: "Claire Martin", role: .psychologist, skills: [.emdr],
            hours: try hours("tue 14:00-15:30"))
    }

    func weeklyTherapy(from: String, count: Int) throws -> SeriesRequest {
        var request = try Centre.emdrSeries("P-7KQ2", referral: from, therapy: count, followUp: false)
        request.sessions.removeFirst() // therapy only
        request.sessions.removeLast()
        return request
    }

    @Test(arguments: [("2027-03-16", "2027-03-30", 3600.0), ("2027-10-19", "2027-11-02", -3600.0)])
    func weeklyFourteenHundredStaysFourteenHundredAcrossTheChange(
        _ from: String, _ after: String, _ shift: Double
    ) throws {
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2")], clinicians: [try tuesdayTherapist()],
            closed: [], today: from)
        let proposal = try Scheduler.bookSeries(try weeklyTherapy(from: from, count: 4), in: problem).proposal()
        let starts = proposal.sessions.map(\.start)
        #expect(starts.count == 4)
        for start in starts {
            #expect(local(start).time == (try clock("14:00")))
            #expect(local(start).date.weekday == .tuesday)
        }
        // Before the change and after it, the same wall-clock time is a different UTC hour.
        let before = try #require(starts.first), later = try paris(after, "14:00")
        #expect(starts.contains(later))
        let weeks = Double(try day(from).days(to: try day(after))) / 7
        #expect(later.timeIntervalSince(before) == weeks * 7 * 86_400 - shift)
    }

    @Test func noSessionStartsInsideTheSpringGap() throws {
        // Sunday 28 March 2027: the clock jumps from 02:00 to 03:00. The clinician "works" 01:00-04:00.
        let night = Clinician(
            id: "C-NUIT", name: "Garde de nuit", role: .psychologist,
            hours: try hours("sun 01:00-04:00"))
        let problem = try Centre.problem(
            patients: ["P-AAAA", "P-BBBB", "P-CCCC", "P-DDDD"].map { PatientNeeds(code: PatientCode($0)) },
            clinicians: [night],
            rooms: Centre.rooms + [
                Room(id: "R-4", name: "Bureau 4", capacity: 2, features: [.individual]),
                Room(id: "R-5", name: "Bureau 5", capacity: 2, features: [.individual]),
            ],
            closed: [],
            requests: try ["P-AAAA", "P-BBBB", "P-CCCC", "P-DDDD"].map {
                try Centre.single(PatientCode($0), from: "2027-03-28", minutes: 30, roles: [.psychologist])
            }, today: "2027-03-28", horizon: "2027-03-28")
        let result = Scheduler.batch(problem)
        #expect(!result.sessions.isEmpty)
        for session in result.sessions {
            let when = local(session.start)
            let inGap = when.time.hour == 2
            #expect(!inGap, "started in the gap at \(when.time)")
            // The wall-clock time round-trips to the same instant: it exists.
            #expect(ClinicTimeZone.paris.instant(on: when.date, at: when.time) == session.start)
            #expect(session.end.timeIntervalSince(session.start) == 30 * 60)
        }
        #expect(conflicts(result.sessions, problem: problem).isEmpty)
        // 01:00 and 03:00 exist; 01:30 would run across the jump and is refused.
        let times = Set(result.sessions.map { local($0.start).time.description })
        #expect(times.contains("01:00") && times.contains("03:00") && !times.contains("01:30"))
    }

    @Test func hoursOnlyInsideTheGapAreExplainedAndTheNextSundayOffered() throws {
        let night = Clinician(
            id: "C-NUIT", name: "Garde de nuit", role: .psychologist, hours: try hours("sun 02:00-03:00"))
        let problem = try Centre.problem(
            patients: [PatientNeeds(code: "P-7KQ2")], clinicians: [night], closed: [],
            today: "2027-03-28", horizon: "2027-04-30")
        var request = try Centre.single("P-7KQ2", from: "2027-03-28", minutes: 30, roles: [.psychologist])
        request.previous = PreviousSession(date: try day("2027-03-27"))
        request.sessions[0].maxDaysAfterPrevious = 1
        let explanation = try Scheduler.bookSeries(request, in: problem).explanation()
        #expect(explanation.binding.contains(.dstGap))
        #expect(explanation.count(.dstGap) == 3) // 02:00, 02:15 and 02:30 do not exist
        #expect(explanation.earliestWorkable == (try day("2027-04-04")))
        #expect(explanation.description.contains("2027-04-04"))
    }
}
