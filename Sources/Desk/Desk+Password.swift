import Foundation
import Hummingbird
import NIOPosix
import Store

extension Desk {
    /// Shortest password the desk accepts when a user sets their own.
    static let minimumPasswordLength = 12

    /// The form to change one's password; required after signing in with a one-time password.
    func passwordPage(_ page: Page) -> Response {
        passwordForm(page, errors: [:], status: .ok)
    }

    func passwordForm(_ page: Page, errors: [String: String], status: HTTPResponse.Status) -> Response {
        var context: [String: Any] = [
            "csrf": page.session.csrfToken, "temporary": page.session.user.passwordIsTemporary,
            "hasErrors": !errors.isEmpty,
        ]
        for (field, text) in errors { context["error_\(field)"] = text }
        return render(
            "password", context, page.language, session: page.session, status: status,
            title: strings.text("password_title", page.language))
    }

    /// Checks the current password and the new one (long enough, typed twice, not the same);
    /// each problem is shown next to its field and nothing changes. On success the other
    /// sessions of the account end and this one goes on.
    func changePassword(_ page: Page) async throws -> Response {
        let current = page.form["current"] ?? "", new = page.form["new"] ?? "", confirm = page.form["confirm"] ?? ""
        var errors: [String: String] = [:]
        let name = page.session.user.name
        let accounts = accounts, cost = configuration.bcryptCost
        let currentMatches = try await NIOThreadPool.singleton.runIfActive {
            try accounts.check(name: name, password: String(current.prefix(1_000))) != nil
        }
        if !currentMatches {
            errors["current"] = strings.text("password_wrong_current", page.language)
        }
        if new.count < Self.minimumPasswordLength || new.count > 1_000 {
            errors["new"] = strings.text("password_too_short", page.language)
        } else if new == current {
            errors["new"] = strings.text("password_same", page.language)
        }
        if confirm != new { errors["confirm"] = strings.text("password_mismatch", page.language) }
        guard errors.isEmpty else { return passwordForm(page, errors: errors, status: .unprocessableContent) }
        let hash = try await NIOThreadPool.singleton.runIfActive { Passwords.hash(new, cost: cost) }
        try store.setDeskUserPassword(
            name, passwordBcrypt: hash, temporary: false,
            keeping: page.tokenHash, actor: Actor(name: name), reason: "changed by the user")
        return Self.redirect("/")
    }
}
