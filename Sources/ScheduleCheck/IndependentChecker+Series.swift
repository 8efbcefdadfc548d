import CareModel
import Foundation
import SchedulingModel

/// Rules along a patient's series: order, spacing, continuity, deadline; and the objective terms.
extension CheckRun {
    /// The local day, time and room of the session before session `k` of request `r`, when known.
    struct Before {
        var date: LocalDate
        var minutes: Int?
        var room: RoomID?
        var end: Date?
    }

    func before(_ r: Int, _ k: Int) -> Before? {
        if k == 0 {
            guard let previous = problem.requests[r].previous else { return nil }
            return Before(date: previous.date, minutes: previous.time?.minutes, room: previous.room, end: nil)
        }
        guard let i = booked[r][k - 1] else { return nil }
        let row = rows[i]
        return Before(date: row.date, minutes: row.startMinutes, room: row.session.room, end: row.session.end)
    }

    mutating func checkSeries() {
        for (r, request) in problem.requests.enumerated() {
            for (k, spec) in request.sessions.enumerated() {
                guard let i = booked[r][k] else { continue }
                let row = rows[i]
                if row.date < request.earliest {
                    flag(.beforeEarliest, "\(row.label): before the request's earliest day \(request.earliest.iso)")
                }
                if let deadline = spec.deadline, row.date > deadline {
                    if row.session.late {
                        objective.lateSessions += 1
                    } else {
                        flag(.lateNotFlagged, "\(row.label): after the deadline \(deadline.iso) and not flagged late")
                    }
                }
                checkContinuity(r, k, row)
                if k > 0, booked[r][k - 1] == nil {
                    flag(
                        .seriesGap,
                        "\(row.label): booked while the session before it (\(request.sessions[k - 1].step)#"
                            + "\(request.sessions[k - 1].occurrence)) is not")
                    continue
                }
                guard let previous = before(r, k) else { continue }
                if let end = previous.end, row.session.start < end {
                    flag(.outOfOrder, "\(row.label): starts before the previous session of the series ends")
                }
                let days = previous.date.days(to: row.date)
                if let min = spec.minDaysAfterPrevious, days < min {
                    flag(
                        .spacingTooShort,
                        "\(row.label): \(days) day(s) after the previous session, at least \(min) needed")
                }
                if let max = spec.maxDaysAfterPrevious, days > max {
                    flag(
                        .spacingTooLong,
                        "\(row.label): \(days) day(s) after the previous session, at most \(max) allowed")
                }
            }
        }
    }

    /// The clinician of the step named by `continuity`: from `previous`, else an existing booking of
    /// that step, else the earliest booked row of that step in this series.
    mutating func checkContinuity(_ r: Int, _ k: Int, _ row: LocalRow) {
        let request = problem.requests[r]
        guard let step = request.sessions[k].continuity else { return }
        var reference: (clinician: ClinicianID, source: String)?
        if let id = request.previous?.clinician(for: step) {
            reference = (id, "the previous \(step)")
        } else if let booking = problem.existing
            .filter({ $0.patient == request.patient && $0.track == request.track && $0.step == step })
            .min(by: { $0.start < $1.start }), let id = booking.clinicians.first
        {
            reference = (id, "the booked \(step)#\(booking.occurrence)")
        } else if let first = request.sessions.indices.first(where: {
            request.sessions[$0].step == step && booked[r][$0] != nil
        }),
            let i = booked[r][first], i != row.index, let id = rows[i].session.clinicians.first
        {
            reference = (id, "\(step)#\(request.sessions[first].occurrence)")
        }
        guard let reference, !row.session.clinicians.contains(reference.clinician) else { return }
        flag(
            .continuityBroken,
            "\(row.label): with " + row.session.clinicians.map(\.rawValue).joined(separator: ",")
                + ", but \(reference.source) was with \(reference.clinician)")
    }

