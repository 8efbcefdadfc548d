import Booking
import CareModel
import Foundation
import Hummingbird
import Store

/// One room's or interpreter's page: the record as a form to edit (as `parcours room edit`),
/// taking it out of service or back (`room deactivate`, `room reactivate`), and the sessions
/// booked ahead that still use it, which need another one once it is out of service.
extension Desk {
    /// *Salle*: the edit form, the state, and the sessions ahead in it.
    func roomPage(_ page: Page) throws -> Response {
        let room = try knownRoom(page)
        return try roomPage(page, room: room, typed: Self.typed(room), errors: [:], status: .ok)
    }

    /// Saves a room's name, capacity and features (`ParcoursStore.updateRoom`); a bad field is
    /// shown next to itself, as typed, and nothing is saved.
    func editRoom(_ page: Page) throws -> Response {
        let room = try knownRoom(page)
        let form = page.boundedForm
        var errors: [String: String] = [:]
        let fields = roomFields(form, errors: &errors, page.language)
        guard errors.isEmpty, let fields else {
            return try roomPage(page, room: room, typed: form, errors: errors, status: .unprocessableContent)
        }
        let edited = Room(id: room.id, name: fields.name, capacity: fields.capacity, features: fields.features)
        try storeCall { () throws(StoreError) in
            try store.updateRoom(edited, actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/salles/\(FormData.escape(room.id.rawValue))?enregistre=1")
    }

    /// Takes the room out of service (`deactivate`) or back (`reactivate`); the page then lists
    /// the sessions ahead that still use it.
    func setRoomActive(_ page: Page, _ active: Bool) throws -> Response {
        let room = try knownRoom(page)
        try refuseSameState(room.active, active)
        return try setActive(page, .room(room.id), active, path: "salles/\(FormData.escape(room.id.rawValue))") {
            try roomPage(page, room: room, typed: $0, errors: $1, failure: $2, status: $3)
        }
    }

    /// *Interprète*: the edit form, the state, and the sessions ahead with them.
    func interpreterPage(_ page: Page) throws -> Response {
        let interpreter = try knownInterpreter(page)
        return try interpreterPage(
            page, interpreter: interpreter, typed: Self.typed(interpreter), errors: [:], status: .ok)
    }

    /// Saves an interpreter's name, languages and hours (`ParcoursStore.updateInterpreter`).
    func editInterpreter(_ page: Page) throws -> Response {
        let interpreter = try knownInterpreter(page)
        let form = page.boundedForm
        var errors: [String: String] = [:]
        let name = nameField(form["nom"], errors: &errors, page.language)
        let languages = languagesField(form["langues"], errors: &errors, page.language)
        let hours = hoursField(form["horaires"], errors: &errors, page.language)
        guard errors.isEmpty, let name, let languages, let hours else {
            return try interpreterPage(
                page, interpreter: interpreter, typed: form, errors: errors, status: .unprocessableContent)
        }
        let edited = Interpreter(id: interpreter.id, name: name, languages: languages, hours: hours)
        try storeCall { () throws(StoreError) in
            try store.updateInterpreter(edited, actor: Actor(name: page.session.user.name))
        }
        return Self.redirect("/administration/interpretes/\(FormData.escape(interpreter.id.rawValue))?enregistre=1")
    }

    /// Takes the interpreter out of service or back, as ``setRoomActive(_:_:)``.
    func setInterpreterActive(_ page: Page, _ active: Bool) throws -> Response {
        let interpreter = try knownInterpreter(page)
        try refuseSameState(interpreter.active, active)
        let path = "interpretes/\(FormData.escape(interpreter.id.rawValue))"
        return try setActive(page, .interpreter(interpreter.id), active, path: path) {
            try interpreterPage(page, interpreter: interpreter, typed: $0, errors: $1, failure: $2, status: $3)
        }
    }

    /// 409 in the page's words when the resource is already in the state asked for (a second
    /// click, another tab): nothing to change.
    private func refuseSameState(_ current: Bool, _ asked: Bool) throws {
        guard current == asked else { return }
        throw DeskPageError(
            status: .conflict, titleKey: "admin_refused_title",
            textKey: asked ? "admin_resource_already_active" : "admin_resource_already_inactive")
    }

    /// Reactivates, or deactivates (with "replan": every session ahead first given another
    /// room, interpreter or time through `BookingService.retire`, all or nothing); a bad reason or
    /// a replan that cannot place a session changes nothing and shows the page again (`refused`:
    /// typed, field errors, failure, status).
    private func setActive(
        _ page: Page, _ resource: UnavailableResource, _ active: Bool, path: String,
        refused: ([String: String], [String: String], String?, HTTPResponse.Status) throws -> Response
    ) throws -> Response {
        let reason = String((page.form["motif"] ?? "").prefix(FormData.maxFieldLength))
            .trimmingCharacters(in: .whitespaces)
        let replan = !active && page.form["replanifier"] == "1"
        let typed = ["motif": reason, "replanifier": replan ? "1" : ""]
        if !reason.isEmpty, case .failure = NameRule.check(reason) {
            return try refused(
                typed, ["motif": strings.text("absences_bad_reason", page.language)], nil, .unprocessableContent)
        }
        let actor = Actor(name: page.session.user.name)
        let why = reason.isEmpty ? "\(resource.kind) \(active ? "reactivated" : "deactivated") at the desk" : reason
        var moved = 0
        if active {
            _ = try storeCall { () throws(StoreError) in
                try ResourceRetirement.setActive(resource, true, from: now(), in: store, actor: actor, reason: why)
            }
        } else {
            do {
                let outcome = try bookingService(page).retire(
                    resource, replan: replan, reason: why, today: configuration.timeZone.today(at: now()))
                moved = outcome.sameTime.count + outcome.moved.count
            } catch {
                return try refused(typed, [:], refusal(error, page.language), .conflict)
            }
        }
        return Self.redirect("/administration/\(path)?\(active ? "reactive=1" : "desactive=1&deplacees=\(moved)")")
    }

    /// Name, capacity and features of the room forms; nil with each problem under its field.
    func roomFields(
        _ form: [String: String], errors: inout [String: String], _ language: DeskLanguage
    ) -> (name: String, capacity: Int, features: Set<RoomFeature>)? {
        let name = nameField(form["nom"], errors: &errors, language)
        let capacityText = (form["places"] ?? "").trimmingCharacters(in: .whitespaces)
        let capacity = capacityText.count <= 4 ? Int(capacityText) : nil
        if capacity.map({ $0 < 1 }) ?? true {
            errors["places"] = strings.text("admin_rooms_bad_capacity", language)
        }
        let features = Set(RoomFeature.allCases.filter { form["equipement-\($0.rawValue)"] == "1" })
        if features.isEmpty { errors["equipements"] = strings.text("admin_rooms_no_feature", language) }
        guard let name, let capacity, capacity >= 1, !features.isEmpty else { return nil }
        return (name, capacity, features)
    }

    private func knownRoom(_ page: Page) throws -> Room {
        let id = page.parameters["id"] ?? ""
        guard IdentifierRule.isValid(id), let room = try store.room(RoomID(id)) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "admin_rooms_not_found",
                detail: String(id.prefix(40)))
        }
        return room
    }

    private func knownInterpreter(_ page: Page) throws -> Interpreter {
        let id = page.parameters["id"] ?? ""
        guard IdentifierRule.isValid(id), let interpreter = try store.interpreter(InterpreterID(id)) else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "admin_interpreters_not_found",
                detail: String(id.prefix(40)))
        }
        return interpreter
    }

    static func typed(_ room: Room) -> [String: String] {
        var typed = ["nom": room.name, "places": String(room.capacity)]
        for feature in room.features { typed["equipement-\(feature.rawValue)"] = "1" }
        return typed
    }

    static func typed(_ interpreter: Interpreter) -> [String: String] {
        [
            "nom": interpreter.name, "langues": interpreter.languages.map(\.rawValue).sorted().joined(separator: ", "),
            "horaires": interpreter.hours.description,
        ]
    }
}
