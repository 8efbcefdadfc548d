import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// Every kind of change, made through the Store's public API, leaves its audit row: actor, time,
/// before/after as the change calls for, reason, and the patient it is about.
@Suite struct AuditCoverageTests {
    /// What one change must have written.
    struct Expected: CustomStringConvertible {
        let action: String, entity: String, record: String, patient: PatientCode?, before: Bool, after: Bool
        var description: String { "\(action) \(entity) \(record)" }
    }

    static let actor = Actor(name: "nadia.accueil")

    static func session(
        _ id: AppointmentID, _ patient: PatientCode, hour: Int, occurrence: Int = 1, cohort: String? = nil,
        room: RoomID = "R-1", clinicians: [ClinicianID] = ["C-ROUX"]
    ) -> Appointment {
        Appointment(
            id: id, patient: patient, track: cohort == nil ? "individual-emdr" : "adult-trauma-group",
            step: cohort == nil ? "therapy" : "group", occurrence: occurrence,
            start: Fixtures.instant(hour: hour), end: Fixtures.instant(hour: hour + 1),
            clinicians: clinicians, room: room, cohort: cohort)
    }

    /// Performs each kind of change once and returns what each must have written, in order.
    func everyKindOfChange(_ store: ParcoursStore) throws -> [Expected] {
        let a = Self.actor
        var expected: [Expected] = []
        func expect(
            _ action: String, _ entity: String, _ record: String, _ patient: PatientCode?, before: Bool, after: Bool
        ) {
            expected.append(
                Expected(action: action, entity: entity, record: record, patient: patient, before: before, after: after)
            )
        }
        try store.addPatient(
            Fixtures.patient("P-AAAA"), identity: Fixtures.identity("P-AAAA"), actor: a, reason: "referral")
        expect("add-patient", "patient", "P-AAAA", "P-AAAA", before: false, after: true)
        try store.addPatient(Fixtures.patient("P-BBBB"), actor: a, reason: "referral")
        expect("add-patient", "patient", "P-BBBB", "P-BBBB", before: false, after: true)
        try store.addPatient(Fixtures.patient("P-CCCC"), actor: a, reason: "referral")
        expect("add-patient", "patient", "P-CCCC", "P-CCCC", before: false, after: true)
        try store.addKeepApart("P-AAAA", "P-CCCC", actor: a, reason: "same household")
        expect("add-keep-apart", "patient", "P-AAAA", "P-AAAA", before: false, after: true)
        expect("add-keep-apart", "patient", "P-CCCC", "P-CCCC", before: false, after: true)
        try store.setIdentity(
            PatientIdentity(code: "P-BBBB", givenName: "Inès", familyName: "Garnier"), actor: a, reason: "called")
        expect("set-identity", "patient", "P-BBBB", "P-BBBB", before: true, after: true)
        try store.setAddressProtected("P-BBBB", true, actor: a, reason: "protection order")
        expect("protect-patient", "patient", "P-BBBB", "P-BBBB", before: true, after: true)
        try store.addClinician(Fixtures.roux, actor: a, reason: "hired")
        expect("add-clinician", "clinician", "C-ROUX", nil, before: false, after: true)
        try store.addClinician(Fixtures.benali, actor: a, reason: "hired")
        expect("add-clinician", "clinician", "C-BENALI", nil, before: false, after: true)
        try store.addRoom(Fixtures.salle1, actor: a, reason: "premises")
        expect("add-room", "room", "R-1", nil, before: false, after: true)
        let leak = try store.addUnavailability(
            ResourceUnavailability(
                resource: .room("R-1"), start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12),
                reason: "dégât des eaux"), actor: a
        ).saved
        expect("add-unavailability", "resource_unavailability", "1", nil, before: false, after: true)
        try store.removeUnavailability(try #require(leak.id), actor: a, reason: "repaired")
        expect("remove-unavailability", "resource_unavailability", "1", nil, before: true, after: false)
        try store.addRoom(Fixtures.groupe, actor: a, reason: "premises")
        expect("add-room", "room", "R-GROUPE", nil, before: false, after: true)
        try store.addInterpreter(Fixtures.amiri, actor: a, reason: "contract")
        expect("add-interpreter", "interpreter", "I-AMIRI", nil, before: false, after: true)
        try store.addClosedDays(
            [ClosedDay(date: Fixtures.day("2026-12-25"), label: "Noël")], actor: a, reason: "holidays file")
        expect("add-closed-day", "closed_day", "2026-12-25", nil, before: false, after: true)
        try store.addAbsences(
            [ClinicianAbsence(clinician: "C-ROUX", start: Fixtures.instant(hour: 30), end: Fixtures.instant(hour: 40))],
            actor: a, reason: "leave file")
        expect("add-absence", "clinician_absence", "1", nil, before: false, after: true)

        var enrolment = try store.addEnrolment(
            Enrolment(
                patient: "P-AAAA", track: "individual-emdr", state: .enrolled, enrolledOn: Fixtures.day("2026-11-20")),
            actor: a, reason: "eligible")
        expect("add-enrolment", "enrolment", "1", "P-AAAA", before: false, after: true)
        enrolment.state = .inTreatment
        enrolment.history.append(EnrolmentTransition(from: .enrolled, to: .inTreatment, at: Fixtures.now))
        try store.updateEnrolment(enrolment, actor: a, reason: "first session")
        expect("update-enrolment", "enrolment", "1", "P-AAAA", before: true, after: true)

        try store.book(
            [Self.session("A-1", "P-AAAA", hour: 8), Self.session("A-2", "P-AAAA", hour: 10, occurrence: 2)], actor: a,
            reason: "book series")
        expect("book", "appointment", "A-1", "P-AAAA", before: false, after: true)
        expect("book", "appointment", "A-2", "P-AAAA", before: false, after: true)
        try store.addAppointments([Self.session("A-3", "P-CCCC", hour: 12)], actor: a, reason: "imported")
        expect("add-appointment", "appointment", "A-3", "P-CCCC", before: false, after: true)
        var moved1 = Self.session("A-1", "P-AAAA", hour: 9)
        moved1.id = "A-1"
        try store.move("A-1", to: moved1, actor: a, reason: "clinician late")
        expect("move", "appointment", "A-1", "P-AAAA", before: true, after: true)
        try store.move(
            [
                ("A-1", Self.session("A-1", "P-AAAA", hour: 13)),
                ("A-2", Self.session("A-2", "P-AAAA", hour: 14, occurrence: 2)),
            ],
            actor: a, reason: "rest of series")
        expect("move", "appointment", "A-1", "P-AAAA", before: true, after: true)
        expect("move", "appointment", "A-2", "P-AAAA", before: true, after: true)
        try store.recordAttendance("A-1", .attended, enrolment: nil, actor: a, reason: "attended")
        expect("set-appointment-status", "appointment", "A-1", "P-AAAA", before: true, after: true)
        try store.recordAttendance("A-2", .noShow, enrolment: nil, actor: a, reason: "no-show")
        expect("set-appointment-status", "appointment", "A-2", "P-AAAA", before: true, after: true)
        try store.setAppointmentStatus("A-3", .cancelledByPatient, actor: a, reason: "unwell")
        expect("set-appointment-status", "appointment", "A-3", "P-CCCC", before: true, after: true)

        try store.createCohort(
            GroupCohort(id: "G-1", track: "adult-trauma-group", startDate: Fixtures.day("2026-12-01")),
            actor: a, reason: "group opened")
        expect("create-group", "cohort", "G-1", nil, before: false, after: true)
        try store.addCohortMember("G-1", "P-BBBB", actor: a, reason: "joined")
        expect("join-group", "cohort", "G-1", "P-BBBB", before: false, after: true)
        try store.bookCohort(
            "G-1", [Self.session("G-B", "P-BBBB", hour: 16, cohort: "G-1", room: "R-GROUPE")],
            actor: a, reason: "group booked")
        expect("book", "appointment", "G-B", "P-BBBB", before: false, after: true)
        expect("book-group", "cohort", "G-1", nil, before: false, after: true)

        try store.addMeasure(
            try OutcomeMeasure(patient: "P-AAAA", instrument: .pcl5, score: 52, on: Fixtures.day("2026-12-01")),
            actor: a, reason: "intake")
        expect("add-measure", "measure", "1", "P-AAAA", before: false, after: true)

        let token = try store.createFeedToken(
            scope: .clinician("C-ROUX"), sha256: Array(repeating: 1, count: 32), actor: a,
            reason: "subscribed")
        expect("create-feed-token", "feed-token", "1", nil, before: false, after: true)
        try store.rotateFeedToken(token.id, newSHA256: Array(repeating: 2, count: 32), actor: a, reason: "leaked")
        expect("revoke-feed-token", "feed-token", "1", nil, before: true, after: true)
        expect("create-feed-token", "feed-token", "2", nil, before: false, after: true)
        try store.revokeFeedToken(2, actor: a, reason: "phone lost")
        expect("revoke-feed-token", "feed-token", "2", nil, before: true, after: true)
        try store.createFeedToken(
            scope: .room("R-1"), sha256: Array(repeating: 3, count: 32), actor: a, reason: "screen")
        expect("create-feed-token", "feed-token", "3", nil, before: false, after: true)
        try store.createFeedToken(
            scope: .clinician("C-ROUX"), sha256: Array(repeating: 4, count: 32), actor: a, reason: "again")
        expect("create-feed-token", "feed-token", "4", nil, before: false, after: true)
        try store.setCaps(
            WorkloadCaps(sessionsPerDay: 6, hoursPerWeek: 24), of: "C-ROUX", actor: a, reason: "trauma therapy drains")
        expect("set-clinician-caps", "clinician", "C-ROUX", nil, before: true, after: true)
        var roux = try #require(try store.clinician("C-ROUX"))
        roux.hours = Fixtures.hours("tue-fri 09:00-13:00")
        try store.updateClinician(roux, actor: a, reason: "changes days")
        expect("edit-clinician", "clinician", "C-ROUX", nil, before: true, after: true)
        try store.deactivateClinician("C-ROUX", actor: a, reason: "left the centre")
        expect("deactivate-clinician", "clinician", "C-ROUX", nil, before: true, after: true)
        expect("revoke-feed-token", "feed-token", "4", nil, before: true, after: true)

        try store.recordProtectedIdentityAccess(["P-BBBB"], actor: a, reason: "court summons")
        expect("show-protected-identity", "patient", "P-BBBB", "P-BBBB", before: false, after: false)
        try store.forgetPatient("P-AAAA", actor: a, reason: "letter of 2026-11-20")
        expect("forget-patient", "patient", "P-AAAA", "P-AAAA", before: true, after: true)
        return expected
    }

