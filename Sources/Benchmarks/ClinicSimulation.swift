import Booking
import CareModel
import Foundation
import PathwayEngine
import Store

/// A year (or any number of weeks) of clinic life, day by day, through the Booking service as a
/// secretary would drive it: referrals (about 500 a year), enrolment and booking, attendance,
/// no-shows, cancellations by patients and by the centre (each replaced inside its series), leave
/// announced 2-30 days ahead and sick days announced the same morning (replanned), drop-outs and
/// PCL-5 scores. After every day the independent checker and the series invariants judge what the
/// day could change, and the whole stored calendar every Sunday and at the end: the figures count
/// every violation.
///
/// Measurement code: it lives in Benchmarks, never in a product module (`parcours bench simulate`).
public struct ClinicSimulation {
    public let store: ParcoursStore
    public let catalog: TrackCatalog
    public let weeks: Int
    public let seed: UInt64
    public let start: LocalDate
    /// Referrals a working day: 0 to 4, two on average (about 500 a year); scaled by this factor.
    public let referralScale: Double
    let zone = ClinicTimeZone.paris
    /// Sets the ids' sequence apart from the events' (both come from the run's seed).
    static let idSeedMask: UInt64 = 0x1D5_5EED

    public init(
        store: ParcoursStore, catalog: TrackCatalog, weeks: Int, seed: UInt64, start: LocalDate,
        referralScale: Double = 1
    ) {
        self.referralScale = referralScale
        self.store = store
        self.catalog = catalog
        self.weeks = weeks
        self.seed = seed
        self.start = start
    }

