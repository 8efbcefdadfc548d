import CareModel
import Foundation

/// Turns the occurrences read from an imported calendar into closed days or absences.
///
/// Cancelled occurrences are skipped (the sender called them off). The rules live here rather
/// than in the command so that every way in (CLI, a future web form) reads files the same way.
public enum UnavailabilityImport {
    /// Every local day an all-day event covers becomes a closed day labelled with its summary; a
    /// day listed twice keeps the first label. A timed event is refused: a centre closed for an
    /// afternoon is not closed for the day, and guessing either way would mislead the scheduler.
    public static func closedDays(
        from events: [ImportedEvent], zone: ClinicTimeZone = .paris
    )
        throws(ICalendarError) -> [ClosedDay]
    {
        var days: [LocalDate: ClosedDay] = [:]
        for event in events where !event.isCancelled {
            guard case .allDay = event.timing else {
                throw .timedClosure(line: event.line, summary: event.summary)
            }
            for day in event.days(in: zone) where days[day] == nil {
                days[day] = ClosedDay(date: day, label: event.summary.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return days.values.sorted { $0.date < $1.date }
    }

    /// Each occurrence becomes one absence of `clinician`: an all-day event from local midnight of
    /// its first day to local midnight after its last, a timed one as is. Empty spans are dropped.
    public static func absences(
        of clinician: ClinicianID, from events: [ImportedEvent],
        zone: ClinicTimeZone = .paris
    ) -> [ClinicianAbsence] {
        events.filter { !$0.isCancelled }.compactMap { event in
            let span: (Date, Date)?
            switch event.timing {
            case let .timed(start, end): span = (start, end)
            case let .allDay(first, end):
                span = zone.instant(on: first, at: .midnight).flatMap { start in
                    zone.instant(on: end, at: .midnight).map { (start, $0) }
                }
            }
            guard let (start, end) = span, end > start else { return nil }
            let reason = event.summary.trimmingCharacters(in: .whitespacesAndNewlines)
            return ClinicianAbsence(clinician: clinician, start: start, end: end, reason: reason.isEmpty ? nil : reason)
        }
    }

    /// The absences of `events` once each (a file may list one twice, e.g. a series and a copy),
    /// how many occurrences repeated one already listed, and how many were cancelled.
    public static func distinctAbsences(
        of clinician: ClinicianID, from events: [ImportedEvent],
        zone: ClinicTimeZone = .paris
    )
        -> (absences: [ClinicianAbsence], repeated: Int, cancelled: Int)
    {
        let all = absences(of: clinician, from: events, zone: zone)
        var seen: Set<[Date]> = []
        let distinct = all.filter { seen.insert([$0.start, $0.end]).inserted }
        return (distinct, all.count - distinct.count, events.filter(\.isCancelled).count)
    }

    /// How many local days of the all-day events in `events` were given more than once.
    public static func repeatedDays(in events: [ImportedEvent], zone: ClinicTimeZone = .paris) -> Int {
        let days = events.filter { !$0.isCancelled }.flatMap { $0.days(in: zone) }
        return days.count - Set(days).count
    }
}
