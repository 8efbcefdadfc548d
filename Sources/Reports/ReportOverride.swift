import CareModel
import Foundation

/// A session held or booked against a scheduling rule because a clinician decided so (a manual
/// move with `--force --reason`). The completion report counts and lists these so that the
/// coordinators see every exception to the care track as a decision with its reason.
///
/// Names the patient by code only: the report never carries a name.
public struct ReportOverride: Hashable, Sendable {
    public var session: AppointmentID
    public var patient: PatientCode
    public var track: TrackID
    public var start: Date
    /// The rules the session breaks, as the checker words them.
    public var rules: [String]
    /// The reason as typed with `--reason`.
    public var reason: String
    /// Who forced the move.
    public var actor: String
    /// When the move was forced.
    public var recordedAt: Date

    public init(
        session: AppointmentID, patient: PatientCode, track: TrackID, start: Date, rules: [String],
        reason: String, actor: String, recordedAt: Date
    ) {
        self.session = session
        self.patient = patient
        self.track = track
        self.start = start
        self.rules = rules
        self.reason = reason
        self.actor = actor
        self.recordedAt = recordedAt
    }
}

extension CompletionReport {
    /// The overrides as JSON objects: session, patient code, rules, reason, who and when.
    func overrideObjects() -> [[String: Any]] {
        let instant = ISO8601DateFormatter()
        return overrides.map { item in
            [
                "session": item.session.rawValue, "patient": item.patient.rawValue,
                "start": instant.string(from: item.start), "rules": item.rules,
                "reason": item.reason, "forced_by": item.actor,
                "forced_at": instant.string(from: item.recordedAt),
            ]
        }
    }

    /// The HTML section listing the sessions held or booked under an override, or saying none.
    func overridesHTML() -> String {
        var html = "<h2>Sessions under an override</h2>\n"
        guard !overrides.isEmpty else {
            return html + "<p>No session of these patients was placed against a rule.</p>\n"
        }
        html += "<table class=\"overrides\">\n<thead><tr><th>Session</th><th>Patient</th><th>Starts</th>"
        html += "<th>Rule broken</th><th>Reason</th><th>Forced by</th><th>On</th></tr></thead>\n<tbody>\n"
        let zone = ClinicTimeZone.paris
        for item in overrides {
            let start = zone.local(item.start), at = zone.local(item.recordedAt)
            let cells = [
                item.session.rawValue, item.patient.rawValue, "\(start.date.iso) \(start.time)",
                item.rules.joined(separator: "; "), item.reason, item.actor, at.date.iso,
            ]
            html += "<tr>" + cells.map { "<td>\(ReportPage.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
