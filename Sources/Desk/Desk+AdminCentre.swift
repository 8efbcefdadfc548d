import CareModel
import Foundation
import Hummingbird
import PathwayEngine
import Store

extension Desk {
    // MARK: - Jours fermés

    /// *Jours fermés*: the days closed from today on, the form of `parcours closed add`, and a
    /// button per day to open it again.
    func closedDays(_ page: Page) throws -> Response {
        try closedDaysPage(page, typed: [:], errors: [:], status: .ok)
    }

    /// Closes the centre on a day (`ParcoursStore.addClosedDays`, the CLI's plausible range);
    /// a day already closed keeps its label and the page says nothing changed.
    func addClosedDay(_ page: Page) throws -> Response {
        let typed = [
            "jour": String((page.form["jour"] ?? "").prefix(40)).trimmingCharacters(in: .whitespaces),
            "libelle": String((page.form["libelle"] ?? "").prefix(FormData.maxFieldLength)),
        ]
        var errors: [String: String] = [:]
        let today = configuration.timeZone.today(at: now())
        let day = LocalDate(parsing: typed["jour"] ?? "")
        if let day {
            if PlausibleDates.closedDay(day, today: today) != nil {
                errors["jour"] = strings.text("admin_closed_out_of_range", page.language)
            }
        } else {
            errors["jour"] = strings.text("admin_closed_bad_day", page.language)
        }
        var label = "Fermeture"
        if !(typed["libelle"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            switch NameRule.check(typed["libelle"] ?? "") {
            case .success(let checked): label = checked
            case .failure(.tooLong): errors["libelle"] = strings.text("referral_error_too_long", page.language)
            case .failure: errors["libelle"] = strings.text("referral_error_control", page.language)
            }
        }
        guard errors.isEmpty, let day else {
            return try closedDaysPage(page, typed: typed, errors: errors, status: .unprocessableContent)
        }
        let added = try storeCall { () throws(StoreError) in
            try store.addClosedDays([ClosedDay(date: day, label: label)], actor: Actor(name: page.session.user.name))
        }
        return Self.redirect(
            "/administration/jours-fermes?\(added.added.isEmpty ? "deja" : "ferme")=\(day.iso)")
    }

    /// Opens the centre again on a closed day (`ParcoursStore.removeClosedDay`, audited).
    func removeClosedDay(_ page: Page) throws -> Response {
        let text = page.parameters["id"] ?? ""
        guard text.count == 10, let day = LocalDate(parsing: text),
            try store.closedDays(from: day, to: day).isEmpty == false
        else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "admin_closed_not_found",
                detail: String(text.prefix(40)))
        }
        try storeCall { () throws(StoreError) in
            try store.removeClosedDay(day, actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/jours-fermes?rouvert=\(day.iso)")
    }

    func closedDaysPage(
        _ page: Page, typed: [String: String], errors: [String: String], status: HTTPResponse.Status
    )
        throws -> Response
    {
        let today = configuration.timeZone.today(at: now())
        func shown(_ key: String) -> String? {
            page.query[key].flatMap { LocalDate(parsing: $0) }.map { DayView.dayLabel($0, page.language) }
        }
        let days = try store.closedDays(from: today)
        let context: [String: Any] = [
            "days": days.map {
                ["iso": $0.date.iso, "day": DayView.dayLabel($0.date, page.language), "label": $0.label]
            },
            "none": days.isEmpty,
            "typed": typed, "errors": errors, "hasErrors": !errors.isEmpty,
            "closed": shown("ferme") as Any, "already": shown("deja") as Any, "reopened": shown("rouvert") as Any,
        ]
        return render(
            "admin-closed", context, page.language, session: page.session, status: status,
            title: strings.text("admin_closed_title", page.language))
    }

    // MARK: - Sauvegardes

    /// *Sauvegardes*: the backups in the folder `serve --backup-dir` names, and a button that
    /// takes one now (the `parcours backup` service); restoring stays on the command line.
    func backups(_ page: Page) throws -> Response {
        try backupsPage(page, made: page.query["faite"], failure: nil, status: .ok)
    }

    /// Takes a backup now into the backup folder, named after the time (`ParcoursStore.backup(intoFolder:at:)`).
    func makeBackup(_ page: Page) throws -> Response {
        guard let folder = configuration.backupFolder else {
            return try backupsPage(page, made: nil, failure: nil, status: .conflict)
        }
        do {
            let name = try store.backup(intoFolder: folder, at: now())
            logger.notice("desk backup", metadata: ["user": "\(page.session.user.name)", "file": "\(name)"])
            return Self.redirect("/administration/sauvegardes?faite=\(FormData.escape(name))")
        } catch {
            logger.error("desk backup failed", metadata: ["user": "\(page.session.user.name)", "error": "\(error)"])
            return try backupsPage(
                page, made: nil, failure: storeRefusal(error, page.language), status: .internalServerError)
        }
    }

    func backupsPage(_ page: Page, made: String?, failure: String?, status: HTTPResponse.Status) throws -> Response {
        let zone = configuration.timeZone
        var context: [String: Any] = [
            "made": made.map { String($0.prefix(80)) } as Any, "failure": failure as Any,
            "configured": configuration.backupFolder != nil, "folder": configuration.backupFolder as Any,
        ]
        if let folder = configuration.backupFolder {
            let files = try storeCall { () throws(StoreError) in try ParcoursStore.backupFiles(in: folder) }
            context["files"] = files.map { file -> [String: Any] in
                let local = zone.local(file.modified)
                return [
                    "name": file.name, "when": "\(DayView.dayLabel(local.date, page.language)) \(local.time)",
                    "size": ByteCountFormatter.string(fromByteCount: file.bytes, countStyle: .file),
                ]
            }
            context["none"] = files.isEmpty
        }
        return render(
            "admin-backups", context, page.language, session: page.session, status: status,
            title: strings.text("admin_backups_title", page.language))
    }

    // MARK: - Parcours de soins

    /// *Parcours de soins*: the care tracks loaded and their steps, read-only (coordinators
    /// edit Pathways/*.yaml; `parcours pathway validate` checks them).
    func tracks(_ page: Page) -> Response {
        let language = page.language
        let tracks: [[String: Any]] = catalog.tracks.map { track in
            [
                "id": track.id.rawValue, "title": track.title,
                "modality": strings.text("admin_tracks_modality_\(track.modality.rawValue)", language),
                "categories": track.eligibility.categories.map { strings.text("category_\($0.rawValue)", language) }
                    .joined(separator: ", "),
                "minAge": track.eligibility.minAge, "sessions": track.budget.sessions,
                "steps": track.steps.map { step -> [String: Any] in
                    [
                        "id": step.id.rawValue, "title": step.title,
                        "kind": strings.text("step_kind_\(step.kind.rawValue)", language),
                        "count": step.kind == .referralOut ? "—" : step.count.text,
                        "duration": step.duration.map { "\($0) min" } ?? "—",
                        "who":
                            (step.roles.map { strings.text("clinician_role_\($0.rawValue)", language) }
                            + step.skills.map { strings.text("skill_\($0.rawValue)", language) }).joined(
                                separator: ", "),
                        "deadline": step.deadline.map { String($0.daysAfterReferral) } ?? "—",
                        "measures": step.measures.joined(separator: ", "), "optional": !step.required,
                    ]
                },
            ]
        }
        return render(
            "admin-tracks", ["tracks": tracks], language, session: page.session,
            title: strings.text("admin_tracks_title", language))
    }
}
