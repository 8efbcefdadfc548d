import Foundation
import Mustache

/// The desk's pages: Mustache templates bundled as resources, parsed once at start.
///
/// `{{value}}` escapes HTML, so a patient named `<script>` shows as text; templates use the
/// triple-mustache form only for an ``HTMLFragment`` (keys ending in `HTML`), whose writer has
/// escaped every value already.
struct Templates: Sendable {
    static let names = [
        "layout-head", "layout-foot", "login", "home", "today", "waitlist", "patient", "message", "password",
        "calendar", "referral", "enrol", "booking", "cancel", "move", "batch", "eligibility",
        "agenda", "session", "reports", "absences", "groups", "group", "admin", "admin-users", "admin-clinicians",
        "admin-departure", "admin-rooms", "admin-interpreters", "admin-closed", "admin-backups", "admin-tracks",
        "admin-room", "admin-interpreter", "admin-clinician", "admin-resource-sessions", "admin-resource-state",
        "resource-absences",
    ]

    let library: MustacheLibrary

    /// Parses every bundled template; a missing or broken one stops the server at start.
    static func bundled() throws(DeskError) -> Templates {
        var library = MustacheLibrary()
        for name in names {
            let file = "templates/\(name).mustache"
            guard let text = DeskResources.text(file) else { throw .resourceMissing(file) }
            do { try library.register(text, named: name) } catch {
                throw .badTemplate(name: file, detail: String(describing: error))
            }
        }
        return Templates(library: library)
    }

    /// The page `name` filled with `context`; an unknown name is a programming error reported as text.
    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? "template \(name) is missing"
    }
}
