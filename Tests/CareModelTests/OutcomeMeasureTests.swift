import CareModel
import Testing

@Suite struct OutcomeMeasureTests {
    let day = LocalDate(daysSinceEpoch: 20_000)

    @Test func pcl5AcceptsZeroToEightyAndRefusesTheRest() throws {
        #expect(try OutcomeMeasure(patient: "P-7KQ2", instrument: .pcl5, score: 0, on: day).score == 0)
        #expect(try OutcomeMeasure(patient: "P-7KQ2", instrument: .pcl5, score: 80, on: day).score == 80)
        #expect(
            throws: CareModelError.invalidValue(
                field: "PCL-5 score", value: "81", expected: "a whole number from 0 to 80")
        ) {
            try OutcomeMeasure(patient: "P-7KQ2", instrument: .pcl5, score: 81, on: day)
        }
        #expect(throws: CareModelError.self) {
            try OutcomeMeasure(patient: "P-7KQ2", instrument: .pcl5, score: -1, on: day)
        }
    }

    @Test func instrumentsAreFoundWhateverTheCaseOrHyphen() {
        #expect(Instrument(named: "pcl5") == .pcl5)
        #expect(Instrument(named: "PCL-5") == .pcl5)
        #expect(Instrument(named: "PHQ-9") == nil)
    }
}
