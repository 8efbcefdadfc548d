import CareModel
import Foundation
import PathwayEngine
import Reports
import Store

// The records the coordinator's reports read, loaded once here beside the snapshot builder so
// that the CLI and the desk show the same figures from the same query.

extension TrackFacts {
    /// What the reports need of a track: its first assessment is the intake, its last one the
    /// closing, its therapy and group steps the therapy. Nil for a track without two assessments.
    public init?(_ track: Track) {
        let assessments = track.steps.filter { $0.kind == .assessment }
        guard let intake = assessments.first, let closing = assessments.last, intake.id != closing.id else {
            return nil
        }
        let therapy = track.steps.filter { $0.kind == .therapy || $0.kind == .groupSession }.map(\.id)
        self.init(
            id: track.id, modality: track.modality, budget: track.budget.sessions, intake: intake.id,
            therapy: Set(therapy), closing: closing.id)
    }
}

extension ReportInput {
    /// Every record the completion report grouped `by` reads, from the store, with the tracks of
    /// `catalog`.
    ///
    /// The sessions (the biggest table by far) are read on a second connection of the pool while
    /// this one reads the rest: the two reads overlap instead of adding up. Each session's first
    /// clinician is read only for `--by clinician`, the one grouping that uses it.
    public static func load(
        store: ParcoursStore, catalog: TrackCatalog, by grouping: Grouping
    ) async throws -> ReportInput {
        async let sessions = sessions(store: store, leadClinician: grouping == .clinician)
        let patients = try store.patients(), enrolments = try store.allEnrolments(), measures = try store.measures()
        return ReportInput(
            patients: patients, enrolments: enrolments, sessions: try await sessions,
            measures: measures, tracks: catalog.tracks.compactMap(TrackFacts.init),
            overrides: try overrides(store: store))
    }

    /// The sessions still booked or held under an override, with whose and when they are: a few
    /// rows at most, read one by one.
    static func overrides(store: ParcoursStore) throws -> [ReportOverride] {
        try store.overrides().compactMap { item in
            guard let session = try store.appointment(item.appointment) else { return nil }
            return ReportOverride(
                session: item.appointment, patient: session.patient, track: session.track,
                start: session.start, rules: item.rules, reason: item.reason, actor: item.actor,
                recordedAt: item.recordedAt)
        }
    }

    private static func sessions(store: ParcoursStore, leadClinician: Bool) throws -> [ReportSession] {
        var sessions: [ReportSession] = []
        try store.forEachSessionOutline(leadClinician: leadClinician) { patient, track, step, start, status, lead in
            sessions.append(
                ReportSession(
                    patient: patient, track: track, step: step, start: start, status: status,
                    leadClinician: lead))
        }
        return sessions
    }
}

extension CapacityInput {
    /// What the capacity report reads for `weeks`: resources, calendars and sessions from the
    /// store, the waiting list and the intake forecasts from Booking (which plans, never writes).
    public static func load(service: BookingService, weeks: [ReportWeek], today: LocalDate) throws -> CapacityInput {
        let store = service.store
        let zone = ClinicTimeZone.paris
        let first = weeks.first?.monday ?? today, last = (weeks.last?.monday ?? today).adding(days: 6)
        let start = zone.instant(on: first, at: .midnight) ?? .distantPast
        let end = zone.instant(on: last.adding(days: 1), at: .midnight) ?? .distantFuture
        let waiting = try service.waitlist(today: today).map {
            WaitingEntry(
                patient: $0.patient, track: $0.track, referred: $0.referred, deadline: $0.deadline,
                awaitingGroup: $0.awaitingGroup)
        }
        let forecasts = try service.intakeForecasts(today: today).map { forecast in
            switch forecast.result {
            case let .success(day): IntakeForecast(track: forecast.track, day: day)
            case let .failure(explanation):
                IntakeForecast(track: forecast.track, day: nil, reason: explanation.description)
            }
        }
        return CapacityInput(
            clinicians: try store.clinicians(), rooms: try store.rooms(),
            closedDays: try store.closedDays(from: first, to: last).map(\.date),
            absences: try store.absences(from: start, to: end),
            appointments: try store.appointments(from: start, to: end),
            waiting: waiting, forecasts: forecasts, overrides: Set(try store.overrides().map(\.appointment)))
    }
}
