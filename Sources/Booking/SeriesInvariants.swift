import CareModel
import Foundation
import PathwayEngine
import ScheduleCheck
import Scheduler
import Store

/// The series invariants over the stored calendar, for `parcours doctor` and `bench simulate`:
/// sessions of a series in the track's order, spacing within the track's bounds (overrides set
/// aside), checked by the independent checker's order rules.
public enum SeriesInvariants {
    /// Each track's steps as the checker reads them (referral-out steps are never sessions).
    public static func steps(_ catalog: TrackCatalog) -> [TrackID: [SeriesStep]] {
        var result: [TrackID: [SeriesStep]] = [:]
        for track in catalog.tracks {
            result[track.id] = track.steps.filter { $0.kind != .referralOut }.map { step in
                SeriesStep(
                    step: step.id, count: step.count.typical, maxCount: step.count.max,
                    minDaysAfterPrevious: step.spacing?.minDays, maxDaysAfterPrevious: step.spacing?.maxDays)
            }
        }
        return result
    }

    /// The violations of every active series in `store`, sessions in `settingAside` left out.
    public static func violations(
        store: ParcoursStore, catalog: TrackCatalog, settingAside: Set<AppointmentID> = [],
        timeZone: ClinicTimeZone = .paris
    ) throws(StoreError) -> [Violation] {
        let active = try store.activeAppointments(
            from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_102_444_800))
        return violations(of: active, catalog: catalog, settingAside: settingAside, timeZone: timeZone)
    }

    /// The violations of the series `active` holds (every active session of each series it
    /// touches must be in it, or a gap reads as a violation), sessions in `settingAside` left out.
    public static func violations(
        of active: [Appointment], catalog: TrackCatalog, settingAside: Set<AppointmentID> = [],
        timeZone: ClinicTimeZone = .paris
    ) -> [Violation] {
        let sessions = active.filter { !settingAside.contains($0.id) }
            .map { a in
                ProposedSession(
                    patient: a.patient, track: a.track, step: a.step, occurrence: a.occurrence, start: a.start,
                    end: a.end, clinicians: a.clinicians, room: a.room ?? RoomID("(no room)"),
                    interpreter: a.interpreter, cohort: a.cohort)
            }
        return IndependentChecker.checkOrder(sessions: sessions, tracks: steps(catalog), timeZone: timeZone)
    }

    /// The doctor's `series` line.
    public static func healthCheck(
        store: ParcoursStore, catalog: TrackCatalog, settingAside: Set<AppointmentID>
    ) -> HealthCheck {
        let name = "series", title = "every series in the track's order, spacing within bounds (overrides set aside)"
        do {
            let found = try violations(store: store, catalog: catalog, settingAside: settingAside)
            return HealthCheck(
                name: name, title: title, problems: found.count,
                examples: found.prefix(HealthCheck.exampleLimit).map { "\($0.kind.rawValue): \($0.detail)" })
        } catch {
            return HealthCheck(name: name, title: title, problems: 1, examples: ["could not run: \(error)"])
        }
    }
}