    @Test func everyKindOfChangeWritesItsAuditRowWithActorTimeRecordAndPatient() throws {
        try withTemporaryStore { store throws in
            let expected = try everyKindOfChange(store)
            let entries = try store.auditEntries(AuditQuery())
            #expect(entries.count == expected.count)
            for (entry, want) in zip(entries, expected) {
                #expect(entry.action == want.action, "\(want)")
                #expect(entry.entity == want.entity, "\(want)")
                #expect(entry.entityID == want.record, "\(want)")
                #expect(entry.patient == want.patient, "\(want)")
                #expect((entry.before != nil) == want.before, "\(want): before \(entry.before ?? "nil")")
                #expect((entry.after != nil) == want.after, "\(want): after \(entry.after ?? "nil")")
                #expect(entry.actor == Self.actor.name && entry.at == Fixtures.now, "\(want)")
                #expect(entry.reason?.isEmpty == false, "\(want)")
            }
        }
    }

    @Test func auditByPatientFindsTheirRecordEnrolmentsAppointmentsMeasuresAndGroupPlace() throws {
        try withTemporaryStore { store throws in
            _ = try everyKindOfChange(store)
            let aaaa = try store.auditEntries(AuditQuery(patient: "P-AAAA"))
            #expect(Set(aaaa.map(\.entity)) == ["patient", "enrolment", "appointment", "measure"])
            #expect(aaaa.filter { $0.action == "move" }.count == 3)
            let bbbb = try store.auditEntries(AuditQuery(patient: "P-BBBB")).map(\.action)
            #expect(bbbb.contains("join-group") && bbbb.contains("book") && bbbb.contains("protect-patient"))
            let newest = try store.auditEntries(AuditQuery(patient: "P-AAAA", limit: 2, newestFirst: true))
            #expect(newest.map(\.action) == ["forget-patient", "add-measure"])
            #expect(try store.auditEntries(AuditQuery(actor: "someone else")).isEmpty)
        }
    }

    @Test func noAuditRowHoldsAnyPartOfAPatientsIdentity() throws {
        try withTemporaryStore { store throws in
            _ = try everyKindOfChange(store)
            let words = ["Camille", "Martin", "06 12 34 56 78", "Carmes", "Inès", "Garnier"]
            let everything = try store.stringsForTesting(
                """
                SELECT coalesce(actor, '') || '|' || coalesce(entity_id, '') || '|' || coalesce(before_json, '') || '|'
                    || coalesce(after_json, '') || '|' || coalesce(reason, '') FROM audit
                """
            ).joined(separator: "\n")
            for word in words { #expect(!everything.contains(word), "the audit log holds '\(word)'") }
            let forget = try #require(try store.auditEntries(AuditQuery(patient: "P-AAAA")).last)
            #expect(forget.before == #"{"erased":["address","family_name","given_name","phone","safe_channels"]}"#)
        }
    }
}
