import Booking
import CareModel
import Foundation
import PathwayEngine
import Store

/// The booking part of `parcours demo`: a group cohort formed and booked, then the whole waiting
/// list booked, as a secretary would do it; and one day of the agenda, shown after attendance.
struct DemoBookings {
    let service: BookingService
    /// The day the secretary books: the start of the demo's story.
    let today: LocalDate
    let steps: DemoSteps

    /// Steps 4 and 5: the group first, so its weekly slot is still free, then the waiting list.
    func run() throws {
        try bookGroup()
        let bar = ProgressBar(label: "Booking the waiting list")
        let outcome = try service.scheduleWaitlist(today: today) { done, total in bar.update(done, of: total) }
        bar.finish()
        steps.begin(
            "Waiting list",
            "booked on \(today.weekday.englishName) \(today): \(outcome.sessions) sessions for "
                + "\(outcome.booked.count) patients, each whole series at once, "
                + (outcome.conflicts.isEmpty ? "no conflict" : "\(outcome.conflicts.count) conflicts"))
        for (patient, error) in outcome.conflicts.prefix(3) { steps.detail("conflict for \(patient): \(error)") }
        for explanation in outcome.explanations.prefix(3) { steps.detail("not booked: \(explanation)") }
        if outcome.explanations.count > 3 {
            steps.detail("… and \(outcome.explanations.count - 3) more (parcours waitlist)")
        }
    }

    /// The group track's patients have their individual intake booked, then join one closed group
    /// starting four weeks from now at the earliest and after the last of their intakes (Booking
    /// refuses a group before a member's intake). Booked before the waiting list, so the group's
    /// weekly slot is still free.
    func bookGroup() throws {
        guard let track = service.catalog.tracks.first(where: { $0.modality == .group }), let rules = track.cohort
        else { return }
        let enrolled = try service.store.enrolments()
            .filter { $0.track == track.id && !$0.state.isTerminal }
            .map(\.patient).sorted().prefix(rules.maxSize)
        guard enrolled.count >= rules.minSize else {
            steps.begin("Group cohort", "none formed")
            steps.detail(
                "Only \(enrolled.count) patients on \(track.id): no group this time (\(rules.minSize) needed).")
            return
        }
        var members: [PatientCode] = []
        for patient in enrolled {
            do {
                _ = try service.book(.init(patient: patient), today: today)
                members.append(patient)
            } catch {
                say("  \(patient): intake not booked, left out of the group: \(error)")
            }
        }
        guard members.count >= rules.minSize else {
            steps.begin("Group cohort", "none formed")
            steps.detail(
                "Only \(members.count) patients on \(track.id) with an intake booked: no group this time (\(rules.minSize) needed)."
            )
            return
        }
        let group = try service.createGroup(track: track.id, start: today.adding(days: 28))
        var joined = 0
        for patient in members {
            do {
                _ = try service.addToGroup(group.id, patient: patient)
                joined += 1
            } catch {
                say("  \(patient) not added to \(group.id): \(error)")
            }
        }
        let result = try service.bookGroup(group.id, today: today)
        let first = result.appointments.first
        steps.begin("Group cohort", "\(group.id) on \(track.id), \(joined) patients, each intake booked first")
        steps.detail(
            "\(result.proposal.dates.count) sessions, "
                + "\(result.proposal.dates.first.map { "\($0.weekday.englishName)s from \(Shown.day($0))" } ?? "-") "
                + "at \(first.map { Shown.hours($0.start, $0.end) } ?? "-"), "
                + "facilitators \(first?.clinicians.map(\.rawValue).joined(separator: " and ") ?? "-"), room \(first?.room?.rawValue ?? "-")."
        )
    }

    /// The first working day of the week after `day`, as the agenda prints it.
    func printAgenda(after day: LocalDate) throws {
        let monday = day.adding(days: 7 - day.weekday.index)
        guard let from = ClinicTimeZone.paris.instant(on: monday, at: .midnight),
            let to = ClinicTimeZone.paris.instant(on: monday.adding(days: 1), at: .midnight)
        else { return }
        let sessions = try service.store.appointments(from: from, to: to).filter { !$0.status.isCancelled }
        steps.detail(
            "Agenda, \(Shown.day(monday)): \(sessions.count) sessions (first 8; parcours agenda --day \(monday) for all)"
        )
        say(SessionTable.render(Array(sessions.sorted { $0.start < $1.start }.prefix(8))).render())
    }
}
