import CareModel
import Testing

/// One definition of a percentile for reports, benchmarks and the checker: nearest rank.
@Suite struct NearestRankTests {
    @Test func percentileIsTheSmallestValueWithThatShareAtOrBelowIt() {
        let waits = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
        #expect(NearestRank.percentile(50, of: waits) == 3)
        #expect(NearestRank.percentile(90, of: waits) == 6)
        #expect(NearestRank.percentile(100, of: waits) == 9)
        #expect(NearestRank.percentile(0, of: waits) == 1)
    }

    @Test func wholePercentsOfRoundCountsAreExactRanks() {
        // 95 % of 20 values is the 19th: a floating 0.95 × 20 could round up to the 20th.
        let values = Array(1...20)
        #expect(NearestRank.percentile(95, ofSorted: values) == 19)
        #expect(NearestRank.percentile(5, ofSorted: values) == 1)
        #expect(NearestRank.percentile(99, ofSorted: Array(1...100)) == 99)
    }

    @Test func noValuesHaveNoPercentile() {
        #expect(NearestRank.percentile(50, of: [Int]()) == nil)
    }

    @Test func durationsConvertToSecondsAndMicroseconds() {
        let duration = Duration.seconds(2) + .microseconds(1_500)
        #expect(duration.inSeconds == 2.0015)
        #expect(duration.inMicroseconds == 2_001_500)
    }
}
