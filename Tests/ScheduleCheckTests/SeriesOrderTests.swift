import CareModel
import Foundation
import Scheduler
import Testing

@testable import ScheduleCheck

/// The order invariants of stored series (`IndependentChecker.checkOrder`), each planted in a
/// small hand-made series.
@Suite struct SeriesOrderTests {
    let tracks: [TrackID: [SeriesStep]] = [
        Fixture.track: [
            SeriesStep(step: "intake", count: 1),
            SeriesStep(step: "therapy", count: 3, maxCount: 4, minDaysAfterPrevious: 6, maxDaysAfterPrevious: 14),
            SeriesStep(step: "closing", count: 1, minDaysAfterPrevious: 6, maxDaysAfterPrevious: 21),
        ]
    ]

    func row(_ step: StepID, _ occurrence: Int, _ date: String, cohort: String? = nil) throws -> ProposedSession {
        let start = try Fixture.at(date, "10:00")
        return ProposedSession(
            patient: "P-AAAA", track: Fixture.track, step: step, occurrence: occurrence, start: start,
            end: start.addingTimeInterval(3600), clinicians: ["C-ROUX"], room: "R-1", cohort: cohort)
    }

    func kinds(_ rows: [ProposedSession]) -> [ViolationKind] {
        IndependentChecker.checkOrder(sessions: rows, tracks: tracks, timeZone: .paris).map(\.kind)
    }

    @Test func aSeriesInOrderAndSpacedHasNoViolation() throws {
        let rows = [
            try row("intake", 1, "2027-01-04"), try row("therapy", 1, "2027-01-11"),
            try row("therapy", 2, "2027-01-18"),
            try row("therapy", 3, "2027-01-25"), try row("closing", 1, "2027-02-08"),
        ]
        #expect(kinds(rows).isEmpty)
    }

    @Test func aTherapyAfterTheClosingAndAnIntakeAfterATherapyAreOutOfOrder() throws {
        let late = [
            try row("intake", 1, "2027-01-04"), try row("therapy", 1, "2027-01-11"),
            try row("therapy", 2, "2027-01-18"),
            try row("closing", 1, "2027-01-15"),
        ]
        #expect(kinds(late) == [.outOfOrder])
        let intake = [try row("therapy", 1, "2027-01-11"), try row("intake", 1, "2027-01-20")]
        #expect(kinds(intake) == [.outOfOrder])
    }

    @Test func spacingIsCheckedBetweenNeighboursButNotAcrossAGapOrAnOptionalSession() throws {
        let close = [try row("therapy", 1, "2027-01-11"), try row("therapy", 2, "2027-01-13")]
        #expect(kinds(close) == [.spacingTooShort])
        let far = [try row("therapy", 1, "2027-01-11"), try row("therapy", 2, "2027-02-15")]
        #expect(kinds(far) == [.spacingTooLong])
        // Therapy 2 cancelled and not replaced: the gap suspends the spacing rule.
        let gap = [try row("therapy", 1, "2027-01-11"), try row("therapy", 3, "2027-02-15")]
        #expect(kinds(gap).isEmpty)
        // The optional fourth therapy missing: the closing is spaced from the third.
        let closing = [try row("therapy", 3, "2027-01-25"), try row("closing", 1, "2027-03-15")]
        #expect(kinds(closing) == [.spacingTooLong])
    }

    @Test func aGroupSessionKeepsItsCohortsSlotRatherThanASpacingFromTheIntake() throws {
        let rows = [try row("intake", 1, "2027-01-04"), try row("therapy", 1, "2027-02-15", cohort: "G-1")]
        #expect(kinds(rows).isEmpty)
    }
}
