import Booking
import CareModel
import Foundation
import PathwayEngine
import Reports
import Store

/// The demo's care simulated forward: the booked sessions of the next `weeks` weeks played as if
/// they had happened (about 8% no-shows, a few cancellations, some drop-outs, PCL-5 at the intake
/// and closing assessments), then the completion report written next to the database.
///
/// Seeded, so the same demo always gives the same report. Attendance goes through
/// `BookingService`, exactly as a secretary records it, so enrolments advance by the same rules.
struct DemoAttendance {
    let service: BookingService
    let today: LocalDate
    let weeks: Int
    let seed: UInt64

    /// Plays the sessions, prints a summary and writes `completion-report.html` beside `database`.
    func run(database: String) async throws {
        let until = today.adding(days: weeks * 7)
        if weeks > 0 { try simulate(until: until) }
        let input = try await ReportInput.load(store: service.store, catalog: service.catalog, by: .track)
        let report = CompletionReport.compute(input, by: .track)
        // Capacity on the simulated "today", over the demo's weeks of care (from its first day,
        // at most 16 weeks so the page fits A4 landscape).
        let span = ReportWeek.weeks(from: today, count: min(weeks + 4, 16))
        let capacity = CapacityReport.compute(try CapacityInput.load(service: service, weeks: span, today: until),
                                              weeks: span, today: until)
        let file = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("completion-report.html")
        do {
            try Data(report.html(title: "Parcours demo centre — completion report", generated: until, capacity: capacity).utf8)
                .write(to: file, options: .atomic)
        } catch {
            throw CLIError.cannotWrite(path: file.path, detail: error.localizedDescription)
        }
        say("Completion report: \(file.path) (open it in a browser; it prints on A4).")
    }

    private func simulate(until: LocalDate) throws {
        var random = SeededGenerator(seed: seed &+ 6)
        let store = service.store
        let end = ClinicTimeZone.paris.instant(on: until, at: .midnight) ?? Date()
        // In an order that does not depend on random ids or on Set's per-process hashing, so that
        // the same --seed and --today play the same weeks.
        let due = try store.appointments(from: .distantPast, to: end).filter { $0.status == .booked }
            .sorted { ($0.start, $0.patient.rawValue, $0.id.rawValue) < ($1.start, $1.patient.rawValue, $1.id.rawValue) }
        let patients = Set(due.map(\.patient)).sorted { $0.rawValue < $1.rawValue }
        let dropping = Set(patients.filter { _ in Double.random(in: 0..<1, using: &random) < 0.1 })
        var therapiesHeld: [PatientCode: Int] = [:]
        var dropped: Set<PatientCode> = []
        var counts: [AppointmentStatus: Int] = [:]
        let actor = service.actor
        for session in due {
            let status: AppointmentStatus
            if dropped.contains(session.patient) {
                status = .cancelledByPatient  // cancelled with the drop-out, as every session booked after it
            } else if dropping.contains(session.patient), therapiesHeld[session.patient, default: 0] >= 2 {
                _ = try service.end(session.patient, .dropOut, reason: "stopped coming", at: session.start)
                dropped.insert(session.patient)
                status = .cancelledByPatient
            } else {
                let roll = Double.random(in: 0..<1, using: &random)
                if roll < 0.08 {
                    status = .noShow
                    _ = try service.noShow(session.id)
                } else if roll < 0.11 {
                    status = .cancelledByPatient
                    try store.setAppointmentStatus(session.id, status, actor: actor, reason: "unwell")
                } else if roll < 0.13 {
                    status = .cancelledByCentre
                    try store.setAppointmentStatus(session.id, status, actor: actor, reason: "clinician off sick")
                } else {
                    status = try attend(session, random: &random)
                    if status == .attended, session.step.rawValue == "therapy" { therapiesHeld[session.patient, default: 0] += 1 }
                }
            }
            counts[status, default: 0] += 1
        }
        say("Simulated \(weeks) weeks of care to \(Shown.day(until)): \(counts[.attended] ?? 0) attended, \(counts[.noShow] ?? 0) no-shows, "
            + "\((counts[.cancelledByPatient] ?? 0) + (counts[.cancelledByCentre] ?? 0)) cancelled, \(dropped.count) drop-outs.")
    }

    /// Attends a session; an assessment gets a PCL-5 (worse at intake, better at closing for most).
    /// A session the pathway no longer accepts (a follow-up after a missed closing) is a no-show.
    private func attend(_ session: Appointment, random: inout SeededGenerator) throws -> AppointmentStatus {
        do {
            _ = try service.attend(session.id, at: session.start)
        } catch {
            _ = try service.noShow(session.id)
            return .noShow
        }
        let step = service.catalog.track(session.track)?.steps.first { $0.id == session.step }
        guard let step, step.measures.contains(Instrument.pcl5.rawValue) else { return .attended }
        let day = ClinicTimeZone.paris.local(session.start).date
        let intake = try service.store.measures(patient: session.patient).first?.score
        let score = intake.map { max(0, $0 - Int.random(in: -4...30, using: &random)) } ?? Int.random(in: 33...65, using: &random)
        let measure = try OutcomeMeasure(patient: session.patient, instrument: .pcl5, score: min(score, 80), on: day)
        try service.store.addMeasure(measure, actor: service.actor, reason: "\(step.title)")
        return .attended
    }
}
