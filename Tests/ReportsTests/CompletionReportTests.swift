import CareModel
import Foundation
import Reports
import Testing

/// Every figure of the completion report against ReportFixture, worked out by hand.
@Suite struct CompletionReportTests {
    let byCategory = CompletionReport.compute(ReportFixture.input, period: ReportFixture.period, by: .category)

    func group(_ name: String, in report: CompletionReport) throws -> GroupFigures {
        try #require(report.groups.first { $0.group == name })
    }

    /// Domestic violence, referred in the period: P1-P6 (P9 was referred in 2025).
    /// States: P1 P2 P3 completed, P4 dropped out, P5 in treatment, P6 never enrolled.
    /// Sessions: P1 7 (5 attended, 1 no-show, 1 cancelled by patient), P2 5 (4 att., 1 by centre),
    /// P3 3 att., P4 4 (2 att., 2 no-shows), P5 2 (1 att., 1 booked): 21 planned, 15 attended.
    @Test func countsStatesAndSessionsOfAGroup() throws {
        let dv = try group("domestic-violence", in: byCategory)
        #expect(
            [dv.patients, dv.enrolled, dv.active, dv.completed, dv.droppedOut, dv.referredOut] as [Int] == [
                6, 5, 1, 3, 1, 0,
            ])
        // 3 completed of 4 ended pathways.
        #expect(dv.completionRate == 0.75)
        #expect(
            [dv.sessionsPlanned, dv.attended, dv.noShows, dv.cancelledByPatient, dv.cancelledByCentre] as [Int] == [
                21, 15, 3, 1, 1,
            ])
    }

    /// Referral → intake: P1 01-05→01-19 14, P2 01-10→02-09 30, P3 01-12→01-22 10, P4 02-01→02-21 20,
    /// P5 02-15→03-01 14. Sorted 10 14 14 20 30: median 14; 90th pct nearest rank ceil(4.5)=5th = 30.
    /// Intake → first therapy: P1 7, P2 7, P3 01-22→02-05 14, P4 02-21→03-07 14 (P5's is only booked):
    /// 7 7 14 14, median 10.5, 90th pct ceil(3.6)=4th = 14.
    @Test func waitsAreMedianAndNinetiethPercentileInDays() throws {
        let dv = try group("domestic-violence", in: byCategory)
        #expect(dv.referralToIntake.sorted() == [10, 14, 14, 20, 30])
        #expect(dv.medianReferralToIntake == 14)
        #expect(dv.p90ReferralToIntake == 30)
        #expect(dv.medianIntakeToTherapy == 10.5)
        #expect(dv.p90IntakeToTherapy == 14)
    }

    /// Completed: P1 5 attended, P2 4, P3 3 → median 4 against a budget of 13.
    /// PCL-5: P1 50→30 (+20), P2 40→35 (+5); P3 has no closing score (60 is 28 days from the
    /// closing, outside 14 days) so is left out: mean 12.5, 1 of 2 improved by ≥ 10.
    @Test func sessionsToCompletionAndPCLChangeLeaveOutAMissingClosingScore() throws {
        let dv = try group("domestic-violence", in: byCategory)
        #expect(dv.medianSessionsToCompletion == 4)
        #expect(dv.medianBudget == 13)
        #expect(dv.pclChanges.sorted() == [5, 20])
        #expect(dv.meanPCLChange == 12.5)
        #expect(dv.shareImprovedBy10 == 0.5)
    }

    /// All eight patients: 7 enrolled, 4 completed (P1 P2 P3 P8), 1 dropped out, 1 referred out (P7):
    /// 4 of 6 ended = 2/3. Sessions 21 + P7 1 + P8 4 = 26 planned, 20 attended.
    /// Referral → intake adds P7 01-20→02-02 13 and P8 01-25→02-05 11: 10 11 13 14 14 20 30,
    /// median 14, 90th pct ceil(6.3)=7th = 30. Intake → therapy adds P8 5: 5 7 7 14 14, median 7,
    /// 90th pct 5th = 14. Sessions to completion 3 4 4 5: median 4; budgets 12 13 13 13: 13.
    /// PCL-5 adds P8 45→33 (+12, the closing score a week after the session): 20 5 12, mean 37/3,
    /// 2 of 3 improved by ≥ 10.
    @Test func theTotalCoversEveryPatientOfThePeriodOnly() {
        let all = byCategory.total
        #expect(
            [all.patients, all.enrolled, all.active, all.completed, all.droppedOut, all.referredOut] as [Int] == [
                8, 7, 1, 4, 1, 1,
            ])
        #expect(all.completionRate == 4.0 / 6.0)
        #expect(
            [all.sessionsPlanned, all.attended, all.noShows, all.cancelledByPatient, all.cancelledByCentre] as [Int]
                == [26, 20, 3, 1, 1])
        #expect(all.medianReferralToIntake == 14)
        #expect(all.p90ReferralToIntake == 30)
        #expect(all.medianIntakeToTherapy == 7)
        #expect(all.p90IntakeToTherapy == 14)
        #expect(all.medianSessionsToCompletion == 4)
        #expect(all.medianBudget == 13)
        #expect(all.meanPCLChange == 37.0 / 3.0)
        #expect(all.shareImprovedBy10 == 2.0 / 3.0)
    }

    /// Accidents and disasters has 2 patients: the row shows "<5" and nothing else.
    @Test func aGroupUnderFivePatientsIsShownAsLessThanFive() throws {
        let ad = try group("accident-disaster", in: byCategory)
        #expect(ad.isSuppressed)
        let row = try #require(byCategory.rows.first { $0.first == "accident-disaster" })
        #expect(row == ["accident-disaster", "<5"] + Array(repeating: "", count: CompletionReport.columns.count - 1))
        #expect(byCategory.csv().contains("accident-disaster,<5,,,"))
        #expect(try byCategory.json().contains("\"patients\" : \"<5\""))
        #expect(
            !byCategory.html(generated: ReportFixture.day("2026-04-01")).contains(
                "<td>accident-disaster</td><td>2</td>"))
    }

    /// By track: T-IND holds P1-P5, exactly 5 (shown); T-GRP 2 and "not enrolled" 1 (P6) are withheld.
    /// By clinician: C-A saw P1-P5, C-B saw P7 and P8, P6 nobody.
    @Test func otherGroupingsSplitTheSamePatients() throws {
        let byTrack = CompletionReport.compute(ReportFixture.input, period: ReportFixture.period, by: .track)
        #expect(byTrack.groups.map(\.group) == ["T-GRP", "T-IND", "not enrolled"])
        #expect(byTrack.groups.map(\.patients) == [2, 5, 1])
        #expect(byTrack.groups.map(\.isSuppressed) == [true, false, true])
        let byClinician = CompletionReport.compute(ReportFixture.input, period: ReportFixture.period, by: .clinician)
        #expect(byClinician.groups.map(\.group) == ["C-A", "C-B", "unassigned"])
        #expect(byClinician.groups.map(\.patients) == [5, 2, 1])
        let byModality = CompletionReport.compute(ReportFixture.input, period: ReportFixture.period, by: .modality)
        #expect(byModality.groups.map(\.group) == ["group", "individual", "not enrolled"])
    }

    @Test func anEmptyPeriodHasNoGroupsAndAZeroTotal() throws {
        let period = ReferralPeriod(from: ReportFixture.day("2027-01-01"), to: ReportFixture.day("2027-12-31"))
        let empty = CompletionReport.compute(ReportFixture.input, period: period, by: .category)
        #expect(empty.groups.isEmpty)
        #expect(empty.total.patients == 0)
        #expect(!empty.total.isSuppressed)
        #expect(empty.total.completionRate == nil)
        #expect(empty.total.medianReferralToIntake == nil)
        #expect(
            empty.rows == [
                [
                    "all", "0", "0", "0", "0", "0", "0", "", "0", "0", "0", "0", "0", "0", "", "", "", "", "", "", "0",
                    "", "",
                ]
            ])
        #expect(
            empty.html(generated: ReportFixture.day("2027-06-01")).contains("No patient was referred in this period"))
    }
}
