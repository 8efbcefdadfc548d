import CareModel
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import PathwayEngine
import Store

/// The desk: the centre's web application, in French first, served beside the feeds.
///
/// Every route goes through one guard (``DeskRoute`` holds the role matrix): it finds the
/// session from its cookie, answers 303 to the sign-in page without one, 403 to a role the
/// route does not allow, and 403 to a POST without the session's CSRF token. Pages read and
/// change data through the Store and Booking services only.
public struct Desk: Sendable {
    let store: ParcoursStore
    let catalog: TrackCatalog
    let configuration: DeskConfiguration
    let templates: Templates
    let strings: Catalogue
    let throttle: LoginThrottle
    let accounts: Accounts
    let logger: Logger
    /// "Now", injected so tests control idle timeouts, throttling and "today".
    let now: @Sendable () -> Date
    /// The reports' figures, computed ahead and kept while the database does not change (*Rapports*).
    let reportCache = ReportCache()
    /// The database's change counter, which tells the report cache when figures fell behind.
    let changes: DatabaseChangeWatch

    static let sessionCookie = "parcours_session"
    static let loginCookie = "parcours_login"

    /// Loads the bundled templates and catalogues; refuses to start if one is missing or broken.
    public init(
        store: ParcoursStore, catalog: TrackCatalog, configuration: DeskConfiguration = .init(), logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(DeskError) {
        self.store = store
        self.catalog = catalog
        self.configuration = configuration
        self.logger = logger
        self.now = now
        templates = try Templates.bundled()
        strings = try Catalogue.bundled()
        throttle = LoginThrottle(
            limits: .init(
                perAccount: configuration.loginFailuresPerAccount,
                perAddress: configuration.loginFailuresPerAddress,
                window: configuration.loginWindow), clock: now)
        accounts = Accounts(store: store, cost: configuration.bcryptCost)
        do { changes = try store.changeWatch() } catch { throw .store(error) }
    }

    /// Adds the desk's routes to `router` (the feed server's, so both share one port).
    /// `clientAddress` says who is asking, for the per-address sign-in limit.
    public func addRoutes<Context: RequestContext>(
        to router: Router<Context>, clientAddress: @escaping @Sendable (Request, Context) -> String?
    ) {
        router.get("/static/desk.css") { _, _ in Self.stylesheet() }
        router.get("/static/referral.js") { _, _ in Self.referralScript() }
        router.get("/connexion") { request, context in
            await signInPage(request, address: clientAddress(request, context) ?? "-")
        }
        router.post("/connexion") { request, context in
            await signIn(request, address: clientAddress(request, context) ?? "-")
        }
        let guarded: [(HTTPRequest.Method, String, DeskRoute, @Sendable (Page) async throws -> Response)] = [
            // Small pages too: on the cooperative threads, under twenty users at once, some
            // requests waited ten times the median (bimodal latencies); the pool's queue is fair.
            (.get, "/", .home, { page in try await offload { home(page) } }),
            (.post, "/deconnexion", .signOut, { page in signOut(page) }),
            (.post, "/langue", .language, { page in setLanguage(page) }),
            (.get, "/mot-de-passe", .password, { page in passwordPage(page) }),
            (.post, "/mot-de-passe", .password, { page in try await changePassword(page) }),
            (.get, "/aujourdhui", .today, { page in try await offload { try today(page) } }),
            (.post, "/seances/{id}/presence", .checkIn, { page in try checkIn(page) }),
            (.get, "/liste-attente", .waitlist, { page in try await offload { try waitlist(page) } }),
            (.get, "/patients/{code}", .patient, { page in try await offload { try patient(page) } }),
            (.get, "/mon-calendrier", .myCalendar, { page in try await offload { try myCalendar(page) } }),
            (.post, "/mon-calendrier/creer", .myCalendar, { page in try createFeed(page, base: page.base) }),
            (.post, "/mon-calendrier/revoquer", .myCalendar, { page in try revokeFeeds(page) }),
            (.post, "/mon-calendrier/{id}/renouveler", .myCalendar, { page in try rotateFeed(page, base: page.base) }),
            (.get, "/adressages/nouveau", .referral, { page in referralPage(page) }),
            (.post, "/adressages/nouveau", .referral, { page in try createReferral(page) }),
            (.get, "/adressages/eligibilite", .referral, { page in eligibilityVerdict(page) }),
            (.get, "/patients/{code}/inscription", .enrol, { page in try enrolPage(page) }),
            (.post, "/patients/{code}/inscription", .enrol, { page in try enrol(page) }),
            (.get, "/patients/{code}/reservation", .book, { page in try bookingPage(page) }),
            (.post, "/patients/{code}/reservation", .book, { page in try confirmBooking(page) }),
            (.get, "/seances/{id}/annulation", .cancel, { page in try cancelPage(page) }),
            (.post, "/seances/{id}/annulation", .cancel, { page in try cancelSession(page) }),
            (.get, "/seances/{id}/deplacement", .move, { page in try movePage(page) }),
            (.post, "/seances/{id}/deplacement", .move, { page in try moveSession(page) }),
            (.get, "/liste-attente/programmation", .batchBooking, { page in try batchPage(page) }),
            (.post, "/liste-attente/programmation", .batchBooking, { page in try confirmBatch(page) }),
            (.get, "/agenda", .agenda, { page in try await offload { try agenda(page) } }),
            (.get, "/seances/{id}", .session, { page in try sessionPage(page) }),
            (.post, "/seances/{id}/pcl5", .recordScore, { page in try recordScore(page) }),
            (.get, "/rapports", .reports, { page in try await reports(page) }),
            (.get, "/rapports/completion.csv", .reports, { page in try await completionCSV(page) }),
            (.get, "/rapports/capacite.csv", .reports, { page in try await capacityCSV(page) }),
            (.get, "/absences", .absences, { page in try await offload { try absences(page) } }),
            (.post, "/absences", .absences, { page in try addAbsence(page) }),
            (.post, "/absences/import", .absences, { page in try importAbsences(page) }),
            (.get, "/absences/ressources", .absences, { page in try await offload { try resourceAbsences(page) } }),
            (.post, "/absences/ressources", .absences, { page in try addResourceAbsence(page) }),
            (.post, "/absences/ressources/{id}/retirer", .absences, { page in try removeResourceAbsence(page) }),
            (.get, "/groupes", .groups, { page in try await offload { try groups(page) } }),
            (.post, "/groupes", .groups, { page in try createGroup(page) }),
            (.get, "/groupes/{id}", .groups, { page in try await offload { try group(page) } }),
            (.post, "/groupes/{id}/membres", .groups, { page in try addGroupMember(page) }),
            (.post, "/groupes/{id}/reserver", .groups, { page in try bookGroup(page) }),
            (.get, "/administration", .administration, { page in administration(page) }),
            (.get, "/administration/utilisateurs", .administration, { page in try users(page) }),
            (.post, "/administration/utilisateurs", .administration, { page in try addUser(page) }),
            (.post, "/administration/utilisateurs/{id}/desactiver", .administration, { page in try disableUser(page) }),
            (
                .post, "/administration/utilisateurs/{id}/mot-de-passe", .administration,
                { page in try resetUserPassword(page) }
            ),
            (.get, "/administration/cliniciens", .administration, { page in try clinicians(page) }),
            (.post, "/administration/cliniciens", .administration, { page in try addClinician(page) }),
            (.get, "/administration/cliniciens/{id}", .administration, { page in try clinicianPage(page) }),
            (.post, "/administration/cliniciens/{id}", .administration, { page in try editClinician(page) }),
            (
                .post, "/administration/cliniciens/{id}/plafonds", .administration,
                { page in try setClinicianCaps(page) }
            ),
            (
                .get, "/administration/cliniciens/{id}/desactivation", .administration,
                { page in try departurePage(page) }
            ),
            (
                .post, "/administration/cliniciens/{id}/desactivation", .administration,
                { page in try deactivateClinician(page) }
            ),
            (.get, "/administration/salles", .administration, { page in try rooms(page) }),
            (.post, "/administration/salles", .administration, { page in try addRoom(page) }),
            (.get, "/administration/salles/{id}", .administration, { page in try roomPage(page) }),
            (.post, "/administration/salles/{id}", .administration, { page in try editRoom(page) }),
            (
                .post, "/administration/salles/{id}/desactiver", .administration,
                { page in try setRoomActive(page, false) }
            ),
            (
                .post, "/administration/salles/{id}/reactiver", .administration,
                { page in try setRoomActive(page, true) }
            ),
            (.get, "/administration/interpretes", .administration, { page in try interpreters(page) }),
            (.post, "/administration/interpretes", .administration, { page in try addInterpreter(page) }),
            (.get, "/administration/interpretes/{id}", .administration, { page in try interpreterPage(page) }),
            (.post, "/administration/interpretes/{id}", .administration, { page in try editInterpreter(page) }),
            (
                .post, "/administration/interpretes/{id}/desactiver", .administration,
                { page in try setInterpreterActive(page, false) }
            ),
            (
                .post, "/administration/interpretes/{id}/reactiver", .administration,
                { page in try setInterpreterActive(page, true) }
            ),
            (.get, "/administration/jours-fermes", .administration, { page in try closedDays(page) }),
            (.post, "/administration/jours-fermes", .administration, { page in try addClosedDay(page) }),
            (
                .post, "/administration/jours-fermes/{id}/retirer", .administration,
                { page in try removeClosedDay(page) }
            ),
            (.get, "/administration/sauvegardes", .administration, { page in try backups(page) }),
            (
                .post, "/administration/sauvegardes", .administration,
                { page in try await offload { try makeBackup(page) } }
            ),
            (.get, "/administration/parcours", .administration, { page in tracks(page) }),
        ]
        for (method, path, route, handler) in guarded {
            router.on(RouterPath(path), method: method) { request, context in
                let parameters = ["id", "code"].reduce(into: [String: String]()) { found, name in
                    if let value = context.parameters.get(name) { found[name] = value }
                }
                return await guardRoute(route, request, parameters: parameters, handler: handler)
            }
        }
    }

    /// Runs a page's synchronous Store reads and rendering on NIO's thread pool, so that a large
    /// page does not hold one of the few cooperative threads every other request needs.
    func offload(_ work: @escaping @Sendable () throws -> Response) async throws -> Response {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    // MARK: - The guard

    /// One request past the guard: who asks, in which language, with which fields.
    struct Page: Sendable {
        var session: DeskSession
        var tokenHash: [UInt8]
        var language: DeskLanguage
        var query: [String: String]
        var form: [String: String]
        var parameters: [String: String]
        /// `http(s)://host` as the browser reached the desk, for addresses shown to the user.
        var base: String
        var role: DeskRole { session.user.role }
    }

    func guardRoute(
        _ route: DeskRoute, _ request: Request, parameters: [String: String],
        handler: @Sendable (Page) async throws -> Response
    ) async -> Response {
        let accepted = request.headers[.acceptLanguage]
        var language = DeskLanguage.choose(userSetting: nil, acceptLanguage: accepted)
        var known: DeskSession?
        do {
            guard let (session, hash) = try currentSession(request) else {
                let next = request.method == .get ? "?suite=" + FormData.escape(request.uri.description) : ""
                return Self.redirect("/connexion" + next)
            }
            known = session
            language = DeskLanguage.choose(userSetting: session.user.language, acceptLanguage: accepted)
            guard route.allows(session.user.role) else {
                logger.notice("desk refused", metadata: ["user": "\(session.user.name)", "route": "\(route.rawValue)"])
                return message(.forbidden, "forbidden_title", "forbidden_text", language, session: session)
            }
            if session.user.passwordIsTemporary, !route.openBeforePasswordChange {
                return Self.redirect("/mot-de-passe")
            }
            var form: [String: String] = [:]
            if request.method == .post {
                guard let body = try? await request.body.collect(upTo: FormData.maxBodyBytes) else {
                    return message(.contentTooLarge, "too_large_title", "too_large_text", language, session: session)
                }
                let text = String(buffer: body)
                if let boundary = FormData.multipartBoundary(request.headers[.contentType]) {
                    // A file upload (a leave calendar on *Absences*): the token travels as a part.
                    guard let parts = FormData.multipart(text, boundary: boundary) else {
                        return message(.badRequest, "bad_input_title", "bad_upload", language, session: session)
                    }
                    form = parts
                } else {
                    form = FormData.parse(Substring(text))
                }
                guard let sent = form["csrf"], Self.constantTimeEqual(sent, session.csrfToken) else {
                    logger.notice(
                        "desk CSRF refusal", metadata: ["user": "\(session.user.name)", "route": "\(route.rawValue)"])
                    return message(.forbidden, "csrf_title", "csrf_text", language, session: session)
                }
            }
            let query = FormData.parse(Substring(request.uri.query ?? ""))
            return try await handler(
                Page(
                    session: session, tokenHash: hash, language: language, query: query, form: form,
                    parameters: parameters, base: publicBase(request)))
        } catch let error as DeskPageError {
            if let refused = error.storeError {
                // The page says it in the user's words; the Store's own, for the administrator, go to the log.
                logger.notice("desk store refusal", metadata: ["route": "\(route.rawValue)", "error": "\(refused)"])
            }
            let detail = error.storeError.map { storeRefusal($0, language) } ?? error.detail
            return message(error.status, error.titleKey, error.textKey, language, session: known, detail: detail)
        } catch {
            logger.error("desk page failed", metadata: ["route": "\(route.rawValue)", "error": "\(error)"])
            return message(.internalServerError, "error_title", "error_text", language, session: known)
        }
    }

    /// The session named by the request's cookie, if it is live.
    func currentSession(_ request: Request) throws(StoreError) -> (DeskSession, [UInt8])? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty, token.count <= 64 else {
            return nil
        }
        let hash = FeedTokenSecret.sha256(token)
        guard let session = try store.deskSession(tokenSHA256: hash, idleTimeout: configuration.idleTimeout) else {
            return nil
        }
        return (session, hash)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        FeedTokenSecret.constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }
}

/// A page's refusal of its input or of the data asked for: the status and the catalogue keys
/// that say why, with an optional detail (an id, a date as typed).
struct DeskPageError: Error {
    var status: HTTPResponse.Status
    var titleKey: String
    var textKey: String
    var detail: String?
    /// A Store refusal, said in the page's language instead of `detail` (``Desk/storeRefusal(_:_:)``).
    var storeError: StoreError? = nil
}
