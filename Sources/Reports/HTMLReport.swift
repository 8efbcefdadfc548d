import CareModel
import Foundation

/// The completion report as one self-contained HTML page (``ReportPage``), with inline SVG charts.
extension CompletionReport {
    /// Bins of the referral-to-intake histogram, in days (upper bounds, the last one open).
    public static let waitBins: [(label: String, upTo: Int?)] = [
        ("0-7", 7), ("8-14", 14), ("15-21", 21), ("22-28", 28), ("29-42", 42), ("43-63", 63), ("64-91", 91),
        ("92+", nil),
    ]

    /// How many patients waited within each bin of ``waitBins``.
    public func waitHistogram() -> [Int] {
        var counts = Array(repeating: 0, count: Self.waitBins.count)
        for wait in total.referralToIntake {
            let index = Self.waitBins.firstIndex { bin in bin.upTo.map { wait <= $0 } ?? true } ?? counts.count - 1
            counts[index] += 1
        }
        return counts
    }

    /// The funnel's stages, from referral to completion, over every patient of the period.
    public var funnel: [(label: String, count: Int)] {
        [
            ("Referred", total.patients), ("Enrolled", total.enrolled),
            ("Seen at intake", total.referralToIntake.count),
            ("Started therapy", total.intakeToTherapy.count), ("Completed", total.completed),
        ]
    }

    /// The page; `title` names the centre, `generated` the day it was made. With `capacity`, the
    /// page also carries the weekly utilisation heat map and the capacity tables, so the demo and
    /// a coordinator's review meeting need one file only.
    public func html(
        title: String = "Parcours — completion report", generated: LocalDate,
        capacity: CapacityReport? = nil
    ) -> String {
        let period = "referred \(self.period.from?.iso ?? "from the start") to \(self.period.to?.iso ?? "today")"
        var body = "<h1>\(ReportPage.escape(title))</h1>\n"
        body += "<p class=\"meta\">Patients \(period), grouped by \(grouping.rawValue); generated \(generated.iso). "
        body +=
            "Groups of 1 to \(Self.minimumGroupSize - 1) patients are shown as “&lt;5” with their figures withheld.</p>\n"
        if total.patients == 0 {
            body += "<p>No patient was referred in this period.</p>\n"
        } else if total.isSuppressed {
            body += "<p>Fewer than \(Self.minimumGroupSize) patients in this period: charts withheld.</p>\n"
        } else {
            body +=
                "<section class=\"charts\">\n<figure><figcaption>Completion funnel</figcaption>\n\(funnelSVG())</figure>\n"
            body +=
                "<figure><figcaption>Days from referral to intake</figcaption>\n\(histogramSVG())</figure>\n</section>\n"
        }
        body += tableHTML()
        body += overridesHTML()
        if let capacity { body += capacity.sectionsHTML() }
        return ReportPage.document(title: title, body: body)
    }

    func funnelSVG() -> String {
        let stages = funnel
        let top = max(stages.first?.count ?? 0, 1)
        var svg =
            "<svg class=\"funnel\" width=\"460\" height=\"\(stages.count * 34 + 10)\" role=\"img\" aria-label=\"completion funnel\">\n"
        for (i, stage) in stages.enumerated() {
            let width = max(2, 300 * stage.count / top)
            let y = i * 34 + 5
            svg +=
                "<rect x=\"\(110 + (300 - width) / 2)\" y=\"\(y)\" width=\"\(width)\" height=\"28\" fill=\"#4a78b5\"/>"
            svg +=
                "<text x=\"0\" y=\"\(y + 19)\">\(stage.label)</text><text x=\"415\" y=\"\(y + 19)\">\(stage.count)</text>\n"
        }
        return svg + "</svg>\n"
    }

    func histogramSVG() -> String {
        let counts = waitHistogram()
        let top = max(counts.max() ?? 0, 1)
        // Bars stand on y = 170 and reach y = 25 at most, leaving room for the tallest bar's count.
        var svg =
            "<svg class=\"histogram\" width=\"460\" height=\"210\" role=\"img\" aria-label=\"histogram of waits\">\n"
        for (i, count) in counts.enumerated() {
            let height = 145 * count / top
            let x = 10 + i * 55
            svg += "<rect x=\"\(x)\" y=\"\(170 - height)\" width=\"48\" height=\"\(height)\" fill=\"#c0623b\"/>"
            svg += "<text x=\"\(x + 24)\" y=\"\(165 - height)\" text-anchor=\"middle\">\(count)</text>"
            svg += "<text x=\"\(x + 24)\" y=\"188\" text-anchor=\"middle\">\(Self.waitBins[i].label)</text>\n"
        }
        return svg + "<text x=\"230\" y=\"206\" text-anchor=\"middle\">days</text></svg>\n"
    }

    func tableHTML() -> String {
        var html = "<table>\n<thead><tr><th>\(ReportPage.escape(grouping.rawValue))</th>"
        html += Self.columns.map { "<th>\(ReportPage.escape($0.title))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let all = rows
        for (i, row) in all.enumerated() {
            html += i == all.count - 1 ? "<tr class=\"total\">" : "<tr>"
            html += row.map { "<td>\(ReportPage.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
