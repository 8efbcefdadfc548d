import Booking
import CareModel
import Foundation
import PathwayEngine
import Reports
import Store

/// The demo's care played out: the booked sessions from the story's start to today (and
/// `--simulate-weeks` beyond) recorded as if held (about 8% no-shows, a few cancellations, some
/// drop-outs, PCL-5 at the intake and closing assessments), then the completion report written
/// next to the database.
///
/// Seeded, so the same demo always gives the same report. Attendance goes through
/// `BookingService`, exactly as a secretary records it, so enrolments advance by the same rules.
struct DemoAttendance {
    let service: BookingService
    /// The story's first day: attendance is recorded from here.
    let today: LocalDate
    let weeks: Int
    let seed: UInt64
    let steps: DemoSteps

    /// The day attendance is recorded up to (excluded): the demo's today, unless simulated beyond.
    var until: LocalDate { today.adding(days: weeks * 7) }

    /// Step 6: records every booked session before `until`.
    func recordAttendance() throws {
        guard weeks > 0 else {
            steps.begin("Attendance", "nothing to record, the story starts today (--history-weeks 0)")
            return
        }
        let bar = ProgressBar(label: "Recording attendance")
        let counts = try simulate(progress: bar)
        bar.finish()
        steps.begin(
            "Attendance",
            "recorded from \(today) up to \(until) (\(weeks) weeks): \(counts.attended) attended, "
                + "\(counts.noShows) no-shows, \(counts.cancelled) cancelled, \(counts.dropOuts) drop-outs")
        steps.detail("\(counts.measures) PCL-5 scores recorded at intake and closing assessments.")
    }

    /// Step 8: writes `completion-report.html` beside `database` and returns its path.
    @discardableResult
    func writeReport(database: String) async throws -> String {
        let input = try await ReportInput.load(store: service.store, catalog: service.catalog, by: .track)
        let report = CompletionReport.compute(input, by: .track)
        // Capacity on the simulated "today", over the demo's weeks of care (from its first day,
        // at most 16 weeks so the page fits A4 landscape).
        let span = ReportWeek.weeks(from: today, count: min(weeks + 4, 16))
        let capacity = CapacityReport.compute(
            try CapacityInput.load(service: service, weeks: span, today: until),
            weeks: span, today: until)
        let file = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent(
            "completion-report.html")
        try PrivateFiles.write(
            report.html(title: "Parcours demo centre — completion report", generated: until, capacity: capacity),
            to: file.path)
        steps.begin("Completion report", file.path)
        steps.detail(
            "Open it in a browser (one file, no network); it prints on A4. Figures explained in docs/reports.md.")
        return file.path
    }

    /// What the simulation recorded, for the step's summary.
    struct Counts {
        var attended = 0, noShows = 0, cancelled = 0, dropOuts = 0, measures = 0
    }

