import Desk
import Hummingbird
import Store
import Testing

/// Issue 17's role matrix, written out here independently of `DeskRoute`, checked route by route
/// and role by role over HTTP, refusals included.
@Suite struct AuthorisationMatrixTests {
    // Not CustomStringConvertible: a `description` of "\(self)" calls itself (a failed
    // expectation naming the call overflowed the stack); plain enums print their case name.
    enum Call: CaseIterable {
        // In the order they are called: signing out ends the session, so it comes last.
        case home, today, waitlist, patient, checkIn, language, calendar, createFeed, rotateFeed, revokeFeeds,
            referralForm, referralCreate, eligibility, enrolForm, enrol, bookingProposal, bookingConfirm, cancelForm,
            cancel, moveForm, move, batchPreview, batchConfirm, agenda, session, recordScore, reports, completionCSV,
            capacityCSV, absences, addAbsence, importAbsences, resourceAbsences, addResourceAbsence,
            removeResourceAbsence, groups, openGroup, admin, users, addUser, disableUser,
            resetPassword, clinicians, addClinician, clinicianPage, editClinician, setCaps, departure, deactivate,
            rooms, addRoom, roomPage, editRoom,
            deactivateRoom, reactivateRoom, interpreters, addInterpreter, interpreterPage, editInterpreter,
            deactivateInterpreter, reactivateInterpreter, closedDays, addClosedDay, reopenDay, backups, makeBackup,
            tracks, passwordForm,
            passwordChange, signOut

        var isPost: Bool {
            ![
                .home, .today, .waitlist, .patient, .calendar, .passwordForm, .referralForm, .eligibility, .enrolForm,
                .bookingProposal, .cancelForm, .moveForm, .batchPreview, .agenda, .session, .reports, .completionCSV,
                .capacityCSV, .absences, .resourceAbsences, .groups, .admin, .users, .clinicians, .clinicianPage,
                .departure, .rooms,
                .interpreters,
                .roomPage, .interpreterPage, .closedDays, .backups, .tracks,
            ].contains(self)
        }

        var uri: String {
            switch self {
            case .home: "/"
            case .today: "/aujourdhui"
            case .waitlist: "/liste-attente"
            case .patient: "/patients/P-SCRT"
            // An unknown session: a role allowed through the guard gets 404, a refused one 403.
            case .checkIn: "/seances/A-NONE/presence"
            case .language: "/langue"
            case .calendar: "/mon-calendrier"
            case .createFeed: "/mon-calendrier/creer"
            case .revokeFeeds: "/mon-calendrier/revoquer"
            // No address has this number: past the guard, a clinician gets 404.
            case .rotateFeed: "/mon-calendrier/999/renouveler"
            // The secretary's flows, sent with fields that change nothing: an incomplete referral
            // (422), no track chosen (422), a plan that is not the current one (409), an unknown
            // session (404).
            case .referralForm, .referralCreate: "/adressages/nouveau"
            case .eligibility: "/adressages/eligibilite"
            case .enrolForm, .enrol: "/patients/P-WAIT/inscription"
            case .bookingProposal, .bookingConfirm: "/patients/P-WAIT/reservation"
            case .cancelForm, .cancel: "/seances/A-NONE/annulation"
            case .moveForm, .move: "/seances/A-NONE/deplacement"
            case .batchPreview, .batchConfirm: "/liste-attente/programmation"
            case .agenda: "/agenda"
            // Dr Roux's own session: her account and secretaries pass.
            case .session: "/seances/A-ROUX"
            // Without a score: past the guard, the page refuses it with 422.
            case .recordScore: "/seances/A-ROUX/pcl5"
            case .reports: "/rapports"
            case .completionCSV: "/rapports/completion.csv"
            case .capacityCSV: "/rapports/capacite.csv"
            // Without dates: past the guard, the form refuses it with 422.
            case .absences, .addAbsence: "/absences"
            // Nothing pasted: past the guard, the form refuses it with 422.
            case .importAbsences: "/absences/import"
            // Rooms and interpreters: without fields (422), an unknown number (404).
            case .resourceAbsences, .addResourceAbsence: "/absences/ressources"
            case .removeResourceAbsence: "/absences/ressources/999/retirer"
            // Without a track: past the guard, the form refuses it with 422.
            case .groups, .openGroup: "/groupes"
            // Administration: empty forms (422) and unknown accounts, clinicians, rooms, interpreters
            // and days (404),
            // so nothing changes but one backup file.
            case .admin: "/administration"
            case .users, .addUser: "/administration/utilisateurs"
            case .disableUser: "/administration/utilisateurs/nobody/desactiver"
            case .resetPassword: "/administration/utilisateurs/nobody/mot-de-passe"
            case .clinicians, .addClinician: "/administration/cliniciens"
            case .clinicianPage, .editClinician: "/administration/cliniciens/C-NONE"
            case .setCaps: "/administration/cliniciens/C-NONE/plafonds"
            case .departure, .deactivate: "/administration/cliniciens/C-NONE/desactivation"
            case .rooms, .addRoom: "/administration/salles"
            case .interpreters, .addInterpreter: "/administration/interpretes"
            case .roomPage, .editRoom: "/administration/salles/R-NONE"
            case .deactivateRoom: "/administration/salles/R-NONE/desactiver"
            case .reactivateRoom: "/administration/salles/R-NONE/reactiver"
            case .interpreterPage, .editInterpreter: "/administration/interpretes/I-NONE"
            case .deactivateInterpreter: "/administration/interpretes/I-NONE/desactiver"
            case .reactivateInterpreter: "/administration/interpretes/I-NONE/reactiver"
            case .closedDays, .addClosedDay: "/administration/jours-fermes"
            case .reopenDay: "/administration/jours-fermes/2026-12-24/retirer"
            case .backups, .makeBackup: "/administration/sauvegardes"
            case .tracks: "/administration/parcours"
            // The form with empty fields: past the guard, the page refuses it with 422.
            case .passwordForm, .passwordChange: "/mot-de-passe"
            case .signOut: "/deconnexion"
            }
        }
    }

