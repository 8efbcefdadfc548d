import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Mon calendrier*: a clinician's own feed addresses, with the steps to subscribe.
    func myCalendar(_ page: Page) throws -> Response {
        try calendarPage(page, newURL: nil, status: .ok)
    }

    func calendarPage(_ page: Page, newURL: String?, status: HTTPResponse.Status) throws -> Response {
        let clinician = try ownClinician(page)
        let active = try store.feedTokens().filter { $0.isActive && $0.scope == .clinician(clinician) }
        let zone = configuration.timeZone
        let feeds: [[String: Any]] = active.map { record in
            let local = zone.local(record.createdAt)
            return ["id": String(record.id), "created": "\(local.date.iso) \(local.time)"]
        }
        return render(
            "calendar",
            ["feeds": feeds, "none": feeds.isEmpty, "newURL": newURL as Any, "csrf": page.session.csrfToken],
            page.language, session: page.session, status: status, title: strings.text("calendar_title", page.language))
    }

    /// Makes a new address (the old ones keep working until revoked) and shows it once.
    func createFeed(_ page: Page, base: String) throws -> Response {
        let clinician = try ownClinician(page)
        let token = FeedTokenSecret.generate()
        try store.createFeedToken(
            scope: .clinician(clinician), sha256: FeedTokenSecret.sha256(token),
            actor: Actor(name: page.session.user.name), reason: "created at the desk")
        return try calendarPage(page, newURL: "\(base)/feeds/\(token).ics", status: .ok)
    }

    /// Replaces one of the clinician's own addresses with a new one, shown once: the old URL
    /// stops working in the same transaction (`ParcoursStore.rotateFeedToken`, as `feed rotate`).
    /// Another clinician's address, a revoked one or an unknown number all answer 404 alike.
    func rotateFeed(_ page: Page, base: String) throws -> Response {
        let clinician = try ownClinician(page)
        let raw = page.parameters["id"] ?? ""
        guard raw.count <= 12, let id = Int64(raw),
            try store.feedTokens().contains(where: { $0.id == id && $0.isActive && $0.scope == .clinician(clinician) })
        else {
            throw DeskPageError(
                status: .notFound, titleKey: "not_found_title", textKey: "calendar_not_found",
                detail: String(raw.prefix(12)))
        }
        let token = FeedTokenSecret.generate()
        _ = try storeCall { () throws(StoreError) in
            try store.rotateFeedToken(
                id, newSHA256: FeedTokenSecret.sha256(token), actor: Actor(name: page.session.user.name),
                reason: "rotated at the desk")
        }
        return try calendarPage(page, newURL: "\(base)/feeds/\(token).ics", status: .ok)
    }

    /// Revokes every address of the clinician: a lost phone, a URL sent by mistake.
    func revokeFeeds(_ page: Page) throws -> Response {
        let clinician = try ownClinician(page)
        try store.revokeFeedTokens(
            of: clinician, actor: Actor(name: page.session.user.name), reason: "revoked at the desk")
        return Self.redirect("/mon-calendrier")
    }

    /// The clinician this account speaks for; the route guard already let only clinicians in.
    private func ownClinician(_ page: Page) throws -> ClinicianID {
        guard let clinician = page.session.user.clinician else {
            throw DeskPageError(status: .forbidden, titleKey: "forbidden_title", textKey: "forbidden_text")
        }
        return clinician
    }

    /// The address the browser reached the desk at, for a feed URL: `https://` behind the proxy.
    func publicBase(_ request: Request) -> String {
        let host = request.head.authority ?? "127.0.0.1:8080"
        let safe = host.count <= 255 && host.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) }
        return (configuration.behindHTTPS ? "https://" : "http://") + (safe ? host : "127.0.0.1:8080")
    }
}
