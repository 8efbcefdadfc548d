import Store

/// Every page and action of the desk, and the roles that may use it: the role matrix of
/// issue 17 in one place. The route guard checks it before any handler runs; handlers only
/// narrow further by whom the data concerns (a clinician's own sessions).
public enum DeskRoute: String, CaseIterable, Sendable {
    case home, today, checkIn, waitlist, patient, language, signOut, password, myCalendar
    /// The secretary's flows: a new referral, enrolment, booking a series (or a replacement),
    /// cancelling and moving a session, booking the waiting list in one batch.
    case referral, enrol, book, cancel, move, batchBooking
    case agenda, session, recordScore, reports, absences, groups
    /// *Administration*: accounts, clinicians, rooms, interpreters, closed days, backups, and
    /// the care tracks read-only.
    case administration

    /// The roles allowed; a signed-in user of another role gets 403.
    public var roles: Set<DeskRole> {
        switch self {
        case .home, .language, .signOut, .password: Set(DeskRole.allCases)
        // The day sheet names patients and rooms: the front desk and the clinicians (their own).
        case .today, .checkIn: [.secretary, .clinician]
        // Waits are capacity: the front desk books them, coordinators review them.
        case .waitlist: [.secretary, .coordinator]
        // A pathway: the front desk, the clinician who sees the patient, coordinators (never an identity).
        case .patient: [.secretary, .clinician, .coordinator]
        // A clinician's own feed address: create, revoke.
        case .myCalendar: [.clinician]
        // Identities, referrals, enrolment, booking, moves, cancellations: the front desk only.
        case .referral, .enrol, .book, .cancel, .move, .batchBooking: [.secretary]
        // A week per clinician or room: the front desk any, a clinician their own, coordinators
        // (capacity) by code only.
        case .agenda: [.secretary, .clinician, .coordinator]
        // One session's page and its attendance: the front desk, the clinician who holds it.
        case .session: [.secretary, .clinician]
        // Scores are clinical: only the clinician who holds the session records one.
        case .recordScore: [.clinician]
        // Completion and capacity figures, with their CSV: coordinators (figures, never an identity).
        case .reports: [.coordinator]
        // A clinician's leave and the sessions it hits: the front desk.
        case .absences: [.secretary]
        // Closed group cohorts: formed and booked by the front desk.
        case .groups: [.secretary]
        // Users, resources, closed days, backups: the administrator only.
        case .administration: [.admin]
        }
    }

    /// Whether `role` may use this route at all (what data it then sees is narrowed by the page).
    public func allows(_ role: DeskRole) -> Bool { roles.contains(role) }

    /// Open to an account still on its one-time password; every other route waits for a new one.
    public var openBeforePasswordChange: Bool { self == .password || self == .signOut || self == .language }

    /// What the signed-in user may see of a patient's identity: only secretaries ever do.
    public static func seesIdentity(_ role: DeskRole) -> Bool { role == .secretary }

    /// Whether an address-protected patient is shown to `role`; everyone but secretaries sees a mask.
    public static func seesProtected(_ role: DeskRole) -> Bool { role == .secretary }
}
