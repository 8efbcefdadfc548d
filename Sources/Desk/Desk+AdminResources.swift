import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Salles*: every room, and the form of `parcours room add`.
    func rooms(_ page: Page) throws -> Response {
        try roomsPage(page, typed: [:], errors: [:], status: .ok)
    }

    /// Adds a room (`ParcoursStore.addRoom`); each bad field is shown next to itself, as typed.
    func addRoom(_ page: Page) throws -> Response {
        let form = page.boundedForm
        var errors: [String: String] = [:]
        let id = (form["id"] ?? "").trimmingCharacters(in: .whitespaces)
        if !IdentifierRule.isValid(id) {
            errors["id"] = strings.text("admin_bad_id", page.language)
        } else if try store.room(RoomID(id)) != nil {
            errors["id"] = strings.text("admin_id_taken", page.language)
        }
        let fields = roomFields(form, errors: &errors, page.language)
        guard errors.isEmpty, let fields else {
            return try roomsPage(page, typed: form, errors: errors, status: .unprocessableContent)
        }
        try storeCall { () throws(StoreError) in
            try store.addRoom(
                Room(id: RoomID(id), name: fields.name, capacity: fields.capacity, features: fields.features),
                actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/salles?ajoute=\(FormData.escape(id))")
    }

    func roomsPage(
        _ page: Page, typed: [String: String], errors: [String: String], status: HTTPResponse.Status
    )
        throws -> Response
    {
        let language = page.language
        func feature(_ f: RoomFeature) -> String { strings.text("feature_\(f.rawValue)", language) }
        let context: [String: Any] = [
            "rooms": try store.rooms().map {
                [
                    "id": $0.id.rawValue, "path": FormData.escape($0.id.rawValue), "name": $0.name,
                    "capacity": $0.capacity, "active": $0.active,
                    "features": $0.features.map(feature).sorted().joined(separator: ", "),
                ] as [String: Any]
            },
            "features": RoomFeature.allCases.map {
                [
                    "value": $0.rawValue, "label": feature($0),
                    "checked": typed.isEmpty ? $0 == .individual : typed["equipement-\($0.rawValue)"] == "1",
                ] as [String: Any]
            },
            "typed": typed, "errors": errors, "hasErrors": !errors.isEmpty,
            "added": page.query["ajoute"].map { String($0.prefix(40)) } as Any,
        ]
        return render(
            "admin-rooms", context, language, session: page.session, status: status,
            title: strings.text("admin_rooms_title", language))
    }

    /// *Interprètes*: every interpreter, and the form of `parcours interpreter add`.
    func interpreters(_ page: Page) throws -> Response {
        try interpretersPage(page, typed: [:], errors: [:], status: .ok)
    }

    /// Adds an interpreter (`ParcoursStore.addInterpreter`); each bad field shown next to itself.
    func addInterpreter(_ page: Page) throws -> Response {
        let form = page.boundedForm
        var errors: [String: String] = [:]
        let id = (form["id"] ?? "").trimmingCharacters(in: .whitespaces)
        if !IdentifierRule.isValid(id) {
            errors["id"] = strings.text("admin_bad_id", page.language)
        } else if try store.interpreter(InterpreterID(id)) != nil {
            errors["id"] = strings.text("admin_id_taken", page.language)
        }
        let name = nameField(form["nom"], errors: &errors, page.language)
        let languages = languagesField(form["langues"], errors: &errors, page.language)
        let hours = hoursField(form["horaires"], errors: &errors, page.language)
        guard errors.isEmpty, let name, let languages, let hours else {
            return try interpretersPage(page, typed: form, errors: errors, status: .unprocessableContent)
        }
        try storeCall { () throws(StoreError) in
            try store.addInterpreter(
                Interpreter(id: InterpreterID(id), name: name, languages: languages, hours: hours),
                actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/interpretes?ajoute=\(FormData.escape(id))")
    }

    func interpretersPage(
        _ page: Page, typed: [String: String], errors: [String: String], status: HTTPResponse.Status
    ) throws -> Response {
        let context: [String: Any] = [
            "interpreters": try store.interpreters().map {
                [
                    "id": $0.id.rawValue, "path": FormData.escape($0.id.rawValue), "name": $0.name,
                    "languages": $0.languages.map(\.rawValue).sorted().joined(separator: ", "),
                    "hours": $0.hours.description, "active": $0.active,
                ] as [String: Any]
            },
            "typed": typed, "errors": errors, "hasErrors": !errors.isEmpty,
            "added": page.query["ajoute"].map { String($0.prefix(40)) } as Any,
        ]
        return render(
            "admin-interpreters", context, page.language, session: page.session, status: status,
            title: strings.text("admin_interpreters_title", page.language))
    }
}
