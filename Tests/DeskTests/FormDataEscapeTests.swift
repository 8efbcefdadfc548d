import Foundation
import Testing

@testable import Desk

/// Query-string escaping: ids pass as they are, anything else is percent-encoded as before.
@Suite struct FormDataEscapeTests {
    @Test func idsPassAsTheyAreAndEverythingElseIsPercentEncoded() {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        let samples = [
            "P-22222", "A-X7Q2ZB", "/aujourdhui", "C-B00", "", "a b", "Hélène", "x?y=z&w#v", "100%", "<script>", "é/è",
        ]
        for sample in samples {
            #expect(
                FormData.escape(sample) == sample.addingPercentEncoding(withAllowedCharacters: allowed), "\(sample)")
        }
        #expect(FormData.escape("P-22222") == "P-22222")
        #expect(FormData.escape("a b&c") == "a%20b%26c")
    }
}
