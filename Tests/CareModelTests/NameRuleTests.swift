import CareModel
import Testing

/// The one name rule the CLI's `--name` and the desk's forms share.
@Suite struct NameRuleTests {
    @Test func aNameIsKeptWithoutItsSurroundingSpaces() {
        #expect(NameRule.check("  Dr Hélène Roux ") == .success("Dr Hélène Roux"))
        #expect(NameRule.check(String(repeating: "é", count: 200)) == .success(String(repeating: "é", count: 200)))
    }

    @Test func aBlankNameIsEmpty() {
        #expect(NameRule.check("") == .failure(.empty))
        #expect(NameRule.check("   ") == .failure(.empty))
    }

    @Test func aControlCharacterAnywhereIsRefused() {
        #expect(NameRule.check("Anne\nRoux") == .failure(.controlCharacter))
        #expect(NameRule.check("\u{1B}[31mRoux") == .failure(.controlCharacter))
        #expect(NameRule.check("Roux\u{7F}") == .failure(.controlCharacter))
    }

    @Test func aNameOverTwoHundredCharactersSaysHowLongItIs() {
        #expect(NameRule.check(String(repeating: "a", count: 201)) == .failure(.tooLong(count: 201)))
    }
}
