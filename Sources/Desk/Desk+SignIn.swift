import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Store

extension Desk {
    /// The sign-in form, with a fresh CSRF token in a cookie and in a hidden field.
    func signInPage(_ request: Request, address: String) async -> Response {
        let language = DeskLanguage.choose(userSetting: nil, acceptLanguage: request.headers[.acceptLanguage])
        if (try? currentSession(request)) != nil { return Self.redirect("/") }
        let query = FormData.parse(Substring(request.uri.query ?? ""))
        return signInForm(language, next: FormData.safeNext(query["suite"]), name: "", error: nil, status: .ok)
    }

    func signInForm(
        _ language: DeskLanguage, next: String, name: String, error: String?, status: HTTPResponse.Status
    ) -> Response {
        let token = Passwords.token()
        var response = render(
            "login", ["csrf": token, "next": next, "name": name, "error": error as Any], language, session: nil,
            status: status, title: strings.text("login_title", language))
        response.setCookie(loginCookie(token))
        return response
    }

    /// Checks the form's CSRF token, the throttle, then the password; on success ends any
    /// session the browser came with and opens a new one (a fixed session id is never adopted).
    func signIn(_ request: Request, address: String) async -> Response {
        let language = DeskLanguage.choose(userSetting: nil, acceptLanguage: request.headers[.acceptLanguage])
        guard let body = try? await request.body.collect(upTo: FormData.maxBodyBytes) else {
            return message(.contentTooLarge, "too_large_title", "too_large_text", language, session: nil)
        }
        let form = FormData.parse(Substring(String(buffer: body)))
        guard let sent = form["csrf"], let expected = request.cookies[Self.loginCookie]?.value, !expected.isEmpty,
            Self.constantTimeEqual(sent, expected)
        else { return message(.forbidden, "csrf_title", "csrf_text", language, session: nil) }
        let name = String((form["name"] ?? "").trimmingCharacters(in: .whitespaces).prefix(64))
        let password = form["password"] ?? ""
        let next = FormData.safeNext(form["suite"])
        guard throttle.allows(account: name, address: address) else {
            logger.notice("desk sign-in throttled", metadata: ["user": "\(name)", "address": "\(address)"])
            return signInForm(
                language, next: next, name: name, error: strings.text("login_throttled", language),
                status: .tooManyRequests)
        }
        do {
            let accounts = accounts
            let checked =
                password.count <= 1_000
                ? try await NIOThreadPool.singleton.runIfActive { try accounts.check(name: name, password: password) }
                : nil
            guard let user = checked else {
                throttle.recordFailure(account: name, address: address)
                logger.notice("desk sign-in failed", metadata: ["user": "\(name)", "address": "\(address)"])
                return signInForm(
                    language, next: next, name: name, error: strings.text("login_failed", language),
                    status: .unauthorized)
            }
            throttle.recordSuccess(account: name)
            if let old = request.cookies[Self.sessionCookie]?.value, !old.isEmpty, old.count <= 64 {
                try store.closeDeskSession(tokenSHA256: FeedTokenSecret.sha256(old))
            }
            let token = Passwords.token()
            try store.openDeskSession(
                user.name, tokenSHA256: FeedTokenSecret.sha256(token), csrfToken: Passwords.token())
            logger.info("desk sign-in", metadata: ["user": "\(user.name)"])
            return Self.redirect(next, cookies: [sessionCookie(token)])
        } catch {
            logger.error("desk sign-in failed", metadata: ["error": "\(error)"])
            return message(.internalServerError, "error_title", "error_text", language, session: nil)
        }
    }

    /// Ends the session here and in the browser.
    func signOut(_ page: Page) -> Response {
        do { try store.closeDeskSession(tokenSHA256: page.tokenHash) } catch {
            logger.error("desk sign-out failed", metadata: ["error": "\(error)"])
        }
        return Self.redirect("/connexion", cookies: [sessionCookie("", expired: true)])
    }

    /// Keeps the language the user picked, for every page from now on.
    func setLanguage(_ page: Page) -> Response {
        let chosen = page.form["langue"].flatMap { DeskLanguage(rawValue: $0) }
        do {
            try store.setDeskUserLanguage(
                page.session.user.name, language: chosen?.rawValue, actor: Actor(name: page.session.user.name))
        } catch {
            return message(.internalServerError, "error_title", "error_text", page.language, session: page.session)
        }
        return Self.redirect(FormData.safeNext(page.form["suite"]))
    }

    /// The landing page: what this role can open.
    func home(_ page: Page) -> Response {
        render(
            "home", ["intro": strings.text("home_intro_\(page.role.rawValue)", page.language)], page.language,
            session: page.session, title: strings.text("home_title", page.language))
    }
}
