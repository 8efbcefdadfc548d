import CareModel
import Foundation

/// The capacity report in HTML: a utilisation heat map (clinicians × weeks) and the tables, on
/// the shared self-contained page.
extension CapacityReport {
    /// Colour bands of the heat map: upper bound of each band (percent), fill, and whether its
    /// text must be light to stay readable. Five bands so a printout in grey still tells them apart.
    static let heatBands: [(upTo: Int, fill: String, light: Bool, label: String)] = [
        (19, "#eef4fb", false, "0–19%"), (39, "#c6dbef", false, "20–39%"), (59, "#9ecae1", false, "40–59%"),
        (79, "#4292c6", true, "60–79%"), (100, "#08519c", true, "80–100%"), (Int.max, "#b2182b", true, "over 100%"),
    ]

    /// The band of a week's load; nil for a week without hours (leave, closure).
    static func band(_ load: WeekLoad) -> Int? {
        guard let ratio = load.ratio else { return nil }
        let percent = Int((ratio * 100).rounded())
        return heatBands.firstIndex { percent <= $0.upTo }
    }

    /// Clinicians down, weeks across, each cell coloured by utilisation and labelled with its
    /// percentage, so the map reads without colour (print, colour blindness, screen readers).
    public func heatMapSVG() -> String {
        let left = 130, cellW = 64, cellH = 26, top = 36
        let width = left + cellW * weeks.count + 10
        let legendY = top + cellH * clinicians.count + 16
        let height = legendY + 30
        var svg =
            "<svg class=\"heatmap\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
            + "aria-label=\"weekly clinician utilisation, percent of working hours booked\">\n"
        for (column, week) in weeks.enumerated() {
            let x = left + column * cellW + cellW / 2
            svg += "<text x=\"\(x)\" y=\"14\" text-anchor=\"middle\">\(week.label.suffix(3))</text>"
            svg += "<text x=\"\(x)\" y=\"29\" text-anchor=\"middle\">\(week.monday.iso.suffix(5))</text>\n"
        }
        for (row, clinician) in clinicians.enumerated() {
            let y = top + row * cellH
            svg += "<text x=\"0\" y=\"\(y + 17)\">\(ReportPage.escape(clinician.id))</text>\n"
            for (column, load) in clinician.weeks.enumerated() {
                let x = left + column * cellW
                let band = Self.band(load).map { Self.heatBands[$0] }
                let hours = "\(Self.hours(load.bookedMinutes)) h of \(Self.hours(load.availableMinutes)) h"
                svg +=
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cellW - 2)\" height=\"\(cellH - 2)\" fill=\"\(band?.fill ?? "#dddddd")\">"
                svg +=
                    "<title>\(ReportPage.escape(clinician.id)), \(weeks[column].label): \(hours) (\(load.percentText))</title></rect>"
                svg +=
                    "<text x=\"\(x + cellW / 2 - 1)\" y=\"\(y + 17)\" text-anchor=\"middle\"\(band?.light == true ? " class=\"light\"" : "")>"
                svg += "\(load.percentText)</text>\n"
            }
        }
        for (i, band) in (Self.heatBands.map { ($0.fill, $0.label) } + [("#dddddd", "no hours")]).enumerated() {
            let x = i * 95
            svg += "<rect x=\"\(x)\" y=\"\(legendY)\" width=\"14\" height=\"14\" fill=\"\(band.0)\" stroke=\"#888\"/>"
            svg += "<text x=\"\(x + 19)\" y=\"\(legendY + 12)\">\(band.1)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Heat map, utilisation and occupancy tables, waiting counts, forecasts and the waiting list:
    /// the capacity part of a page.
    func sectionsHTML() -> String {
        let weekHeader = weeks.map(\.label)
        var html = "<h2>Capacity, weeks \(weeks.first?.label ?? "–") to \(weeks.last?.label ?? "–")</h2>\n"
        html += "<p class=\"meta\">Booked, attended and no-show sessions over working hours (closed days and absences "
        html +=
            "taken out); a group session counts once. Rooms are measured against the hours at least one clinician works.</p>\n"
        html += "<figure><figcaption>Clinician utilisation per week</figcaption>\n\(heatMapSVG())</figure>\n"
        func rows(_ loads: [ResourceLoad]) -> [[String]] {
            loads.map { load in
                [load.id, load.name]
                    + load.weeks.map {
                        "\($0.percentText) (\(Self.hours($0.bookedMinutes))/\(Self.hours($0.availableMinutes)) h)"
                    }
            }
        }
        html +=
            "<section><h2>Clinician utilisation</h2>\n"
            + ReportPage.table(["clinician", "name"] + weekHeader, rows(clinicians)) + "</section>\n"
        html +=
            "<section><h2>Room occupancy</h2>\n" + ReportPage.table(["room", "name"] + weekHeader, rows(rooms))
            + "</section>\n"
        html +=
            "<section><h2>Sessions under an override</h2>\n"
            + ReportPage.table([""] + weekHeader, [["sessions"] + overridesByWeek.map(String.init)]) + "</section>\n"
        html += "<section><h2>Waiting list</h2>\n<p>\(waiting.count) people waiting on \(today.iso).</p>\n"
        html += ReportPage.table(["track", "waiting"], waitingByTrack.map { [$0.track.rawValue, String($0.count)] })
        html += ReportPage.table(
            ["track", "first free intake for a new referral"],
            forecasts.map { [$0.track.rawValue, Self.forecastText($0)] })
        html += ReportPage.table(
            ["patient", "track", "referred", "days waiting", "intake due by", "waiting for"], waitingRows)
        return html + "</section>\n"
    }

    /// The capacity report alone, as a page.
    public func html(title: String = "Parcours — capacity report") -> String {
        let body =
            "<h1>\(ReportPage.escape(title))</h1>\n<p class=\"meta\">Generated \(today.iso).</p>\n" + sectionsHTML()
        return ReportPage.document(title: title, body: body)
    }

    /// The waiting list as cells: code, track, referral, days, deadline, individual slot or group.
    public var waitingRows: [[String]] {
        waiting.map {
            [
                $0.patient.rawValue, $0.track.rawValue, $0.referred.iso, String($0.referred.days(to: today)),
                $0.deadline?.iso ?? "", $0.awaitingGroup ? "a group" : "a slot",
            ]
        }
    }

    /// `2026-06-02`, or why there is none.
    public static func forecastText(_ forecast: IntakeForecast) -> String {
        forecast.day?.iso ?? "none within the booking horizon" + (forecast.reason.map { ": \($0)" } ?? "")
    }

    /// Minutes as hours, one decimal only when needed (`7.5`).
    public static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? String(minutes / 60) : String(format: "%.1f", Double(minutes) / 60)
    }
}
