import CareModel
import PathwayEngine

/// Where one questionnaire a track asks for stands for one patient: recorded, due, overdue or
/// still to come, or no longer expected once the pathway ended early (drop-out, referral out).
/// Shown by `parcours status` so a missing intake or closing score is caught while the patient is
/// still seen, not when the report has a hole in it.
struct MeasurementPoint: Encodable, Equatable {
    enum Status: String, Encodable { case recorded, due, overdue, upcoming, ended }

    var step: String
    var instrument: String
    var status: Status
    /// The day the step was held or is booked, when known.
    var day: String?
    var score: Int?

    /// A score counts for a step if filled in within this many days of the step's session.
    static let matchingDays = 14
    /// A held step's score is overdue once this many days have passed without it.
    static let graceDays = 7

    /// Every measurement point of `track`, in step order.
    static func of(
        track: Track, appointments: [Appointment], measures: [OutcomeMeasure],
        next: DueStep?, today: LocalDate, endedEarly: Bool = false
    ) -> [MeasurementPoint] {
        var points: [MeasurementPoint] = []
        for step in track.steps where !step.measures.isEmpty {
            let sessions = appointments.filter { $0.track == track.id && $0.step == step.id }
            let held = sessions.filter { $0.status == .attended }.map { ClinicTimeZone.paris.local($0.start).date }
                .min()
            let booked = sessions.filter { $0.status == .booked }.map { ClinicTimeZone.paris.local($0.start).date }
                .min()
            for name in step.measures {
                var point = MeasurementPoint(step: step.id.rawValue, instrument: name, status: .upcoming)
                if let held {
                    point.day = held.iso
                    let score = measures.first {
                        $0.instrument.rawValue == name && abs(held.days(to: $0.on)) <= matchingDays
                    }
                    if let score {
                        point.status = .recorded
                        point.score = score.score
                    } else {
                        point.status = held.days(to: today) > graceDays ? .overdue : .due
                    }
                } else if let next, next.step.id == step.id {
                    point.day = booked?.iso ?? next.latest?.iso
                    point.status = next.isOverdue ? .overdue : .due
                } else if endedEarly {
                    point.status = .ended
                } else {
                    point.day = booked?.iso
                }
                points.append(point)
            }
        }
        return points
    }

    /// `intake PCL-5 recorded 52 (2026-11-20)`.
    var line: String {
        var text = "\(step) \(instrument) \(status.rawValue)"
        if let score { text += " \(score)" }
        if status == .overdue { text = Style.alert(text.uppercased()) }
        if let day { text += " (\(Shown.day(iso: day)))" }
        return text
    }
}
