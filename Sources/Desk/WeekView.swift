import CareModel
import Foundation
import PathwayEngine
import Store

/// Whose week the agenda shows: one clinician's or one room's.
enum AgendaSubject: Equatable {
    case clinician(ClinicianID)
    case room(RoomID)
}

/// The agenda's week grid for one clinician or room: hours down, days across, with the week's
/// absences and closed days, read in a fixed number of queries whatever the size of the centre
/// (the subject's sessions with their clinicians, identities, absences, closed days,
/// resources: one query each).
struct WeekView {
    let store: ParcoursStore
    let catalog: TrackCatalog
    let strings: Catalogue
    let language: DeskLanguage
    let zone: ClinicTimeZone

    /// The grid's first and last hour rows when no session falls outside them.
    static let firstHour = 8, lastHour = 19

    /// The template context of the week starting on `monday` for `subject`, as `role` may see it;
    /// `sessionLinks` says which sessions open their own page (a clinician's own, or every one).
    func context(
        monday: LocalDate, subject: AgendaSubject, role: DeskRole, sessionLinks: (Appointment) -> Bool
    ) throws -> [String: Any] {
        guard let from = zone.instant(on: monday, at: .midnight),
            let to = zone.instant(on: monday.adding(days: 7), at: .midnight)
        else {
            throw DeskPageError(
                status: .badRequest, titleKey: "bad_input_title", textKey: "bad_day", detail: monday.iso)
        }
        let days = (0..<7).map { monday.adding(days: $0) }
        let week: [Appointment] =
            switch subject {
            case .clinician(let id): try store.appointments(from: from, to: to, heldBy: id)
            case .room(let id): try store.appointments(from: from, to: to, inRoom: id)
            }
        let sessions = week.filter { !$0.status.isCancelled }
        let protected = try store.protectedPatientCodes()
        let names =
            DeskRoute.seesIdentity(role) ? try store.identities(Set(sessions.map(\.patient))) : [:]
        let resources = try store.resourceNames()
        let (rooms, clinicians, interpreters) = (resources.rooms, resources.clinicians, resources.interpreters)
        let masked = strings.text("protected_session", language)

        var cells: [Int: [Int: [AgendaEntry]]] = [:]
        var first = Self.firstHour, last = Self.lastHour
        // A group meets once for all its members: one entry per meeting, with its head count.
        var meetings: [String: Int] = [:]
        for appointment in sessions {
            if let cohort = appointment.cohort { meetings["\(cohort)|\(appointment.start)", default: 0] += 1 }
        }
        var shownMeetings: Set<String> = []
        for appointment in sessions {
            let local = zone.local(appointment.start)
            let column = local.date.daysSinceEpoch - monday.daysSinceEpoch
            guard (0..<7).contains(column) else { continue }
            if let cohort = appointment.cohort {
                let key = "\(cohort)|\(appointment.start)"
                guard shownMeetings.insert(key).inserted else { continue }
                var entry = groupEntry(appointment, cohort: cohort, members: meetings[key] ?? 1, role: role)
                entry.time = "\(local.time)–\(zone.local(appointment.end).time)"
                entry.place = place(appointment, subject: subject, rooms: rooms, clinicians: clinicians)
                cells[local.time.hour, default: [:]][column, default: []].append(entry)
                first = min(first, local.time.hour)
                last = max(last, local.time.hour)
                continue
            }
            let hidden = protected.contains(appointment.patient) && !DeskRoute.seesProtected(role)
            var entry = AgendaEntry(
                time: "\(local.time)–\(zone.local(appointment.end).time)",
                patient: hidden ? masked : appointment.patient.rawValue,
                step: hidden ? "" : stepTitle(appointment),
                status: strings.text("status_\(appointment.status.rawValue)", language),
                statusClass: appointment.status.rawValue)
            if !hidden, let identity = names[appointment.patient] {
                entry.name = "\(identity.givenName) \(identity.familyName)"
            }
            if sessionLinks(appointment) { entry.href = "/seances/\(FormData.escape(appointment.id.rawValue))" }
            entry.place = place(appointment, subject: subject, rooms: rooms, clinicians: clinicians)
            if let interpreter = appointment.interpreter {
                entry.interpreter = interpreters[interpreter] ?? interpreter.rawValue
            }
            cells[local.time.hour, default: [:]][column, default: []].append(entry)
            first = min(first, local.time.hour)
            last = max(last, local.time.hour)
        }
        let grid = AgendaGrid(interpreterLabel: strings.text("agenda_interpreter", language))
            .rows(first...last, cells)
        let closed = Dictionary(
            try store.closedDays(from: monday, to: monday.adding(days: 6)).map { ($0.date, $0.label) },
            uniquingKeysWith: { a, _ in a })
        var absent: [Int: [String]] = [:]
        if case .clinician(let id) = subject {
            for absence in try store.absences(clinician: id, from: from, to: to) {
                for (column, day) in days.enumerated() {
                    guard let dayStart = zone.instant(on: day, at: .midnight),
                        let dayEnd = zone.instant(on: day.adding(days: 1), at: .midnight),
                        absence.start < dayEnd, absence.end > dayStart
                    else { continue }
                    let start = absence.start <= dayStart ? "00:00" : "\(zone.local(absence.start).time)"
                    let end = absence.end >= dayEnd ? "24:00" : "\(zone.local(absence.end).time)"
                    let span =
                        start == "00:00" && end == "24:00"
                        ? strings.text("agenda_all_day", language) : "\(start)–\(end)"
                    absent[column, default: []].append(span + (absence.reason.map { " (\($0))" } ?? ""))
                }
            }
        }
        let header: [[String: Any]] = days.enumerated().map { column, day in
            [
                "label": DayView.dayLabel(day, language), "closed": closed[day] as Any,
                "absences": absent[column] ?? [], "hasAbsence": absent[column] != nil,
            ]
        }
        return [
            "days": header, "rowsHTML": grid, "monday": monday.iso, "sunday": monday.adding(days: 6).iso,
            "previous": monday.adding(days: -7).iso, "next": monday.adding(days: 7).iso,
            "hasAbsences": !absent.isEmpty, "hasClosed": !closed.isEmpty, "count": sessions.count,
            "none": sessions.isEmpty,
        ]
    }