    /// Expected status per account; a missing entry means 403.
    static let allowed: [String: [Call: HTTPResponse.Status]] = [
        "marie": [
            .home: .ok, .today: .ok, .waitlist: .ok, .patient: .ok, .checkIn: .notFound, .language: .seeOther,
            .referralForm: .ok, .referralCreate: .unprocessableContent, .eligibility: .ok, .enrolForm: .ok,
            .enrol: .unprocessableContent,
            .bookingProposal: .ok, .bookingConfirm: .conflict, .cancelForm: .notFound,
            .cancel: .notFound, .moveForm: .notFound, .move: .notFound, .batchPreview: .ok, .batchConfirm: .conflict,
            .agenda: .ok, .session: .ok, .absences: .ok, .addAbsence: .unprocessableContent,
            .importAbsences: .unprocessableContent, .resourceAbsences: .ok, .addResourceAbsence: .unprocessableContent,
            .removeResourceAbsence: .notFound, .groups: .ok, .openGroup: .unprocessableContent,
            .passwordForm: .ok, .passwordChange: .unprocessableContent, .signOut: .seeOther,
        ],
        "helene": [
            .home: .ok, .today: .ok, .patient: .ok, .checkIn: .notFound, .language: .seeOther, .calendar: .ok,
            .createFeed: .ok, .rotateFeed: .notFound, .agenda: .ok, .session: .ok, .recordScore: .unprocessableContent,
            .revokeFeeds: .seeOther, .passwordForm: .ok, .passwordChange: .unprocessableContent, .signOut: .seeOther,
        ],
        "claire": [
            .home: .ok, .waitlist: .ok, .patient: .ok, .language: .seeOther, .agenda: .ok, .reports: .ok,
            .completionCSV: .ok, .capacityCSV: .ok, .passwordForm: .ok,
            .passwordChange: .unprocessableContent, .signOut: .seeOther,
        ],
        "root": [
            .home: .ok, .language: .seeOther, .passwordForm: .ok, .passwordChange: .unprocessableContent,
            .signOut: .seeOther, .admin: .ok, .users: .ok, .addUser: .unprocessableContent, .disableUser: .notFound,
            .resetPassword: .notFound, .clinicians: .ok, .addClinician: .unprocessableContent,
            .clinicianPage: .notFound,
            .editClinician: .notFound, .setCaps: .notFound,
            .departure: .notFound, .deactivate: .notFound, .rooms: .ok, .addRoom: .unprocessableContent,
            .interpreters: .ok, .addInterpreter: .unprocessableContent, .roomPage: .notFound, .editRoom: .notFound,
            .deactivateRoom: .notFound, .reactivateRoom: .notFound, .interpreterPage: .notFound,
            .editInterpreter: .notFound, .deactivateInterpreter: .notFound, .reactivateInterpreter: .notFound,
            .closedDays: .ok,
            .addClosedDay: .unprocessableContent, .reopenDay: .notFound, .backups: .ok, .makeBackup: .seeOther,
            .tracks: .ok,
        ],
    ]

