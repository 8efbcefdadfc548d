import Foundation
import Testing

@testable import Store

/// The list argument of the bulk reads (`json_each(?)`) is the JSON array of its values, whatever
/// they hold.
@Suite struct JSONArrayTests {
    @Test func theArrayDecodesToTheSameValues() throws {
        let values = [
            "P-AAAA", "", "quote \" and backslash \\", "line\nfeed\r\ttab", "\u{01}\u{1F}", "Hélène 阿里 👩‍⚕️", "/",
        ]
        let json = ParcoursStore.jsonArray(values)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(decoded == values)
        #expect(ParcoursStore.jsonArray(["P-AAAA", "P-BBBB"]) == "[\"P-AAAA\",\"P-BBBB\"]")
        #expect(ParcoursStore.jsonArray([String]()) == "[]")
    }
}
