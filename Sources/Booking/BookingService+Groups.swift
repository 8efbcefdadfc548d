import CareModel
import Foundation
import PathwayEngine
import Scheduler
import Store

extension BookingService {
    /// Opens a closed group on a group track, to fill before booking.
    public func createGroup(track id: TrackID, start: LocalDate) throws(BookingError) -> GroupCohort {
        guard let track = catalog.track(id) else { throw .unknownTrack(id) }
        guard track.modality == .group, track.cohort != nil else {
            throw .notApplicable(
                Refusal(
                    .individualTrack,
                    "\(id) is an individual track; groups are formed on a group track (\(groupTracks))",
                    ["track": id.rawValue, "groupTracks": "\(groupTracks)"]))
        }
        var generator = ids.generator
        let suffix = AppointmentIDs.make(using: &generator).rawValue.dropFirst(2).prefix(4)
        let cohort = GroupCohort(id: "G-\(start.iso)-\(suffix)", track: id, startDate: start)
        try wrap { () throws(StoreError) in try store.createCohort(cohort, actor: actor, reason: "group opened") }
        return cohort
    }

    /// Adds an enrolled patient of the group's track, within the group's maximum size.
    public func addToGroup(_ groupID: String, patient: PatientCode) throws(BookingError) -> GroupCohort {
        let cohort = try group(groupID)
        guard let track = catalog.track(cohort.track), let rules = track.cohort else {
            throw .unknownTrack(cohort.track)
        }
        guard let enrolment = try wrap({ () throws(StoreError) in try store.currentEnrolment(patient: patient) }),
            !enrolment.state.isTerminal
        else { throw .notEnrolled(patient) }
        guard enrolment.track == cohort.track else {
            throw .notApplicable(
                Refusal(
                    .otherTrack,
                    "\(patient) is enrolled on \(enrolment.track), not on the group's track \(cohort.track)",
                    [
                        "patient": patient.rawValue, "track": enrolment.track.rawValue,
                        "groupTrack": cohort.track.rawValue,
                    ]))
        }
        guard cohort.members.count < rules.maxSize else {
            throw .notApplicable(
                Refusal(
                    .groupFull, "group \(groupID) is full (\(rules.maxSize) patients at most)",
                    ["group": "\(groupID)", "max": String(rules.maxSize)]))
        }
        try wrap { () throws(StoreError) in
            try store.addCohortMember(groupID, patient, actor: actor, reason: "joined group")
        }
        return try group(groupID)
    }

    /// Books every session of a group at its weekly slot, all at once, and closes the group.
    public func bookGroup(
        _ groupID: String, today: LocalDate, dryRun: Bool = false
    ) throws(BookingError)
        -> (proposal: CohortProposal, appointments: [Appointment])
    {
        let cohort = try group(groupID)
        guard let track = catalog.track(cohort.track), let rules = track.cohort,
            let step = track.steps.first(where: { $0.kind == .groupSession })
        else { throw .unknownTrack(cohort.track) }
        let afterIntakes = try firstDayAfterIntakes(of: cohort, track: track)
        let request = CohortRequest(
            id: cohort.id, track: track.id, step: step.id, patients: cohort.members, minSize: rules.minSize,
            maxSize: rules.maxSize, weekday: rules.weekday, time: rules.time,
            start: max(cohort.startDate, today, afterIntakes),
            sessionCount: step.count.typical, durationMinutes: step.duration ?? 120, facilitators: rules.facilitators,
            roles: step.roles, skills: step.skills.isEmpty ? [.groupFacilitation] : step.skills,
            languages: step.languages,
            roomFeatures: step.room.isEmpty ? [.group] : step.room)
        let problem = try wrap { () throws(StoreError) in
            try snapshots.problem(store: store, today: today, concerning: Set(cohort.members))
        }
        switch Scheduler.bookCohort(request, in: problem) {
        case let .success(proposal):
            var generator = ids.generator
            let rows = proposal.sessions.map { s in
                Appointment(
                    id: AppointmentIDs.make(using: &generator), patient: s.patient, track: s.track, step: s.step,
                    occurrence: s.occurrence, start: s.start, end: s.end, clinicians: s.clinicians, room: s.room,
                    interpreter: s.interpreter, cohort: cohort.id)
            }
            if !dryRun {
                try wrap { () throws(StoreError) in
                    try store.bookCohort(cohort.id, rows, actor: actor, reason: "group booked")
                }
            }
            return (proposal, rows)
        case let .failure(explanation):
            throw .noSlot(cohort.members.first ?? "P-0000", explanation)
        }
    }

    /// The day after the last individual session that must come before the group (the intake)
    /// of any member: a group session before a member's intake would treat someone not yet
    /// assessed. A member with such a session neither booked nor held is refused, naming them.
    func firstDayAfterIntakes(of cohort: GroupCohort, track: Track) throws(BookingError) -> LocalDate {
        let before = track.steps.prefix { $0.kind != .groupSession }.filter { $0.required && $0.kind != .referralOut }
            .map(\.id)
        var latest = cohort.startDate
        for member in cohort.members {
            let held = try wrap { () throws(StoreError) in try store.appointments(patient: member) }
                .filter { $0.track == track.id && ($0.status == .booked || $0.status == .attended) }
            for step in before {
                guard let session = held.filter({ $0.step == step }).max(by: { $0.end < $1.end }) else {
                    throw .notApplicable(
                        Refusal(
                            .memberStepMissing,
                            "\(member) has no \(step) booked or held on \(track.id); the group must start after it. "
                                + "Book it first (parcours book \(member)), then book the group",
                            ["patient": "\(member)", "step": "\(step)", "track": track.id.rawValue]))
                }
                latest = max(latest, timeZone.local(session.end).date.adding(days: 1))
            }
        }
        return latest
    }

    func group(_ id: String) throws(BookingError) -> GroupCohort {
        guard let cohort = try wrap({ () throws(StoreError) in try store.cohort(id) }) else {
            throw .store(.notFound(kind: "group", id: id))
        }
        return cohort
    }

    var groupTracks: String {
        catalog.tracks.filter { $0.modality == .group }.map(\.id.rawValue).joined(separator: ", ")
    }
}