    @Test(arguments: ["marie", "helene", "claire", "root"])
    func everyRouteAnswersEachRoleAsTheMatrixSays(account: String) async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            let signedIn = try await browser.signIn(account)
            #expect(signedIn.status == .seeOther)
            let csrf = try await browser.csrf()
            // The public routes answer every role alike.
            #expect(try await browser.get("/static/desk.css").status == .ok)
            #expect(try await browser.get("/connexion").location == "/")
            for call in Call.allCases {
                let page =
                    call.isPost
                    ? try await browser.post(call.uri, [("csrf", csrf), ("etat", "venu"), ("langue", "fr")])
                    : try await browser.get(call.uri)
                let expected = Self.allowed[account]?[call] ?? .forbidden
                #expect(page.status == expected, "\(account) \(call): \(page.status)")
                if expected == .forbidden { #expect(page.body.contains("Accès refusé")) }
            }
        }
    }

    @Test func anonymousVisitorsAreSentToSignInWithTheirPageKept() async throws {
        try await DeskFixture.withDesk { _, client in
            let browser = Browser(client)
            for call in Call.allCases {
                let page =
                    call.isPost ? try await browser.post(call.uri, [("etat", "venu")]) : try await browser.get(call.uri)
                #expect(page.status == .seeOther, "\(call)")
                let expected = call.isPost ? "/connexion" : "/connexion?suite=" + call.uri
                #expect(page.location == expected, "\(call): \(page.location ?? "-")")
            }
        }
    }

    @Test func aClinicianOpensOnlyTheirOwnPatientsAndSessions() async throws {
        try await DeskFixture.withDesk { _, client in
            let paul = Browser(client)
            try await paul.signIn("paul")
            // Paul (C-MARTIN) has no session with P-SCRT; his own day is empty.
            #expect(try await paul.get("/patients/P-SCRT").status == .forbidden)
            let day = try await paul.get("/aujourdhui")
            #expect(day.status == .ok)
            #expect(!day.body.contains("P-SCRT"))
            // Nor may he record attendance on Dr Roux's session.
            let csrf = try await paul.csrf()
            #expect(
                try await paul.post("/seances/A-ROUX/presence", [("csrf", csrf), ("etat", "venu")]).status == .forbidden
            )
        }
    }

    @Test func theMatrixInCodeMatchesTheIssue() {
        #expect(DeskRoute.today.roles == [.secretary, .clinician])
        #expect(DeskRoute.waitlist.roles == [.secretary, .coordinator])
        #expect(DeskRoute.patient.roles == [.secretary, .clinician, .coordinator])
        for route in [DeskRoute.referral, .enrol, .book, .cancel, .move, .batchBooking] {
            #expect(route.roles == [.secretary], "\(route)")
        }
        #expect(DeskRoute.agenda.roles == [.secretary, .clinician, .coordinator])
        #expect(DeskRoute.session.roles == [.secretary, .clinician])
        #expect(DeskRoute.recordScore.roles == [.clinician])
        #expect(DeskRoute.reports.roles == [.coordinator])
        #expect(DeskRoute.absences.roles == [.secretary])
        #expect(DeskRoute.groups.roles == [.secretary])
        #expect(DeskRoute.administration.roles == [.admin])
        #expect(
            DeskRoute.seesIdentity(.secretary) && !DeskRoute.seesIdentity(.coordinator)
                && !DeskRoute.seesIdentity(.clinician))
    }
}
