import Testing

@testable import CareModel

/// One rule for every id a person chooses, printable text, plausible dates, typeable codes.
@Suite struct IdentifierRuleTests {
    @Test func theRuleAcceptsShippedIdsAndRefusesWhatCouldEscapeAFolderOrALine() throws {
        for id in [
            "C-ROUX", "R-GROUPE", "I-HADDAD", "adult-migrant", "P-7KQ2", "C_2", String(repeating: "A", count: 40),
        ] {
            #expect(IdentifierRule.isValid(id), "\(id)")
        }
        for id in [
            "", "..", "../escaped", "a/b", "C-A\r\nB", "-x", "_x", "C ROUX", "C-RÖUX",
            String(repeating: "A", count: 41), "C\u{202E}X",
        ] {
            #expect(!IdentifierRule.isValid(id), "\(id.debugDescription)")
        }
        #expect(
            throws: CareModelError.invalidValue(field: "--id", value: "a\\u{A}b", expected: IdentifierRule.expected)
        ) {
            try IdentifierRule.check("a\nb", field: "--id")
        }
    }

    @Test func printableTextEscapesEveryControlAndBidiCharacter() {
        #expect(PrintableText.escaped("Dr \u{1B}[2JRoux\r\n") == "Dr \\u{1B}[2JRoux\\u{D}\\u{A}")
        #expect(PrintableText.escaped("abc\u{202E}cba") == "abc\\u{202E}cba")
        #expect(PrintableText.escaped("Léa Vasseur") == "Léa Vasseur")
    }

    @Test func generatedPatientCodesAreWellFormedAndDistinct() {
        let codes = (0..<2_000).map { PatientCode.sequential($0) }
        #expect(codes.allSatisfy { PatientCode.isWellFormed($0.rawValue) && IdentifierRule.isValid($0.rawValue) })
        #expect(Set(codes).count == codes.count)
        #expect(codes[0] == "P-22222")
    }

    @Test func implausibleDatesAreNamedWithTheirWindow() throws {
        let today = try #require(LocalDate(parsing: "2026-11-26"))
        func day(_ text: String) throws -> LocalDate { try #require(LocalDate(parsing: text)) }
        #expect(PlausibleDates.birth(try day("1990-05-05"), today: today) == nil)
        #expect(PlausibleDates.birth(try day("2300-01-01"), today: today) != nil)
        #expect(PlausibleDates.birth(try day("1900-01-01"), today: today) != nil)
        #expect(PlausibleDates.referral(try day("2026-11-20"), birth: try day("1990-05-05"), today: today) == nil)
        #expect(PlausibleDates.referral(try day("2026-11-27"), birth: try day("1990-05-05"), today: today) != nil)
        #expect(PlausibleDates.measure(try day("2012-12-31"), today: today) != nil)
        #expect(PlausibleDates.measure(try day("2026-11-26"), today: today) == nil)
        #expect(PlausibleDates.closedDay(try day("2036-11-26"), today: today) == nil)
        #expect(PlausibleDates.closedDay(try day("2036-11-27"), today: today) != nil)
    }
}
