import Foundation
import Testing

@testable import ParcoursCLI

/// `parcours report completion` on a demo centre, in every format.
@Suite struct ReportCLITests {
    func demoCentre() async throws -> Workspace {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "40")
        #expect(demo.status == 0, "\(demo.errors)")
        return ws
    }

    @Test func everyFormatCountsTheFortyDemoPatients() async throws {
        let ws = try await demoCentre()
        let table = await ws.run("report", "completion", "--by", "track")
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.contains("Patients referred"))
        let csv = await ws.run("report", "completion", "--format", "csv")
        #expect(csv.output.hasPrefix("category,patients,enrolled,"))
        #expect(csv.output.contains("\r\nall,40,"))
        let json = await ws.run("report", "completion", "--format", "json", "--by", "modality")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((object["total"] as? [String: Any])?["patients"] as? Int == 40)
        #expect(object["by"] as? String == "modality")
    }

    @Test func htmlIsWrittenToTheFileGivenWithDashO() async throws {
        let ws = try await demoCentre()
        let path = ws.directory.appendingPathComponent("completion.html").path
        let result = await ws.run("report", "completion", "--format", "html", "-o", path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains(path))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<svg class=\"funnel\""))
        #expect(html.contains("<svg class=\"histogram\""))
    }

    @Test func anEmptyPeriodAndBadOptionsAreHandled() async throws {
        let ws = try await demoCentre()
        let empty = await ws.run(
            "report", "completion", "--from", "2030-01-01", "--to", "2030-12-31", "--format", "csv")
        #expect(empty.status == 0)
        #expect(empty.output.contains("\r\nall,0,0,"))
        #expect(await ws.run("report", "completion", "--by", "colour").status == 2)
        let backwards = await ws.run("report", "completion", "--from", "2026-12-01", "--to", "2026-01-01")
        #expect(backwards.status == 2)
        #expect(backwards.errors.contains("before --from"))
    }
}

/// `parcours demo` plays the booked sessions from its start (6 weeks ago by default) to today,
/// and `--simulate-weeks` beyond, then writes the HTML report.
@Suite struct DemoAttendanceTests {
    @Test func simulatedWeeksRecordAttendanceNoShowsAndScoresAndWriteTheReport() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--patients", "40", "--simulate-weeks", "12")
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("[6/9] Attendance: recorded from 2026-10-15 up to 2027-02-18 (18 weeks)"))
        let html = try String(
            contentsOf: ws.directory.appendingPathComponent("completion-report.html"), encoding: .utf8)
        #expect(html.contains("<svg class=\"funnel\""))
        let json = await ws.run("report", "completion", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        let attended = try #require(total["attended"] as? Int)
        let noShows = try #require(total["no_show"] as? Int)
        #expect(attended > 0)
        #expect(noShows > 0 && noShows < attended)
        #expect(
            (total["referral_to_intake_median"] as? Double
                ?? (total["referral_to_intake_median"] as? Int).map(Double.init)) != nil)
    }
}

@Suite struct BenchReportTests {
    /// 50 patients × 12 sessions; nine in ten have both PCL-5 scores (45 pairs, 90 measures).
    @Test func benchReportPrintsItsSizesAndTimings() async throws {
        let ws = try Workspace()
        let result = await ws.runPlain("bench", "report", "--patients", "50", "--runs", "1")
        #expect(result.status == 0, "\(result.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["patients"] as? Int == 50)
        #expect(object["sessions"] as? Int == 600)
        #expect(object["measures"] as? Int == 90)
        #expect(object["computeSeconds"] is Double)
    }
}
