import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Administration*: the administrator's pages, one link each.
    func administration(_ page: Page) -> Response {
        let links = [
            ("/administration/utilisateurs", "admin_users_title"),
            ("/administration/cliniciens", "admin_clinicians_title"),
            ("/administration/salles", "admin_rooms_title"),
            ("/administration/interpretes", "admin_interpreters_title"),
            ("/administration/jours-fermes", "admin_closed_title"),
            ("/administration/sauvegardes", "admin_backups_title"),
            ("/administration/parcours", "admin_tracks_title"),
        ]
        return render(
            "admin", ["links": links.map { ["href": $0.0, "label": strings.text($0.1, page.language)] }],
            page.language, session: page.session, title: strings.text("admin_title", page.language))
    }

    // MARK: - Utilisateurs

    /// *Utilisateurs*: every account, and the forms `parcours user` offers (add, disable, reset).
    func users(_ page: Page) throws -> Response {
        try usersPage(page, typed: [:], errors: [:], issued: nil, status: .ok)
    }

    /// Adds an account through ``Accounts/add(name:role:clinician:actor:)`` (as `parcours user
    /// add`) and shows its one-time password once, on this answer only.
    func addUser(_ page: Page) throws -> Response {
        let typed = [
            "nom": String((page.form["nom"] ?? "").prefix(80)).trimmingCharacters(in: .whitespaces),
            "role": String((page.form["role"] ?? "").prefix(20)),
            "clinicien": String((page.form["clinicien"] ?? "").prefix(60)),
        ]
        var errors: [String: String] = [:]
        var issued: Accounts.Issued?
        let clinician = typed["clinicien"].flatMap { $0.isEmpty ? nil : $0 }
        if let clinician, try store.clinician(ClinicianID(clinician))?.active != true {
            errors["clinicien"] = strings.text("admin_users_bad_clinician", page.language)
        }
        if errors.isEmpty {
            do {
                issued = try accounts.add(
                    name: typed["nom"] ?? "", role: typed["role"] ?? "", clinician: clinician,
                    actor: Actor(name: page.session.user.name))
            } catch {
                switch error {
                case .invalidUserName: errors["nom"] = strings.text("admin_users_bad_name", page.language)
                case .store(.duplicate): errors["nom"] = strings.text("admin_users_name_taken", page.language)
                case .invalidRole: errors["role"] = strings.text("admin_users_bad_role", page.language)
                case .clinicianMismatch:
                    errors["clinicien"] = strings.text(
                        typed["role"] == DeskRole.clinician.rawValue
                            ? "admin_users_clinician_needed" : "admin_users_clinician_only", page.language)
                default: errors["clinicien"] = strings.text("admin_users_bad_clinician", page.language)
                }
            }
        }
        if let issued { return try usersPage(page, typed: [:], errors: [:], issued: issued, status: .ok) }
        return try usersPage(page, typed: typed, errors: errors, issued: nil, status: .unprocessableContent)
    }

    /// Disables an account and ends its sessions (`parcours user disable`); never one's own.
    func disableUser(_ page: Page) throws -> Response {
        let name = try knownUser(page)
        guard name != page.session.user.name else {
            throw DeskPageError(status: .conflict, titleKey: "bad_input_title", textKey: "admin_users_not_yourself")
        }
        _ = try adminCall { () throws(DeskError) in
            try accounts.disable(name, actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/utilisateurs?desactive=\(FormData.escape(name))")
    }

    /// Gives an account a new one-time password, shown once on this answer
    /// (`parcours user reset-password`); its sessions end.
    func resetUserPassword(_ page: Page) throws -> Response {
        let name = try knownUser(page)
        guard name != page.session.user.name else {
            throw DeskPageError(status: .conflict, titleKey: "bad_input_title", textKey: "admin_users_not_yourself")
        }
        let issued = try adminCall { () throws(DeskError) in
            try accounts.resetPassword(name, actor: Actor(name: page.session.user.name))
        }
        return try usersPage(page, typed: [:], errors: [:], issued: issued, status: .ok)
    }

    private func knownUser(_ page: Page) throws -> String {
        let name = page.parameters["id"] ?? ""
        guard name.count <= 64, try accounts.list().contains(where: { $0.name == name }) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "admin_users_not_found",
                detail: String(name.prefix(64)))
        }
        return name
    }

    /// Runs an Accounts call; a refusal becomes a 409 page, a Store refusal in the page's language.
    func adminCall<T>(_ body: () throws(DeskError) -> T) throws -> T {
        do { return try body() } catch {
            var refused = DeskPageError(
                status: .conflict, titleKey: "admin_refused_title", textKey: "admin_refused_text",
                detail: error.description)
            if case .store(let store) = error { refused.storeError = store }
            throw refused
        }
    }

    func usersPage(
        _ page: Page, typed: [String: String], errors: [String: String], issued: Accounts.Issued?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let language = page.language
        let users = try adminCall { () throws(DeskError) in try accounts.list() }
        let rows: [[String: Any]] = users.map { user in
            [
                "name": user.name, "role": strings.text("role_\(user.role.rawValue)", language),
                "clinician": user.clinician?.rawValue ?? "—", "disabled": user.disabled,
                "since": configuration.timeZone.local(user.createdAt).date.iso,
                "path": FormData.escape(user.name), "self": user.name == page.session.user.name,
            ]
        }
        let chosenRole = typed["role"] ?? ""
        let chosenClinician = typed["clinicien"] ?? ""
        let context: [String: Any] = [
            "users": rows,
            "roles": DeskRole.allCases.map {
                [
                    "value": $0.rawValue, "label": strings.text("role_\($0.rawValue)", language),
                    "selected": $0.rawValue == chosenRole,
                ] as [String: Any]
            },
            "clinicians": try store.clinicians().filter(\.active).map {
                [
                    "value": $0.id.rawValue, "label": "\($0.name) (\($0.id))",
                    "selected": $0.id.rawValue == chosenClinician,
                ]
                    as [String: Any]
            },
            "typed": typed, "errors": errors, "hasErrors": !errors.isEmpty,
            "issued": issued.map { ["name": $0.user.name, "password": $0.oneTimePassword] } as Any,
            "disabledName": page.query["desactive"].map { String($0.prefix(64)) } as Any,
        ]
        return render(
            "admin-users", context, language, session: page.session, status: status,
            title: strings.text("admin_users_title", language))
    }
}
