import CareModel
import Foundation
import ICalendar
import Testing

/// Every file of Tests/ImportCorpus imported and compared, occurrence by occurrence, with what
/// python's recurring-ical-events expands from it (Tests/ImportCorpus/expected.json, written by
/// Scripts/ics-oracle.py and re-checked against the library by .ci/run).
@Suite("Import corpus against the recurring-ical-events oracle")
struct CorpusOracleTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ImportCorpus")
    /// The oracle's window: local midnight in Paris, 1 January 2010 to 1 January 2031.
    static let window = (from: Paris.at("2010-01-01", 0), to: Paris.at("2031-01-01", 0))

    struct Expected: Decodable {
        var status: String
        var occurrences: [[String]]?
    }

    /// Files where Parcours differs from recurring-ical-events on purpose, with the reason
    /// (docs/feeds.md lists them). Each must still differ: a fixed one is taken off the list.
    static let knownDifferences: [String: String] = [
        // Read differently on purpose.
        "recurring-ical-events/Germany_Holidays.ics":
            "DTEND equal to DTSTART on a whole day (Calendar Labs' holidays): one day here, zero days there",
        "recurring-ical-events/issue_28_rrule_with_UTC_endinginZ.ics":
            "Exchange's UTC UNTIL on an all-day series is the local midnight of the last day: kept here, dropped there",
        "programs/parcours-spring-gap.ics":
            "an occurrence starting in the spring-forward gap keeps its exact length here (RFC 5545 3.8.5.3), none there",
        // Refused here with the line and the reason; read by guessing there.
        "recurring-ical-events/end_before_start_event.ics": "DTEND before DTSTART (swapped there)",
        "recurring-ical-events/issue_132_swapped_start_and_end.ics": "DTEND before DTSTART (swapped there)",
        "recurring-ical-events/issue_107_omitting_last_event.ics":
            "TZID 'Pacific Standard Time' defined as 'Pacific Standard Time:'",
        "recurring-ical-events/issue_117_until_before_dtstart.ics": "UNTIL before DTSTART: the rule gives no date",
        "recurring-ical-events/issue_128_only_first_event.ics": "RRULE with COUNT=-1",
        "recurring-ical-events/issue_201_mixed_datetime_and_date.ics": "a whole-day DTSTART with a date-time DTEND",
        "recurring-ical-events/issue_201_test_matrix.ics": "END:VTOOD closes BEGIN:VTODO",
    ]

    static func occurrence(_ event: ImportedEvent) -> [String] {
        switch event.timing {
        case let .allDay(first, end): [first.iso, end.iso]
        case let .timed(start, end): [Self.utc(start), Self.utc(end)]
        }
    }

    static func utc(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
    }

    @Test func everyFileTheOracleExpandsIsImportedWithExactlyItsOccurrences() throws {
        let data = try Data(contentsOf: Self.corpus.appendingPathComponent("expected.json"))
        let expected = try JSONDecoder().decode([String: Expected].self, from: data)
        #expect(expected.count >= 100, "the corpus lost files")
        var matched = 0, expanded = 0
        var differences: [String: String] = [:]
        for (name, oracle) in expected.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            let imported: Result<[ImportedEvent], ICalendarError>
            do {
                imported = .success(
                    try CalendarImporter().events(inICS: bytes, from: Self.window.from, to: Self.window.to))
            } catch {
                imported = .failure(error)
            }
            guard oracle.status == "expanded", let occurrences = oracle.occurrences else { continue }
            expanded += 1
            switch imported {
            case let .success(events):
                let ours = events.map(Self.occurrence).sorted { $0.lexicographicallyPrecedes($1) }
                if ours == occurrences {
                    matched += 1
                } else {
                    let missing = occurrences.filter { !ours.contains($0) },
                        extra = ours.filter { !occurrences.contains($0) }
                    differences[name] =
                        "\(ours.count) imported, \(occurrences.count) expected; "
                        + "missing \(missing.prefix(3)), extra \(extra.prefix(3))"
                }
            case let .failure(error):
                differences[name] = "refused: \(error)"
            }
        }
        for (name, difference) in differences.sorted(by: { $0.key < $1.key }) where Self.knownDifferences[name] == nil {
            Issue.record("\(name): \(difference)")
        }
        for name in Self.knownDifferences.keys where differences[name] == nil {
            Issue.record("\(name) now matches the oracle: take it off knownDifferences and docs/feeds.md")
        }
        let share = Double(matched) / Double(max(1, expanded))
        print(
            "corpus oracle: \(matched) of \(expanded) files expanded by recurring-ical-events imported with exactly its occurrences (\(String(format: "%.1f", share * 100)) %)"
        )
        // Every other file matches exactly (checked above); the list may not grow unnoticed.
        #expect(matched == expanded - Self.knownDifferences.count)
        #expect(Self.knownDifferences.count <= 10)
    }
}
