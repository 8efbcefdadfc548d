import CareModel
import Foundation
import SchedulingModel

/// Per-clinician caps: sessions on one local day, minutes in one Monday-based week.
extension CheckRun {
    /// Counts existing and proposed sessions alike, a group session once; one violation per day
    /// or week over the cap, naming the clinician, the day or week, the count and the cap.
    mutating func checkCaps() {
        guard !problem.caps.isEmpty else { return }
        var byClinician: [ClinicianID: [Occupant]] = [:]
        for occupant in occupants {
            for id in Set(occupant.clinicians) { byClinician[id, default: []].append(occupant) }
        }
        for cap in problem.caps {
            let sessions = Self.oneRowPerUnit(byClinician[cap.clinician] ?? [])
            if let limit = cap.sessionsPerDay {
                var perDay: [LocalDate: Int] = [:]
                for s in sessions { perDay[s.date, default: 0] += 1 }
                for (date, count) in perDay.sorted(by: { $0.key < $1.key }) where count > limit {
                    flag(
                        .clinicianDailyCap, "clinician \(cap.clinician): \(count) sessions on \(date.iso), cap \(limit)"
                    )
                }
            }
            if let limit = cap.minutesPerWeek {
                var perWeek: [LocalDate: Int] = [:]
                for s in sessions {
                    let monday = s.date.adding(days: -s.date.weekday.index)
                    perWeek[monday, default: 0] += Int(s.end.timeIntervalSince(s.start) / 60)
                }
                for (monday, minutes) in perWeek.sorted(by: { $0.key < $1.key }) where minutes > limit {
                    flag(
                        .clinicianWeeklyCap,
                        "clinician \(cap.clinician): \(minutes) minutes in the week of \(monday.iso), cap \(limit)")
                }
            }
        }
    }
}