    /// A group meeting: the group (a link to its page for secretaries), the step, the head count.
    private func groupEntry(
        _ appointment: Appointment, cohort: String, members: Int, role: DeskRole
    ) -> AgendaEntry {
        var entry = AgendaEntry(
            time: "", patient: "\(strings.text("groups_group", language)) \(cohort)",
            step: "\(stepTitle(appointment)) · \(members) \(strings.text("agenda_members", language))",
            status: strings.text("status_\(appointment.status.rawValue)", language),
            statusClass: appointment.status.rawValue)
        if DeskRoute.groups.allows(role) { entry.href = "/groupes/\(FormData.escape(cohort))" }
        return entry
    }

    /// Where the session is, seen from the subject: the room for a clinician, the clinicians for a room.
    private func place(
        _ appointment: Appointment, subject: AgendaSubject, rooms: [RoomID: String], clinicians: [ClinicianID: String]
    ) -> String {
        switch subject {
        case .clinician: appointment.room.map { rooms[$0] ?? $0.rawValue } ?? ""
        case .room: appointment.clinicians.map { clinicians[$0] ?? $0.rawValue }.joined(separator: ", ")
        }
    }

    func stepTitle(_ appointment: Appointment) -> String {
        DayView(store: store, catalog: catalog, strings: strings, language: language, zone: zone).stepTitle(appointment)
    }

    /// The Monday of the week holding `day`.
    static func monday(of day: LocalDate) -> LocalDate { day.adding(days: -day.weekday.index) }
}
