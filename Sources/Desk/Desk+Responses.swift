import Foundation
import Hummingbird
import NIOCore
import Store

extension Desk {
    /// A page from `template`, with what every page shows: the catalogue (`t`), the signed-in
    /// user, the links their role allows, and the CSRF token for the forms of the layout.
    func render(
        _ template: String, _ context: [String: Any], _ language: DeskLanguage, session: DeskSession?,
        status: HTTPResponse.Status = .ok, title: String
    ) -> Response {
        var full = context
        full["t"] = strings.table(language)
        full["lang"] = language.rawValue
        full["title"] = title
        if let session {
            let user = session.user
            full["user"] = ["name": user.name, "role": strings.text("role_\(user.role.rawValue)", language)]
            full["csrf"] = session.csrfToken
            let links: [(DeskRoute, String, String)] = [
                (.today, "/aujourdhui", "nav_today"), (.waitlist, "/liste-attente", "nav_waitlist"),
                (.referral, "/adressages/nouveau", "referral_nav"),
                (.agenda, "/agenda", "agenda_nav"), (.reports, "/rapports", "reports_nav"),
                (.absences, "/absences", "absences_nav"), (.groups, "/groupes", "groups_nav"),
                (.myCalendar, "/mon-calendrier", "nav_calendar"), (.administration, "/administration", "admin_nav"),
                (.password, "/mot-de-passe", "nav_password"),
            ]
            full["nav"] = links.filter { $0.0.allows(user.role) }.map {
                ["href": $0.1, "label": strings.text($0.2, language)]
            }
            full["languages"] = DeskLanguage.allCases.map {
                [
                    "code": $0.rawValue, "label": strings.text("language_\($0.rawValue)", language),
                    "current": $0 == language,
                ] as [String: Any]
            }
        }
        return Self.html(status, templates.render(template, Self.droppingNils(full)))
    }

    /// `context` without the Optionals that hold nothing, at any depth: Mustache renders an
    /// Optional held in `Any` as a value (a section shown, the text "nil"), never as absent.
    static func droppingNils(_ context: [String: Any]) -> [String: Any] {
        context.compactMapValues(droppingNils(value:))
    }

    private static func droppingNils(value: Any) -> Any? {
        // Most values of a page are plain text, flags and counts: an exact type test is cheap,
        // while the cast to a protocol below looks up conformances (a sixth of a large page's
        // time in `bench desk` profiles). A value of these exact types is not an Optional.
        let type = Swift.type(of: value)
        if type == String.self || type == Bool.self || type == Int.self || type == [String: String].self {
            return value
        }
        if type == String?.self { return value as? String }
        if type == [String: Any].self, let dictionary = value as? [String: Any] { return droppingNils(dictionary) }
        if type == [[String: Any]].self, let rows = value as? [[String: Any]] {
            return rows.map { droppingNils($0) as Any }
        }
        if let dictionary = value as? [String: Any] { return droppingNils(dictionary) }
        if let array = value as? [Any] { return array.compactMap(droppingNils(value:)) }
        if let optional = value as? any OptionalValue {
            guard let wrapped = optional.wrappedValue else { return nil }
            return droppingNils(value: wrapped)
        }
        return value
    }

    /// A page that only says something: a refusal, an error, a confirmation.
    func message(
        _ status: HTTPResponse.Status, _ titleKey: String, _ textKey: String, _ language: DeskLanguage,
        session: DeskSession?, detail: String? = nil
    ) -> Response {
        render(
            "message",
            [
                "heading": strings.text(titleKey, language), "text": strings.text(textKey, language),
                "detail": detail as Any,
            ], language, session: session, status: status,
            title: strings.text(titleKey, language))
    }

    static func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 See Other to a local path (after a POST, the browser GETs the page).
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: securityHeaders)
        response.headers[.location] = FormData.safeNext(location)
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// Nothing is loaded from elsewhere, no page may be framed, no script runs.
    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        if let referrer = HTTPFields.Element.Name("Referrer-Policy") { headers[referrer] = "same-origin" }
        return headers
    }

    static func stylesheet() -> Response {
        guard let css = DeskResources.text("static/desk.css") else { return Response(status: .notFound) }
        var headers = securityHeaders
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: css)))
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS; no expiry, so the
    /// browser forgets it when closed, and the server ends it after the idle timeout anyway.
    func sessionCookie(_ value: String, expired: Bool = false) -> Cookie {
        Cookie(
            name: Self.sessionCookie, value: value, maxAge: expired ? 0 : nil, path: "/",
            secure: configuration.behindHTTPS,
            httpOnly: true, sameSite: .strict)
    }

    /// The sign-in form's own CSRF cookie (double submit), for the one form shown before a session exists.
    func loginCookie(_ value: String) -> Cookie {
        Cookie(
            name: Self.loginCookie, value: value, path: "/connexion", secure: configuration.behindHTTPS, httpOnly: true,
            sameSite: .strict)
    }
}

/// Lets ``Desk/droppingNils(_:)`` see through an Optional held in `Any`.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}
