import CareModel
import Testing

@testable import PathwayEngine

@Suite("What is due next")
struct NextDueTests {
    let track: Track
    let referral: LocalDate

    init() throws {
        let catalog = try TrackCatalog.load(directory: Paths.pathways)
        track = try #require(catalog.track("adult-domestic-violence"))
        referral = try .on("2026-03-02")
    }

    func held(_ pairs: [(StepID, String)]) throws -> [HeldSession] {
        try pairs.map { HeldSession(step: $0.0, date: try .on($0.1)) }
    }

    /// Intake on 16 March, then therapy every 7 days from 23 March: `count` sessions.
    func throughTherapy(_ count: Int) throws -> [HeldSession] {
        let intake = try LocalDate.on("2026-03-16")
        return [HeldSession(step: "intake", date: intake)]
            + (1...max(count, 1)).prefix(count).map { HeldSession(step: "therapy", date: intake.adding(days: 7 * $0)) }
    }

    @Test func intakeIsDueWithinTwentyOneDaysOfReferral() throws {
        let due = try #require(track.nextDue(held: [], referralDate: referral, today: try .on("2026-03-10")))
        #expect(due.step.id == "intake" && due.occurrence == 1 && due.label == "Intake assessment")
        #expect(due.earliest == referral)
        #expect(try due.latest == .on("2026-03-23"))
        #expect(!due.isOverdue)
        #expect(due.basis == "within 21 days of the referral on 2026-03-02")
    }

    @Test func intakeIsOverdueTheDayAfterItsDeadline() throws {
        #expect(track.nextDue(held: [], referralDate: referral, today: try .on("2026-03-23"))?.isOverdue == false)
        #expect(track.nextDue(held: [], referralDate: referral, today: try .on("2026-03-24"))?.isOverdue == true)
    }

    @Test func therapyIsDueSixToFourteenDaysAfterThePreviousSession() throws {
        let due = try #require(
            track.nextDue(held: try throughTherapy(3), referralDate: referral, today: try .on("2026-04-07")))
        // Third therapy session on 6 April.
        #expect(due.label == "TF-CBT session 4 of 10")
        #expect(try due.earliest == .on("2026-04-12"))
        #expect(try due.latest == .on("2026-04-20"))
        #expect(due.basis == "6-14 days after the session of 2026-04-06")
        #expect(
            track.nextDue(held: try throughTherapy(3), referralDate: referral, today: try .on("2026-04-21"))?.isOverdue
                == true)
    }

    @Test func closingAssessmentFollowsTheTenthSession() throws {
        let due = try #require(track.nextDue(held: try throughTherapy(10), referralDate: referral, today: referral))
        #expect(due.step.id == "closing" && due.of == 1)
        #expect(try due.earliest == .on("2026-05-31"))
        #expect(try due.latest == .on("2026-06-15"))
    }

    @Test func followUpIsAboutThreeMonthsAfterClosingEvenWhenTherapyEndedEarly() throws {
        let sessions = try throughTherapy(8) + held([("closing", "2026-05-20")])
        let due = try #require(track.nextDue(held: sessions, referralDate: referral, today: try .on("2026-06-01")))
        #expect(due.step.id == "follow-up")
        #expect(try due.earliest == .on("2026-08-05"))
        #expect(try due.latest == .on("2026-09-02"))
        #expect(!due.isOverdue)
    }

    @Test func nothingIsDueOnceTheFollowUpIsHeld() throws {
        let sessions = try throughTherapy(10) + held([("closing", "2026-06-01"), ("follow-up", "2026-09-01")])
        #expect(track.nextDue(held: sessions, referralDate: referral, today: try .on("2026-09-02")) == nil)
    }

    @Test func aWholePathwayBookedAtTheEarliestDayStaysInEveryWindow() throws {
        var sessions: [HeldSession] = []
        var labels: [String] = []
        var today = referral
        while let due = track.nextDue(held: sessions, referralDate: referral, today: today) {
            let day = try #require(due.earliest)
            #expect(due.latest.map { day <= $0 } ?? true)
            labels.append(due.label)
            sessions.append(HeldSession(step: due.step.id, date: day))
            today = day
            try #require(sessions.count <= 20)
        }
        #expect(labels.first == "Intake assessment")
        #expect(labels[1] == "TF-CBT session 1 of 10" && labels[10] == "TF-CBT session 10 of 10")
        #expect(labels.suffix(2) == ["Closing assessment", "Follow-up at 3 months"])
        #expect(sessions.count == track.budget.sessions)
    }

    @Test func referralsOutAreAvailableButNeverDue() throws {
        #expect(track.availableReferrals.map(\.partner) == [.legalAid, .forensicUnit, .socialWorker])
        let sessions = try held([("intake", "2026-03-10"), ("legal-aid", "2026-03-11")])
        let due = try #require(track.nextDue(held: sessions, referralDate: referral, today: referral))
        #expect(due.step.id == "therapy")
        #expect(try due.earliest == .on("2026-03-16"))
    }

    @Test func sessionsUsedCountsAttendedSessionsAgainstTheBudget() throws {
        let sessions = try throughTherapy(3) + held([("social-worker", "2026-03-20")])
        #expect(track.sessionsUsed(held: sessions) == 4)
        #expect(track.budget.sessions == 13)
    }
}
