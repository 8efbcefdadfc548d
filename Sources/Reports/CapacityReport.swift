import CareModel
import Foundation

/// Whether the centre has the hours to see the people who wait: clinician utilisation and room
/// occupancy per ISO week, the waiting list, and when a new referral could be seen.
///
/// Computed from plain records with no I/O, like ``CompletionReport``.
public struct CapacityReport: Sendable {
    public var weeks: [ReportWeek]
    /// One row per active clinician (and any inactive one with sessions in the weeks), by id.
    public var clinicians: [ResourceLoad]
    /// One row per room, by id.
    public var rooms: [ResourceLoad]
    /// Everyone waiting, most urgent first (the order Booking gives).
    public var waiting: [WaitingEntry]
    public var forecasts: [IntakeForecast]
    /// The day the figures were made: waits are counted to it.
    public var today: LocalDate
    /// Booked or held sessions placed against a rule on purpose, per week of ``weeks``.
    public var overridesByWeek: [Int] = []

    /// How many people wait on each track, by track id.
    public var waitingByTrack: [(track: TrackID, count: Int)] {
        Dictionary(grouping: waiting, by: \.track).map { ($0.key, $0.value.count) }.sorted { $0.track < $1.track }
    }

    public static func compute(
        _ input: CapacityInput, weeks: [ReportWeek], today: LocalDate,
        timeZone: ClinicTimeZone = .paris
    ) -> CapacityReport {
        let closed = Set(input.closedDays)
        let used = input.appointments.filter { [.booked, .attended, .noShow].contains($0.status) }
        let bounds = weeks.map { week in
            (
                timeZone.instant(on: week.monday, at: .midnight) ?? .distantPast,
                timeZone.instant(on: week.monday.adding(days: 7), at: .midnight) ?? .distantFuture
            )
        }
        func loads(_ available: (ReportWeek) -> Intervals, _ booked: Intervals) -> [WeekLoad] {
            zip(weeks, bounds).map { week, range in
                WeekLoad(
                    bookedMinutes: booked.minutes(from: range.0, to: range.1),
                    availableMinutes: available(week).minutes(from: range.0, to: range.1))
            }
        }
        func working(_ hours: WeeklyHours, _ week: ReportWeek) -> Intervals {
            var spans = Intervals()
            for day in week.days where !closed.contains(day) {
                for range in hours.ranges(on: day.weekday) {
                    if let start = timeZone.instant(on: day, at: range.start),
                        let end = timeZone.instant(on: day, at: range.end)
                    {
                        spans.insert(start, end)
                    }
                }
            }
            return spans
        }

        var clinicianRows: [ResourceLoad] = []
        for clinician in input.clinicians.sorted(by: { $0.id < $1.id }) {
            let own = used.filter { $0.clinicians.contains(clinician.id) }
            guard clinician.active || !own.isEmpty else { continue }
            let away = Intervals(input.absences.filter { $0.clinician == clinician.id }.map { ($0.start, $0.end) })
            let booked = Intervals(own.map { ($0.start, $0.end) })
            clinicianRows.append(
                ResourceLoad(
                    id: clinician.id.rawValue, name: clinician.name,
                    weeks: loads({ working(clinician.hours, $0).subtracting(away) }, booked)))
        }

        // Rooms have no hours of their own: they are open when at least one clinician works.
        var opening = WeeklyHours()
        for clinician in input.clinicians where clinician.active {
            for day in Weekday.allCases { for range in clinician.hours.ranges(on: day) { opening.add(range, on: day) } }
        }
        let roomRows = input.rooms.sorted { $0.id < $1.id }.map { room in
            let booked = Intervals(used.filter { $0.room == room.id }.map { ($0.start, $0.end) })
            return ResourceLoad(id: room.id.rawValue, name: room.name, weeks: loads({ working(opening, $0) }, booked))
        }
        let forced = used.filter { $0.status != .noShow && input.overrides.contains($0.id) }
        let overridesByWeek = bounds.map { range in forced.filter { range.0 <= $0.start && $0.start < range.1 }.count }
        return CapacityReport(
            weeks: weeks, clinicians: clinicianRows, rooms: roomRows, waiting: input.waiting,
            forecasts: input.forecasts.sorted { $0.track < $1.track }, today: today,
            overridesByWeek: overridesByWeek)
    }
}

/// A clinician's or a room's weeks.
public struct ResourceLoad: Hashable, Sendable {
    public var id: String
    public var name: String
    /// One per week of the report, in order.
    public var weeks: [WeekLoad]
}

/// Used and available time of one resource in one week.
public struct WeekLoad: Hashable, Sendable {
    /// Minutes of booked, attended or no-show sessions; a group session counts once.
    public var bookedMinutes: Int
    /// Working (or opening) minutes, closed days and absences taken out.
    public var availableMinutes: Int

    /// Booked over available; nil when nothing was available (a week of leave). Above 1 when
    /// sessions sit outside the hours, e.g. an absence recorded after the booking.
    public var ratio: Double? { availableMinutes == 0 ? nil : Double(bookedMinutes) / Double(availableMinutes) }

    /// `42%`, or `–` when there were no hours.
    public var percentText: String { ratio.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
}