    mutating func recountObjective() {
        var waits: [Int] = []
        for (r, request) in problem.requests.enumerated() {
            let indices = booked[r].compactMap { $0 }
            if request.previous == nil,
                let first = indices.map({ rows[$0] }).min(by: { $0.session.start < $1.session.start })
            {
                waits.append(request.referralDate.days(to: first.date))
            }
            for (k, spec) in request.sessions.enumerated() {
                guard let i = booked[r][k] else { continue }
                let row = rows[i]
                if !request.preferences.accepts(row.date.weekday, start: row.startMinutes, minutes: row.durationMinutes)
                {
                    objective.preferenceMisses += 1
                }
                guard let previous = before(r, k) else { continue }
                if let room = previous.room, room != row.session.room { objective.roomChanges += 1 }
                let weeklyAllowed = (spec.minDaysAfterPrevious ?? 0) <= 7 && 7 <= (spec.maxDaysAfterPrevious ?? Int.max)
                let weekly =
                    previous.date.days(to: row.date) == 7 && (previous.minutes ?? row.startMinutes) == row.startMinutes
                if weeklyAllowed, !weekly { objective.regularityMisses += 1 }
            }
        }
        waits.sort()
        objective.patientsWaiting = waits.count
        if !waits.isEmpty {
            objective.meanWaitingDays = (Double(waits.reduce(0, +)) / Double(waits.count) * 100).rounded() / 100
            objective.p95WaitingDays = NearestRank.percentile(95, ofSorted: waits) ?? 0
            objective.maxWaitingDays = waits[waits.count - 1]
        }
        recountLoad()
        recountScore()
    }

    /// Booked minutes over worked minutes between `today` and `horizonEnd` (closed days and
    /// absences not worked), per active clinician who works at all.
    mutating func recountLoad() {
        var bookedMinutes: [ClinicianID: Double] = [:]
        for occupant in Self.oneRowPerUnit(occupants)
        where occupant.date >= problem.today && occupant.date <= problem.horizonEnd {
            for id in Set(occupant.clinicians) {
                bookedMinutes[id, default: 0] += occupant.end.timeIntervalSince(occupant.start) / 60
            }
        }
        var loads: [Double] = []
        for clinician in problem.clinicians where clinician.active {
            var worked = 0.0
            var day = problem.today
            while day <= problem.horizonEnd {
                if !closed.contains(day) {
                    for range in clinician.hours.ranges(on: day.weekday) {
                        guard let start = zone.instant(on: day, at: range.start),
                            let end = LocalTime(minutes: range.end.minutes == 1440 ? 0 : range.end.minutes)
                                .flatMap({
                                    zone.instant(on: range.end.minutes == 1440 ? day.adding(days: 1) : day, at: $0)
                                })
                        else { continue }
                        worked += max(0, end.timeIntervalSince(start) - absentSeconds(clinician.id, start, end)) / 60
                    }
                }
                day = day.adding(days: 1)
            }
            guard worked > 0 else { continue }
            loads.append(100 * (bookedMinutes[clinician.id] ?? 0) / worked)
        }
        guard let low = loads.min(), let high = loads.max() else { return }
        let mean = loads.reduce(0, +) / Double(loads.count)
        let variance = loads.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(loads.count)
        func round(_ x: Double) -> Double { (x * 10).rounded() / 10 }
        objective.minClinicianLoadPercent = round(low)
        objective.maxClinicianLoadPercent = round(high)
        objective.clinicianLoadSpreadPercent = round(high - low)
        objective.clinicianLoadStdDevPercent = round(variance.squareRoot())
    }

    func absentSeconds(_ id: ClinicianID, _ start: Date, _ end: Date) -> TimeInterval {
        problem.absences.filter { $0.kind == .clinician && $0.id == id.rawValue }.reduce(0) { total, absence in
            total + max(0, min(end, absence.end).timeIntervalSince(max(start, absence.start)))
        }
    }
}