    private func simulate(progress: ProgressBar) throws -> Counts {
        var random = SeededGenerator(seed: seed &+ 6)
        let store = service.store
        let end = ClinicTimeZone.paris.instant(on: until, at: .midnight) ?? Date.distantPast
        // In an order that does not depend on random ids or on Set's per-process hashing, so that
        // the same --seed and --today play the same weeks.
        let order = { (a: Appointment, b: Appointment) in
            (a.start, a.patient.rawValue, a.id.rawValue) < (b.start, b.patient.rawValue, b.id.rawValue)
        }
        var queue = try store.appointments(from: .distantPast, to: end).filter { $0.status == .booked }.sorted(
            by: order)
        let patients = Set(queue.map(\.patient)).sorted { $0.rawValue < $1.rawValue }
        let dropping = Set(patients.filter { _ in Double.random(in: 0..<1, using: &random) < 0.1 })
        var therapiesHeld: [PatientCode: Int] = [:]
        var dropped: Set<PatientCode> = []
        var counts: [AppointmentStatus: Int] = [:]
        let actor = service.actor
        var measures = 0
        var index = 0
        while index < queue.count {
            let session = queue[index]
            index += 1
            progress.update(index, of: queue.count)
            let status: AppointmentStatus
            if dropped.contains(session.patient) {
                status = .cancelledByPatient // cancelled with the drop-out, as every session booked after it
            } else if dropping.contains(session.patient), therapiesHeld[session.patient, default: 0] >= 2 {
                _ = try service.end(session.patient, .dropOut, reason: "stopped coming", at: session.start)
                dropped.insert(session.patient)
                status = .cancelledByPatient
            } else {
                let roll = Double.random(in: 0..<1, using: &random)
                if roll < 0.08 {
                    status = .noShow
                    _ = try service.noShow(session.id, at: session.start)
                } else if roll < 0.11 {
                    status = .cancelledByPatient
                    try store.setAppointmentStatus(session.id, status, actor: actor, reason: "unwell")
                } else if roll < 0.13 {
                    status = .cancelledByCentre
                    try store.setAppointmentStatus(session.id, status, actor: actor, reason: "clinician off sick")
                } else {
                    status = try attend(session, random: &random, measures: &measures)
                    if status == .attended, session.step.rawValue == "therapy" {
                        therapiesHeld[session.patient, default: 0] += 1
                    }
                }
                if status != .attended { rebook(after: session, into: &queue, from: index, before: end, order: order) }
            }
            counts[status, default: 0] += 1
        }
        let cancelled = (counts[.cancelledByPatient] ?? 0) + (counts[.cancelledByCentre] ?? 0)
        return Counts(
            attended: counts[.attended] ?? 0, noShows: counts[.noShow] ?? 0, cancelled: cancelled,
            dropOuts: dropped.count, measures: measures)
    }

    /// Books the replacement of a session just cancelled or missed, as the secretary does
    /// (`book P --next` on that day): inside the series, the rest shifted when there is no room.
    /// What lands before the end of the story joins the sessions still to play, in order.
    private func rebook(
        after session: Appointment, into queue: inout [Appointment], from index: Int, before end: Date,
        order: (Appointment, Appointment) -> Bool
    ) {
        var secretary = service
        secretary.snapshots.notBefore = session.end
        let day = ClinicTimeZone.paris.local(session.end).date
        guard let booking = try? secretary.book(.init(patient: session.patient, scope: .next), today: day) else {
            return
        }
        let changed = Set(booking.shifted.map(\.id))
        var rest = queue[index...].filter { !changed.contains($0.id) }
        rest += (booking.appointments + booking.shifted).filter { $0.start < end }
        queue.replaceSubrange(index..., with: rest.sorted(by: order))
    }

    /// Attends a session; an assessment gets a PCL-5 (worse at intake, better at closing for most).
    /// A session the pathway no longer accepts (a follow-up after a missed closing) is a no-show.
    private func attend(
        _ session: Appointment, random: inout SeededGenerator, measures: inout Int
    ) throws -> AppointmentStatus {
        do {
            _ = try service.attend(session.id, at: session.start)
        } catch {
            _ = try service.noShow(session.id, at: session.start)
            return .noShow
        }
        let step = service.catalog.track(session.track)?.steps.first { $0.id == session.step }
        guard let step, step.measures.contains(Instrument.pcl5.rawValue) else { return .attended }
        let day = ClinicTimeZone.paris.local(session.start).date
        let intake = try service.store.measures(patient: session.patient).first?.score
        let score =
            intake.map { max(0, $0 - Int.random(in: -4...30, using: &random)) }
            ?? Int.random(in: 33...65, using: &random)
        let measure = try OutcomeMeasure(patient: session.patient, instrument: .pcl5, score: min(score, 80), on: day)
        try service.store.addMeasure(measure, actor: service.actor, reason: "\(step.title)")
        measures += 1
        return .attended
    }
}
