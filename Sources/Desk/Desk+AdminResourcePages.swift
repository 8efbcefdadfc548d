import Booking
import CareModel
import Foundation
import Hummingbird
import Store

/// The pages of one room and one interpreter (their handlers are in Desk+AdminResourceEdits).
extension Desk {
    func roomPage(
        _ page: Page, room: Room, typed: [String: String], errors: [String: String], failure: String? = nil,
        status: HTTPResponse.Status
    ) throws -> Response {
        let language = page.language
        // The edit form shows the record when the state form is what failed.
        let typed = typed["nom"] == nil ? Self.typed(room).merging(typed) { _, new in new } : typed
        var context = try resourceContext(page, .room(room.id), active: room.active, typed: typed, errors: errors)
        context["failure"] = failure as Any
        context["name"] = room.name
        context["features"] = RoomFeature.allCases.map {
            [
                "value": $0.rawValue, "label": strings.text("feature_\($0.rawValue)", language),
                "checked": typed["equipement-\($0.rawValue)"] == "1",
            ] as [String: Any]
        }
        return render(
            "admin-room", context, language, session: page.session, status: status,
            title: "\(strings.text("admin_room_title", language)) \(room.name)")
    }

    func interpreterPage(
        _ page: Page, interpreter: Interpreter, typed: [String: String], errors: [String: String],
        failure: String? = nil, status: HTTPResponse.Status
    ) throws -> Response {
        let typed = typed["nom"] == nil ? Self.typed(interpreter).merging(typed) { _, new in new } : typed
        var context = try resourceContext(
            page, .interpreter(interpreter.id), active: interpreter.active, typed: typed, errors: errors)
        context["failure"] = failure as Any
        context["name"] = interpreter.name
        return render(
            "admin-interpreter", context, page.language, session: page.session, status: status,
            title: "\(strings.text("admin_interpreter_title", page.language)) \(interpreter.name)")
    }

    /// What both pages show: the state, the form as typed, and the sessions booked ahead that
    /// use the resource (masked for a protected patient, as on the clinician's departure page).
    private func resourceContext(
        _ page: Page, _ resource: UnavailableResource, active: Bool, typed: [String: String],
        errors: [String: String]
    ) throws -> [String: Any] {
        let protected = try store.protectedPatientCodes()
        let ahead = try ResourceRetirement.sessionsAhead(using: resource, from: now(), in: store)
        let names = try store.resourceNames()
        let rows: [[String: Any]] = ahead.map { a in
            var row = sessionRow(a, page, protected: protected)
            row["clinicians"] = a.clinicians.map { names.clinicians[$0] ?? $0.rawValue }.joined(separator: ", ")
            return row
        }
        let folder: String
        switch resource {
        case .room: folder = "salles"
        case .interpreter: folder = "interpretes"
        }
        return [
            "id": resource.id, "path": FormData.escape(resource.id), "active": active,
            "pagePath": "/administration/\(folder)/\(FormData.escape(resource.id))",
            "sessions": rows, "none": rows.isEmpty, "count": rows.count,
            // Out of service with sessions still booked: each needs another room or interpreter.
            "needReplacement": !active && !rows.isEmpty,
            "typed": typed, "errors": errors, "hasErrors": !errors.isEmpty,
            "saved": page.query["enregistre"] != nil, "deactivated": page.query["desactive"] != nil,
            "reactivated": page.query["reactive"] != nil,
            "movedCount": page.query["deplacees"].flatMap(Int.init) ?? 0,
            "replan": typed["replanifier"] == "1",
        ]
    }
}
