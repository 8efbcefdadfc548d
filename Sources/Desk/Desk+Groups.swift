import Booking
import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Groupes*: the closed group cohorts, and the form that opens one on a group track
    /// (`BookingService.createGroup`, as `parcours group create`).
    func groups(_ page: Page) throws -> Response {
        try groupsPage(page, typed: [:], errors: [:], status: .ok)
    }

    /// Opens a group; a bad track or day is shown next to its field with the form as typed.
    func createGroup(_ page: Page) throws -> Response {
        var errors: [String: String] = [:]
        let typedTrack = String((page.form["parcours"] ?? "").prefix(60))
        let typedStart = String((page.form["debut"] ?? "").prefix(40)).trimmingCharacters(in: .whitespaces)
        let groupTracks = catalog.tracks.filter { $0.modality == .group && $0.cohort != nil }
        if !groupTracks.contains(where: { $0.id.rawValue == typedTrack }) {
            errors["parcours"] = strings.text("groups_bad_track", page.language)
        }
        let today = configuration.timeZone.today(at: now())
        var start: LocalDate?
        if typedStart.count == 10, let day = LocalDate(parsing: typedStart) {
            if day >= today, day <= today.adding(days: 366) {
                start = day
            } else {
                errors["debut"] = strings.text("groups_start_range", page.language)
            }
        } else {
            errors["debut"] = strings.text("groups_bad_start", page.language)
        }
        guard errors.isEmpty, let start else {
            return try groupsPage(
                page, typed: ["parcours": typedTrack, "debut": typedStart], errors: errors,
                status: .unprocessableContent)
        }
        let cohort = try bookingCall(page) { booking throws(BookingError) in
            try booking.createGroup(track: TrackID(typedTrack), start: start)
        }
        return Self.redirect("/groupes/\(FormData.escape(cohort.id))")
    }

    /// One group: its members (names for secretaries), its sessions once booked, the form to add
    /// an enrolled patient and the button that books every session at the group's weekly slot.
    func group(_ page: Page) throws -> Response {
        try groupPage(page, typedPatient: "", error: nil, status: .ok)
    }

    /// Adds an enrolled patient of the group's track (`BookingService.addToGroup`).
    func addGroupMember(_ page: Page) throws -> Response {
        let cohort = try knownGroup(page)
        let typed = String((page.form["patient"] ?? "").prefix(40)).trimmingCharacters(in: .whitespaces)
        guard typed.count <= 32, try store.patient(PatientCode(typed)) != nil else {
            return try groupPage(
                page, typedPatient: typed, error: strings.text("groups_bad_patient", page.language),
                status: .unprocessableContent)
        }
        do {
            let booking = BookingService(store: store, catalog: catalog, actor: Actor(name: page.session.user.name))
            _ = try booking.addToGroup(cohort.id, patient: PatientCode(typed))
        } catch {
            return try groupPage(
                page, typedPatient: typed, error: refusal(error, page.language), status: .conflict)
        }
        return Self.redirect("/groupes/\(FormData.escape(cohort.id))")
    }

    /// Books every session of the group at once (`BookingService.bookGroup`); a refusal says why.
    func bookGroup(_ page: Page) throws -> Response {
        let cohort = try knownGroup(page)
        let today = configuration.timeZone.today(at: now())
        _ = try bookingCall(page) { booking throws(BookingError) in try booking.bookGroup(cohort.id, today: today) }
        return Self.redirect("/groupes/\(FormData.escape(cohort.id))")
    }

    private func bookingCall<T>(_ page: Page, _ body: (BookingService) throws(BookingError) -> T) throws -> T {
        let booking = BookingService(store: store, catalog: catalog, actor: Actor(name: page.session.user.name))
        do { return try body(booking) } catch {
            throw DeskPageError(
                status: .conflict, titleKey: "groups_failed_title", textKey: "groups_failed_text",
                detail: refusal(error, page.language))
        }
    }

    private func knownGroup(_ page: Page) throws -> GroupCohort {
        let raw = page.parameters["id"] ?? ""
        guard raw.count <= 40, let cohort = try store.cohort(raw) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "groups_not_found",
                detail: String(raw.prefix(40)))
        }
        return cohort
    }

    private func groupsPage(
        _ page: Page, typed: [String: String], errors: [String: String], status: HTTPResponse.Status
    ) throws -> Response {
        let rows: [[String: Any]] = try store.cohorts().map { cohort in
            [
                "id": cohort.id, "href": "/groupes/\(FormData.escape(cohort.id))",
                "track": catalog.track(cohort.track)?.title ?? cohort.track.rawValue, "start": cohort.startDate.iso,
                "status": strings.text("groups_status_\(cohort.status.rawValue)", page.language),
                "members": cohort.members.count,
            ]
        }
        let tracks: [[String: Any]] = catalog.tracks.filter { $0.modality == .group && $0.cohort != nil }.map {
            ["value": $0.id.rawValue, "label": $0.title, "selected": $0.id.rawValue == typed["parcours"]]
        }
        return render(
            "groups",
            [
                "groups": rows, "none": rows.isEmpty, "tracks": tracks, "typedStart": typed["debut"] ?? "",
                "trackError": errors["parcours"] as Any, "startError": errors["debut"] as Any,
                "hasErrors": !errors.isEmpty,
            ], page.language, session: page.session, status: status, title: strings.text("groups_title", page.language))
    }

    private func groupPage(
        _ page: Page, typedPatient: String, error: String?, status: HTTPResponse.Status
    ) throws -> Response {
        let cohort = try knownGroup(page)
        let zone = configuration.timeZone
        let names = try store.identities(Set(cohort.members))
        let members: [[String: Any]] = cohort.members.map { code in
            [
                "code": code.rawValue, "href": "/patients/\(FormData.escape(code.rawValue))",
                "name": names[code].map { "\($0.givenName) \($0.familyName)" } as Any,
            ]
        }
        let rooms = Dictionary(try store.rooms().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let clinicians = Dictionary(try store.clinicians().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        // One row per meeting: every member's session of the group at the same time is one meeting.
        var meetings: [Date: Appointment] = [:]
        for member in cohort.members {
            for session in try store.appointments(patient: member) where session.cohort == cohort.id {
                if meetings[session.start] == nil || session.status == .booked { meetings[session.start] = session }
            }
        }
        let sessions: [[String: Any]] = meetings.keys.sorted().compactMap { start in
            guard let session = meetings[start] else { return nil }
            let local = zone.local(start)
            return [
                "day": DayView.dayLabel(local.date, page.language),
                "time": "\(local.time)–\(zone.local(session.end).time)",
                "clinicians": session.clinicians.map { clinicians[$0] ?? $0.rawValue }.joined(separator: ", "),
                "room": session.room.map { rooms[$0] ?? $0.rawValue } ?? "",
            ]
        }
        return render(
            "group",
            [
                "id": cohort.id, "idPath": FormData.escape(cohort.id),
                "track": catalog.track(cohort.track)?.title ?? cohort.track.rawValue,
                "start": cohort.startDate.iso, "forming": cohort.status == .forming,
                "status": strings.text("groups_status_\(cohort.status.rawValue)", page.language),
                "members": members, "noMembers": members.isEmpty, "sessions": sessions, "noSessions": sessions.isEmpty,
                "typedPatient": typedPatient, "patientError": error as Any,
            ], page.language, session: page.session, status: status,
            title: "\(strings.text("groups_group", page.language)) \(cohort.id)")
    }
}
