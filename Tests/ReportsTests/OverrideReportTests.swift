import CareModel
import Foundation
import Testing

@testable import Reports

/// Sessions moved against a rule on purpose are counted per group, withheld in small groups like
/// every figure, and listed by patient code with the rule, the reason, who and when.
@Suite struct OverrideReportTests {
    static func forced(
        _ patient: PatientCode, _ track: TrackID, on text: String, at hour: Int, reason: String
    ) -> ReportOverride {
        let session = ReportFixture.session(patient, track, "therapy", text)
        return ReportOverride(
            session: session.id, patient: patient, track: track, start: session.start,
            rules: ["closed-day: 2026-01-01 is a public holiday"], reason: reason, actor: "dr.roux",
            recordedAt: Date(timeIntervalSince1970: 1_767_225_600 + Double(hour) * 3600))
    }

    /// P-0001 and P-0002 (domestic violence, 6 patients) and P-0007 (accident, 2 patients: "<5")
    /// in the period; P-0009 (referred in 2025) outside it; P-0003's override is on a track it is
    /// not enrolled on, so not on its pathway.
    static func report() -> CompletionReport {
        var input = ReportFixture.input
        input.overrides = [
            forced("P-0002", "T-IND", on: "2026-02-23", at: 5, reason: "crisis; seen early"),
            forced("P-0001", "T-IND", on: "2026-02-02", at: 1, reason: "hospital discharge"),
            forced("P-0007", "T-GRP", on: "2026-02-02", at: 3, reason: "interpreter only that day"),
            forced("P-0009", "T-IND", on: "2025-10-10", at: 2, reason: "outside the period"),
            forced("P-0003", "T-GRP", on: "2026-02-05", at: 4, reason: "another track"),
        ]
        return CompletionReport.compute(input, period: ReportFixture.period, by: .category)
    }

    @Test func overridesAreCountedPerGroupAndWithheldInASmallGroup() throws {
        let report = Self.report()
        let domestic = try #require(report.groups.first { $0.group == "domestic-violence" })
        let accident = try #require(report.groups.first { $0.group == "accident-disaster" })
        #expect(domestic.overrides == 2)
        #expect(accident.overrides == 1)
        #expect(report.total.overrides == 3)
        let column = try #require(CompletionReport.columns.first { $0.key == "overrides" })
        #expect(CompletionReport.cell(column, domestic) == "2")
        #expect(CompletionReport.cell(column, accident) == "")
        #expect(report.overrides.map(\.patient) == ["P-0001", "P-0007", "P-0002"])
    }

    @Test func jsonAndHTMLListEachOverrideByCodeWithRuleReasonWhoAndWhen() throws {
        let report = Self.report()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["overrides"] as? Int == 3)
        let listed = try #require(object["overrides"] as? [[String: Any]])
        #expect(listed.count == 3)
        let first = try #require(listed.first)
        #expect(first["session"] as? String == "P-0001-therapy-2026-02-02")
        #expect(first["patient"] as? String == "P-0001")
        #expect(first["rules"] as? [String] == ["closed-day: 2026-01-01 is a public holiday"])
        #expect(first["reason"] as? String == "hospital discharge")
        #expect(first["forced_by"] as? String == "dr.roux")
        #expect(first["forced_at"] as? String == "2026-01-01T01:00:00Z")
        let html = report.html(generated: ReportFixture.day("2026-04-01"))
        #expect(html.contains("<h2>Sessions under an override</h2>"))
        #expect(
            html.contains(
                "<tr><td>P-0002-therapy-2026-02-23</td><td>P-0002</td><td>2026-02-23 10:00</td>"
                    + "<td>closed-day: 2026-01-01 is a public holiday</td><td>crisis; seen early</td>"
                    + "<td>dr.roux</td><td>2026-01-01</td></tr>"))
    }

    @Test func aReportWithoutOverridesCountsZeroAndListsNothing() throws {
        let report = CompletionReport.compute(ReportFixture.input, period: ReportFixture.period, by: .track)
        #expect(report.total.overrides == 0)
        #expect(report.overrides.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect((object["overrides"] as? [Any])?.isEmpty == true)
        let html = report.html(generated: ReportFixture.day("2026-04-01"))
        #expect(html.contains("No session of these patients was placed against a rule."))
        #expect(!html.contains("<table class=\"overrides\">"))
    }

    /// In the hand-worked capacity centre: P-0002 (booked, W20), P-0004 (cancelled, W20: no
    /// longer a session) and P-0008 (booked, W21) were forced; W20 counts 1, W21 counts 1.
    @Test func capacityCountsOverridesPerWeekOfBookedOrHeldSessions() throws {
        var input = CapacityReportTests.input
        input.overrides = ["P-0002-2026-05-12", "P-0004-2026-05-15", "P-0008-2026-05-18"]
        let weeks = ReportWeek.weeks(from: CapacityReportTests.day("2026-05-13"), count: 2)
        let report = CapacityReport.compute(input, weeks: weeks, today: CapacityReportTests.day("2026-05-11"))
        #expect(report.overridesByWeek == [1, 1])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let byWeek = try #require(object["overrides_by_week"] as? [[String: Any]])
        #expect(byWeek.map { $0["sessions"] as? Int } == [1, 1])
        #expect(byWeek.first?["week"] as? String == weeks.first?.label)
        let plain = CapacityReport.compute(
            CapacityReportTests.input, weeks: weeks, today: CapacityReportTests.day("2026-05-11"))
        #expect(plain.overridesByWeek == [0, 0])
        #expect(plain.html().contains("<h2>Sessions under an override</h2>"))
    }
}