    /// Plays the weeks on a store already created (empty), then returns the centre's figures.
    public func run() throws -> SimulationFigures {
        try Self.furnish(store)
        var state = SimulationState(random: SeededGenerator(seed: seed), ids: .seeded(seed ^ Self.idSeedMask))
        let clock = ContinuousClock()
        let began = clock.now
        for offset in 0..<(weeks * 7) {
            let today = start.adding(days: offset)
            if today.weekday.index < 5 { try playDay(today, &state) }
            let last = offset == weeks * 7 - 1
            let (_, checking) = try Measure.seconds { try check(after: today, last: last, &state) }
            state.checkSeconds += checking
        }
        let elapsed = began.duration(to: clock.now)
        return try figures(
            state, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// One working day: leave and sick days, referrals, the waiting patients, then the day's sessions.
    func playDay(_ today: LocalDate, _ s: inout SimulationState) throws {
        let morning = zone.instant(on: today, at: LocalTime(hour: 8) ?? .midnight) ?? Date()
        var service = BookingService(
            store: store, catalog: catalog, actor: Self.actor,
            snapshots: SnapshotBuilder(notBefore: morning), ids: s.ids)
        let clinicians = try store.clinicians().map(\.id)
        if Double.random(in: 0..<1, using: &s.random) < 0.05, let who = clinicians.randomElement(using: &s.random) {
            try sickDay(who, today, service: service, &s)
        }
        if Double.random(in: 0..<1, using: &s.random) < 0.04, let who = clinicians.randomElement(using: &s.random) {
            let first = today.adding(days: Int.random(in: 2...30, using: &s.random))
            let leave = absence(who, from: first, days: Int.random(in: 1...10, using: &s.random), reason: "leave")
            s.leaveAnnounced += 1
            if let outcome = try? service.recordAbsences([leave], replan: true, today: today, reason: "leave") {
                s.movedForLeave += outcome.moved.count
                s.toColleague += outcome.toColleague.count
            } else {
                s.leaveRefused += 1 // the replan could not be completed: the leave is not granted as asked
            }
        }
        let expected = Double(Int.random(in: 0...4, using: &s.random)) * referralScale
        let whole = Int(expected)
        let referrals = whole + (Double.random(in: 0..<1, using: &s.random) < expected - Double(whole) ? 1 : 0)
        for _ in 0..<referrals {
            var patient = Self.referral(on: today, using: &s.random)
            // Four-character codes collide now and then over a year: draw again, as `patient add` does.
            while try store.patient(patient.code) != nil { patient.code = PatientCode.random(using: &s.random) }
            try store.addPatient(patient, actor: Self.actor)
            s.referrals += 1
            guard let track = catalog.tracks(for: patient, on: today).first(where: { $0.modality == .individual })
            else { continue }
            _ = try Enrolling.enrol(
                patient, on: track, date: today, at: morning, catalog: catalog, store: store, actor: Self.actor)
            s.waiting.append(patient.code)
        }
        s.waiting = s.waiting.filter { code in (try? service.book(.init(patient: code), today: today)) == nil }
        service.snapshots.notBefore = nil
        try playSessions(today, service: service, &s)
    }

    /// A clinician off sick today: their sessions are replanned, else cancelled by the centre and replaced.
    func sickDay(_ who: ClinicianID, _ today: LocalDate, service: BookingService, _ s: inout SimulationState) throws {
        let off = absence(who, from: today, days: 1, reason: "sick")
        s.sickDays += 1
        if let outcome = try? service.recordAbsences([off], replan: true, today: today, reason: "sick") {
            s.movedForSickness += outcome.moved.count
            s.toColleague += outcome.toColleague.count
            return
        }
        let outcome = try service.recordAbsences([off], replan: false, today: today, reason: "sick")
        for session in outcome.hit {
            _ = try service.cancel(session.id, by: .centre, reason: "clinician off sick", today: today)
            s.cancelledByCentre += 1
            rebook(session, service: service, today: today, &s)
        }
    }

    /// The day's booked sessions, in order: held, missed or cancelled, as the centre lives them.
    func playSessions(_ today: LocalDate, service: BookingService, _ s: inout SimulationState) throws {
        guard let from = zone.instant(on: today, at: .midnight),
            let to = zone.instant(on: today.adding(days: 1), at: .midnight)
        else { return }
        let sessions = try store.appointments(from: from, to: to).filter { $0.status == .booked }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        for planned in sessions {
            guard let session = try store.appointment(planned.id), session.status == .booked else { continue }
            let roll = Double.random(in: 0..<1, using: &s.random)
            if roll < 0.03 {
                let by: BookingService.CancelledBy = roll < 0.02 ? .patient : .centre
                _ = try service.cancel(
                    session.id, by: by, reason: by == .patient ? "unwell" : "room unavailable", today: today)
                if by == .patient { s.cancelledByPatient += 1 } else { s.cancelledByCentre += 1 }
                rebook(session, service: service, today: today, &s)
            } else if roll < 0.13 || (try? service.attend(session.id, at: session.start)) == nil {
                _ = try service.noShow(session.id, at: session.start)
                s.noShows += 1
                let open = try store.currentEnrolment(patient: session.patient).map { !$0.state.isTerminal } ?? false
                if Double.random(in: 0..<1, using: &s.random) < 0.15, open {
                    _ = try service.end(session.patient, .dropOut, reason: "stopped coming", at: session.end)
                    s.dropOuts += 1
                } else {
                    rebook(session, service: service, today: today, &s)
                }
            } else {
                try attended(session, today: today, &s)
            }
        }
    }

    /// Books the replacement of a lost session, as the secretary confirms the proposal.
    func rebook(_ session: Appointment, service: BookingService, today: LocalDate, _ s: inout SimulationState) {
        var secretary = service
        secretary.snapshots.notBefore = session.end
        if let booking = try? secretary.book(.init(patient: session.patient, scope: .next), today: today) {
            s.replaced += 1
            s.shiftedForReplacement += booking.shifted.count
        } else {
            s.notReplaced += 1
        }
    }

    /// Counts a held session; an assessment with a questionnaire gets its PCL-5.
    func attended(_ session: Appointment, today: LocalDate, _ s: inout SimulationState) throws {
        s.attended += 1
        let minutes = session.end.timeIntervalSince(session.start) / 60
        if session.interpreter != nil { s.interpreterMinutes += minutes }
        for clinician in session.clinicians { s.clinicianMinutes[clinician.rawValue, default: 0] += minutes }
        if session.step == "intake", let patient = try store.patient(session.patient) {
            s.daysToIntake.append(Double(patient.referralDate.days(to: today)))
        }
        guard let step = catalog.track(session.track)?.step(session.step),
            step.measures.contains(Instrument.pcl5.rawValue)
        else { return }
        let score = Int.random(in: session.step == "intake" ? 33...65 : 10...50, using: &s.random)
        _ = try store.addMeasure(
            try OutcomeMeasure(patient: session.patient, instrument: .pcl5, score: score, on: today),
            actor: Self.actor)
        s.measures += 1
    }

    /// After each day: the independent checker and the series invariants over what the day could
    /// change (``StoredCalendarCheck``'s window from this day's week on), and over the whole stored
    /// calendar every Sunday and on the last day.
    func check(after today: LocalDate, last: Bool, _ s: inout SimulationState) throws {
        let whole = last || today.weekday.index == 6
        let found = try StoredCalendarCheck.problems(store: store, catalog: catalog, from: whole ? nil : today)
        s.checkedDays += 1
        if whole { s.wholeChecks += 1 }
        s.violations += found.count
        if s.examples.count < 10 { s.examples += found.prefix(10 - s.examples.count).map { "\(today.iso) \($0)" } }
    }

    func absence(_ who: ClinicianID, from first: LocalDate, days: Int, reason: String) -> ClinicianAbsence {
        let start = zone.instant(on: first, at: .midnight) ?? Date()
        let end =
            zone.instant(on: first.adding(days: days), at: .midnight) ?? start.addingTimeInterval(Double(days) * 86_400)
        return ClinicianAbsence(clinician: who, start: start, end: end, reason: reason)
    }
}
