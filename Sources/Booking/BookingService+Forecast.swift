import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

extension BookingService {
    /// The pseudonymous code of the imagined referral; never stored.
    static let forecastPatient: PatientCode = "P-FORECAST"

    /// When a person referred today could be seen for their intake on each track, if booked now.
    ///
    /// Coordinators need "a new referral waits N weeks" to act before the queue builds up. The
    /// answer is the scheduler's, not an average: a synthetic adult of the track's first category,
    /// French-speaking (someone who needs an interpreter may wait longer), is planned against the
    /// real snapshot with the same search as `propose`, and nothing is written. For a group track
    /// this is the individual intake; the group itself starts when a cohort forms.
    public func intakeForecasts(
        today: LocalDate
    ) throws(BookingError) -> [(track: TrackID, result: Result<LocalDate, Explanation>)] {
        var problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: [])
        }
        var forecasts: [(track: TrackID, result: Result<LocalDate, Explanation>)] = []
        for track in catalog.tracks {
            guard let category = track.eligibility.categories.first else { continue }
            let patient = Patient(
                code: Self.forecastPatient, birthDate: today.adding(months: -12 * max(track.eligibility.minAge, 30)),
                category: category, referralSource: .selfReferral, referralDate: today)
            guard
                let series = SessionPlanner.request(
                    patient: patient, track: track, taken: [], scope: .next,
                    from: today.adding(days: 1), timeZone: timeZone)
            else { continue }
            problem.patients = problem.patients.filter { $0.code != patient.code } + [PatientNeeds(patient)]
            forecasts.append(
                (
                    track.id,
                    Scheduler.bookSeries(series, in: problem).map { proposal in
                        timeZone.local(proposal.sessions.first?.start ?? .distantFuture).date
                    }
                ))
        }
        return forecasts
    }
}
