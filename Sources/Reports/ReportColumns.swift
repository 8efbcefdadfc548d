import CareModel
import Foundation

/// One column of the completion report, shared by every renderer so they cannot disagree.
public struct ReportColumn: Sendable {
    /// Short header for tables and CSV (`referral_to_intake_median`).
    public var key: String
    /// Header a coordinator reads in the HTML page.
    public var title: String
    /// The figure as a number, or nil when there is nothing to show.
    public var value: @Sendable (GroupFigures) -> Double?
    /// Rates are shown as percentages; everything else as counts or days.
    public var isRate = false

    static func count(
        _ key: String, _ title: String, _ value: @escaping @Sendable (GroupFigures) -> Int
    ) -> ReportColumn {
        ReportColumn(key: key, title: title, value: { Double(value($0)) })
    }
}

extension CompletionReport {
    /// Every column, in the order they are printed.
    public static let columns: [ReportColumn] = [
        .count("patients", "Patients referred") { $0.patients },
        .count("enrolled", "Enrolled") { $0.enrolled },
        .count("active", "Active") { $0.active },
        .count("completed", "Completed") { $0.completed },
        .count("dropped_out", "Dropped out") { $0.droppedOut },
        .count("referred_out", "Referred out") { $0.referredOut },
        ReportColumn(
            key: "completion_rate", title: "Completion rate (of ended)", value: { $0.completionRate }, isRate: true),
        .count("sessions_planned", "Sessions planned") { $0.sessionsPlanned },
        .count("attended", "Attended") { $0.attended },
        .count("no_show", "No-show") { $0.noShows },
        .count("cancelled_by_patient", "Cancelled by patient") { $0.cancelledByPatient },
        .count("cancelled_by_centre", "Cancelled by centre") { $0.cancelledByCentre },
        .count("overrides", "Sessions under an override") { $0.overrides },
        ReportColumn(
            key: "referral_to_intake_median", title: "Referral → intake, median days",
            value: { $0.medianReferralToIntake }),
        ReportColumn(
            key: "referral_to_intake_p90", title: "Referral → intake, 90th pct days",
            value: { $0.p90ReferralToIntake.map(Double.init) }),
        ReportColumn(
            key: "intake_to_therapy_median", title: "Intake → first therapy, median days",
            value: { $0.medianIntakeToTherapy }),
        ReportColumn(
            key: "intake_to_therapy_p90", title: "Intake → first therapy, 90th pct days",
            value: { $0.p90IntakeToTherapy.map(Double.init) }),
        ReportColumn(
            key: "sessions_to_completion_median", title: "Sessions to completion, median",
            value: { $0.medianSessionsToCompletion }),
        ReportColumn(key: "budget_median", title: "Track budget, median", value: { $0.medianBudget }),
        .count("pcl5_pairs", "PCL-5 intake & closing recorded") { $0.pclChanges.count },
        ReportColumn(key: "pcl5_mean_change", title: "PCL-5 mean improvement", value: { $0.meanPCLChange }),
        ReportColumn(
            key: "pcl5_improved_10", title: "PCL-5 improved ≥ 10 points", value: { $0.shareImprovedBy10 }, isRate: true),
    ]

    /// The text of one cell: "<5" for the patient count of a suppressed group, "" for its other
    /// figures and for figures that do not exist (no wait measured, no pathway ended).
    public static func cell(_ column: ReportColumn, _ figures: GroupFigures) -> String {
        if figures.isSuppressed { return column.key == "patients" ? "<5" : "" }
        guard let value = column.value(figures) else { return "" }
        if column.isRate { return String(format: "%.0f%%", value * 100) }
        return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Group rows then the total, each as cells; what table, CSV and HTML print.
    public var rows: [[String]] {
        (groups + [total]).map { figures in [figures.group] + Self.columns.map { Self.cell($0, figures) } }
    }

    /// The header row, with the grouping's name first.
    public var header: [String] { [grouping.rawValue] + Self.columns.map(\.key) }

    /// RFC 4180 CSV with a header row; suppressed groups keep their row, figures withheld.
    public func csv() -> String {
        ([header] + rows).map { $0.map(CSV.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The figures as JSON: numbers as numbers, withheld or missing figures as null, and a
    /// suppressed group's patient count as the string "<5".
    public func json() throws -> String {
        func object(_ figures: GroupFigures) -> [String: Any] {
            var out: [String: Any] = ["group": figures.group, "suppressed": figures.isSuppressed]
            for column in Self.columns {
                if figures.isSuppressed {
                    out[column.key] = column.key == "patients" ? "<5" : NSNull()
                } else if let value = column.value(figures) {
                    out[column.key] = value == value.rounded() && !column.isRate ? Int(value) as Any : value as Any
                } else {
                    out[column.key] = NSNull()
                }
            }
            return out
        }
        let document: [String: Any] = [
            "report": "completion", "by": grouping.rawValue,
            "period": [
                "from": period.from.map { $0.iso as Any } ?? NSNull(),
                "to": period.to.map { $0.iso as Any } ?? NSNull(),
                "on": "referral date",
            ] as [String: Any],
            "groups": groups.map(object), "total": object(total),
            "overrides": overrideObjects(),
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
