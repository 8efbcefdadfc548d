import CareModel
import Foundation

/// The capacity report for spreadsheets (CSV: one row per resource and week) and programs (JSON:
/// everything, waiting list included).
extension CapacityReport {
    /// `kind,id,name,week,monday,booked_hours,available_hours,percent`, clinicians then rooms.
    /// The waiting list has another shape; it is in the JSON, table and HTML forms.
    public func csv() -> String {
        var lines = ["kind,id,name,week,monday,booked_hours,available_hours,percent"]
        for (kind, loads) in [("clinician", clinicians), ("room", rooms)] {
            for load in loads {
                for (week, figures) in zip(weeks, load.weeks) {
                    lines.append(
                        [
                            kind, load.id, load.name, week.label, week.monday.iso, Self.hours(figures.bookedMinutes),
                            Self.hours(figures.availableMinutes),
                            figures.ratio.map { String(Int(($0 * 100).rounded())) } ?? "",
                        ].map(CSV.field).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public func json() throws -> String {
        func loads(_ rows: [ResourceLoad]) -> [[String: Any]] {
            rows.map { row -> [String: Any] in
                [
                    "id": row.id, "name": row.name,
                    "weeks": zip(weeks, row.weeks).map { week, load -> [String: Any] in
                        [
                            "week": week.label, "monday": week.monday.iso, "booked_minutes": load.bookedMinutes,
                            "available_minutes": load.availableMinutes,
                            "utilisation": load.ratio.map { $0 as Any } ?? NSNull(),
                        ]
                    },
                ]
            }
        }
        let document: [String: Any] = [
            "report": "capacity", "today": today.iso, "weeks": weeks.map(\.label),
            "clinicians": loads(clinicians), "rooms": loads(rooms),
            "overrides_by_week": zip(weeks, overridesByWeek).map { week, count -> [String: Any] in
                ["week": week.label, "monday": week.monday.iso, "sessions": count]
            },
            "waiting_by_track": Dictionary(uniqueKeysWithValues: waitingByTrack.map { ($0.track.rawValue, $0.count) }),
            "waiting": waiting.map { entry -> [String: Any] in
                [
                    "patient": entry.patient.rawValue, "track": entry.track.rawValue, "referred": entry.referred.iso,
                    "days_waiting": entry.referred.days(to: today),
                    "deadline": entry.deadline.map { $0.iso as Any } ?? NSNull(),
                    "awaiting_group": entry.awaitingGroup,
                ]
            },
            "first_free_intake": forecasts.map { forecast -> [String: Any] in
                [
                    "track": forecast.track.rawValue, "day": forecast.day.map { $0.iso as Any } ?? NSNull(),
                    "reason": forecast.reason.map { $0 as Any } ?? NSNull(),
                ]
            },
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// RFC 4180 quoting, shared by the completion and capacity exports, with cells that a spreadsheet cannot run: a cell that would start a formula (`=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'` and quotes, so a clinician or room
/// named `=HYPERLINK(…)` stays text (OWASP's CSV injection advice). A plain number such as
/// `-3.5` (a PCL-5 change) is not a formula and stays a number.
enum CSV {
    static func field(_ text: String) -> String {
        let risky = text.first.map { "=+-@\t\r".contains($0) } ?? false
        if risky, Double(text) == nil {
            return "\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text.contains(where: { ",\"\n\r".contains($0) })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
