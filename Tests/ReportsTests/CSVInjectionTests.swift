import Testing

@testable import Reports

/// Report CSV opened in a spreadsheet: a cell that would start a formula stays text, numbers
/// stay numbers, and RFC 4180 quoting still holds.
@Suite struct CSVInjectionTests {
    @Test(arguments: [
        ("=1+1", "\"'=1+1\""), ("+33 6 12", "\"'+33 6 12\""), ("-cmd|' /C calc'!A0", "\"'-cmd|' /C calc'!A0\""),
        ("@SUM(A1)", "\"'@SUM(A1)\""), ("\tx", "\"'\tx\""), ("=\"a\",b", "\"'=\"\"a\"\",b\""),
    ])
    func aCellThatWouldStartAFormulaIsPrefixedAndQuoted(cell: String, expected: String) {
        #expect(CSV.field(cell) == expected)
    }

    @Test func numbersAndPlainTextAreLeftAsTheyAre() {
        #expect(CSV.field("-3.5") == "-3.5")
        #expect(CSV.field("12") == "12")
        #expect(CSV.field("+4") == "+4")
        #expect(CSV.field("Salle Iris") == "Salle Iris")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("") == "")
    }
}
