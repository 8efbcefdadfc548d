import Foundation
import Testing

@testable import Desk

/// The writer of the desk's large tables escapes every value as Mustache's `{{value}}` does, and
/// templates place only its fragments unescaped.
@Suite struct HTMLWriterTests {
    @Test func everyMarkupCharacterOfAValueIsEscaped() {
        var html = HTMLWriter()
        html.raw("<td title=\"")
        html.text("\"><script>alert('x')</script>&")
        html.raw("\">")
        html.text("Dupont&Co <b>")
        html.raw("</td>")
        #expect(
            html.fragment.html
                == "<td title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">Dupont&amp;Co &lt;b&gt;</td>"
        )
    }

    @Test func textWithoutMarkupCharactersIsKeptByteForByte() {
        let samples = ["Dr Hélène Roux", "09:00–10:00", "Interprète : 阿里 · دري", "👩‍⚕️ Salle Iris", "", "x"]
        for sample in samples {
            var html = HTMLWriter()
            html.text(sample)
            #expect(html.fragment.html == sample)
        }
        var numbers = HTMLWriter()
        numbers.number(-3)
        numbers.number(1_250)
        #expect(numbers.fragment.html == "-31250")
    }

    @Test func anEscapedCharacterNextToMultibyteTextKeepsTheText() {
        var html = HTMLWriter()
        html.text("é<é>\u{301}\"ü'")
        #expect(html.fragment.html == "é&lt;é&gt;\u{301}&quot;ü&#39;")
    }

    @Test func anEmptyFragmentCountsAsAbsentForASection() {
        #expect(HTMLWriter().fragment.isNull)
        var html = HTMLWriter()
        html.raw("<tr></tr>")
        #expect(!html.fragment.isNull)
    }

    /// The triple mustache places markup as is: only ``HTMLWriter``'s fragments may be placed so
    /// (their keys end in `HTML`), never a value read from a user or the database.
    @Test func onlyWrittenFragmentsArePlacedUnescapedInTemplates() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Desk/Resources/templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(names.count == Templates.names.count)
        var placed: [String] = []
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("{{&"), "\(name)")
            var rest = Substring(text)
            var outside = ""
            while let open = rest.range(of: "{{{") {
                let close = try #require(rest[open.upperBound...].range(of: "}}}"), "\(name)")
                let key = String(rest[open.upperBound..<close.lowerBound])
                #expect(key.hasSuffix("HTML"), "\(name): {{{\(key)}}}")
                placed.append(key)
                outside += rest[..<open.lowerBound]
                rest = rest[close.upperBound...]
            }
            outside += rest
            // A fragment placed with `{{…}}` would show its markup as text.
            #expect(!outside.contains("HTML}}"), "\(name)")
        }
        #expect(Set(placed) == ["rowsHTML", "sessionsHTML", "groupsHTML", "interpretersHTML"])
    }
}
