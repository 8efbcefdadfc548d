import CareModel
import Foundation
import ICalendar
import Testing

@Suite("Text encoding: escaping, folding, line ends")
struct TextEncodingTests {
    static let tricky = "Bilan é ç à, suivi; \\ chemin\nligne 2, « guillemets »"

    func feed(summary: String, location: String? = "Salle 1, rez-de-chaussée; aile B") -> CalendarFeed {
        CalendarFeed(
            name: "Équipe, Poitiers; test",
            events: [
                Fixtures.session("text@parcours", Paris.at("2026-05-12", 9), summary: summary, location: location)
            ])
    }

    @Test func accentsCommasSemicolonsBackslashesAndNewlinesSurviveARoundTrip() throws {
        let text = try CalendarExporter.ics(feed(summary: Self.tricky))
        #expect(text.contains("\\,"))
        #expect(text.contains("\\;"))
        #expect(text.contains("\\n"))
        #expect(text.contains("\\\\"))
        let back = try CalendarImporter().events(inICS: text, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        let event = try #require(back.first)
        #expect(event.summary == Self.tricky)
        #expect(event.location == "Salle 1, rez-de-chaussée; aile B")
    }

    @Test(arguments: ["é", "€", "😀", "ç"], [0, 1, 2, 3])
    func longLinesFoldWithoutSplittingACharacter(character: String, offset: Int) throws {
        let summary = String(repeating: "x", count: offset) + String(repeating: character, count: 120)
        let text = try CalendarExporter.ics(feed(summary: summary))
        let bytes = Array(text.utf8)
        var lineStart = 0
        var folds = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at byte \(index)")
            let line = bytes[lineStart..<(index - 1)]
            #expect(line.count <= 75, "line of \(line.count) octets")
            if line.first == 0x20 {
                folds += 1
                // A continuation line must not start in the middle of a UTF-8 sequence.
                #expect(line.dropFirst().first.map { $0 & 0xC0 != 0x80 } ?? true)
            }
            #expect(String(validating: line, as: UTF8.self) != nil, "a line is not valid UTF-8 on its own")
            lineStart = index + 1
        }
        #expect(folds > 0)
        #expect(lineStart == bytes.count, "text must end with CRLF")
        let back = try CalendarImporter().events(inICS: text, from: Fixtures.horizon.from, to: Fixtures.horizon.to)
        #expect(back.first?.summary == summary)
    }

    @Test func everyLineEndsWithCRLF() throws {
        let text = try CalendarExporter.ics(Fixtures.dstFeed)
        let bytes = Array(text.utf8)
        let bareLF = bytes.indices.filter { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }
        #expect(bareLF.isEmpty)
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
    }
}
