import CareModel
import Foundation
import Testing

@testable import Reports

/// The renderers print the figures pinned in CompletionReportTests, and nothing else.
@Suite struct ReportRenderingTests {
    let report = CompletionReport.compute(ReportFixture.input, period: ReportFixture.period, by: .category)

    /// Total row: 2/3 → 67%, mean PCL change 37/3 → 12.3 (see CompletionReportTests).
    @Test func csvHasAHeaderAndOneLinePerGroupThenTheTotal() {
        let lines = report.csv().components(separatedBy: "\r\n")
        #expect(lines.first == "category," + CompletionReport.columns.map(\.key).joined(separator: ","))
        #expect(lines[1] == "accident-disaster,<5" + String(repeating: ",", count: CompletionReport.columns.count - 1))
        #expect(lines[2] == "domestic-violence,6,5,1,3,1,0,75%,21,15,3,1,1,0,14,30,10.5,14,4,13,2,12.5,50%")
        #expect(lines[3] == "all,8,7,1,4,1,1,67%,26,20,3,1,1,0,14,30,7,14,4,13,3,12.3,67%")
        #expect(lines.count == 5 && lines[4].isEmpty)
    }

    @Test func jsonGivesNumbersAndNullsAndThePeriod() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["patients"] as? Int == 8)
        #expect(total["referral_to_intake_p90"] as? Int == 30)
        #expect(total["intake_to_therapy_median"] as? Int == 7)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.first?["suppressed"] as? Bool == true)
        #expect(groups.first?["completed"] is NSNull)
        let period = try #require(object["period"] as? [String: Any])
        #expect(period["from"] as? String == "2026-01-01")
    }

    /// Histogram of the 7 referral → intake waits 10 11 13 14 14 20 30: five in 8-14, one in
    /// 15-21, one in 29-42. Funnel: 8 referred, 7 enrolled, 7 seen at intake, 5 started therapy, 4 completed.
    @Test func htmlIsOneSelfContainedPageWithFunnelHistogramAndTable() {
        #expect(report.waitHistogram() == [0, 5, 1, 0, 1, 0, 0, 0])
        #expect(report.funnel.map(\.count) == [8, 7, 7, 5, 4])
        let html = report.html(generated: ReportFixture.day("2026-04-01"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg class=\"funnel\""))
        #expect(html.contains("<svg class=\"histogram\""))
        #expect(html.contains("<tr class=\"total\"><td>all</td><td>8</td>"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
    }
}

/// The cached local day agrees with the clinic's calendar across both 2026 clock changes.
@Suite struct LocalDayTests {
    @Test func cachedOffsetsGiveTheCalendarsDayAroundDaylightSaving() throws {
        let days = LocalDays()
        // 2026-03-28 00:00Z to 2026-03-30 00:00Z and 2026-10-24 to 10-26, every 20 minutes.
        for start in [1_774_656_000.0, 1_792_800_000.0] {
            for step in 0..<(2 * 72) {
                let instant = Date(timeIntervalSince1970: start + Double(step * 1200))
                #expect(days.day(instant) == ClinicTimeZone.paris.local(instant).date)
            }
        }
    }
}
