import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// Address protection and the right to be forgotten, as the Store keeps them.
@Suite struct PrivacyTests {
    func enrolledPatientWithHistory(_ store: ParcoursStore) throws {
        try store.addPatient(
            Fixtures.patient("P-AAAA"), identity: Fixtures.identity("P-AAAA"), actor: Fixtures.secretary)
        try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
        try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
        try store.addEnrolment(
            Enrolment(
                patient: "P-AAAA", track: "individual-emdr", state: .enrolled,
                enrolledOn: Fixtures.day("2026-11-20")), actor: Fixtures.secretary)
        try store.book([AuditCoverageTests.session("A-1", "P-AAAA", hour: 9)], actor: Fixtures.secretary)
        try store.addMeasure(
            try OutcomeMeasure(patient: "P-AAAA", instrument: .pcl5, score: 50, on: Fixtures.day("2026-12-01")),
            actor: Fixtures.secretary)
    }

    @Test func forgettingErasesIdentityAndSafeChannelsButKeepsTheClinicalRecord() throws {
        try withTemporaryStore { store throws in
            try enrolledPatientWithHistory(store)
            let outcome = try store.forgetPatient("P-AAAA", actor: Fixtures.secretary, reason: "request by letter")
            #expect(outcome.erasedFields == ["address", "family_name", "given_name", "phone", "safe_channels"])
            #expect(try store.identity("P-AAAA") == nil)
            #expect(try store.patient("P-AAAA")?.safeChannels == [])
            #expect(try store.forgottenAt("P-AAAA") == Fixtures.now)
            #expect(try store.enrolments(patient: "P-AAAA").count == 1)
            #expect(try store.appointments(patient: "P-AAAA").count == 1)
            #expect(try store.measures(patient: "P-AAAA").map(\.score) == [50])
            #expect(try store.stringsForTesting("SELECT count(*) FROM patient_identity") == ["0"])
        }
    }

    @Test func forgottenValuesAreNoLongerAnywhereInTheDatabaseFileOrItsLog() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/parcours.sqlite"
            let store = try ParcoursStore.create(at: path, clock: { Fixtures.now })
            try enrolledPatientWithHistory(store)
            func holds(_ text: String) throws -> [String] {
                try [path, path + "-wal"].filter { file in
                    guard FileManager.default.fileExists(atPath: file) else { return false }
                    return try Data(contentsOf: URL(fileURLWithPath: file)).range(of: Data(text.utf8)) != nil
                }
            }
            // The identity is in the files before, so the search below can find it.
            #expect(try !holds("rue des Carmes").isEmpty)
            let outcome = try store.forgetPatient("P-AAAA", actor: Fixtures.secretary, reason: "request by letter")
            #expect(outcome.journalCleared)
            for erased in ["rue des Carmes", "06 12 34 56 78", "Camille"] {
                #expect(try holds(erased) == [], "\(erased) is still in the file")
            }
        }
    }

    @Test func forgettingTwiceOrWithoutAReasonIsRefusedAndChangesNothing() throws {
        try withTemporaryStore { store throws in
            try enrolledPatientWithHistory(store)
            let rows = try store.auditEntries().count
            #expect(throws: StoreError.self) {
                try store.forgetPatient("P-AAAA", actor: Fixtures.secretary, reason: "  ")
            }
            #expect(try store.identity("P-AAAA") != nil)
            #expect(try store.auditEntries().count == rows)
            #expect(throws: StoreError.notFound(kind: "patient", id: "P-ZZZZ")) {
                try store.forgetPatient("P-ZZZZ", actor: Fixtures.secretary, reason: "letter")
            }
            try store.forgetPatient("P-AAAA", actor: Fixtures.secretary, reason: "letter")
            let again = #expect(throws: StoreError.self) {
                try store.forgetPatient("P-AAAA", actor: Fixtures.secretary, reason: "letter")
            }
            #expect(again?.description.contains("already forgotten") == true)
        }
    }

    @Test func anIdentityComesBackAfterForgettingOnlyWithTheExplicitFlag() throws {
        try withTemporaryStore { store throws in
            try enrolledPatientWithHistory(store)
            try store.forgetPatient("P-AAAA", actor: Fixtures.secretary, reason: "letter")
            let again = PatientIdentity(code: "P-AAAA", givenName: "Camille", familyName: "Martin")
            let refused = #expect(throws: StoreError.self) { try store.setIdentity(again, actor: Fixtures.secretary) }
            #expect(refused?.description.contains("--after-forget") == true)
            #expect(try store.identity("P-AAAA") == nil)
            try store.setIdentity(again, afterForget: true, actor: Fixtures.secretary, reason: "patient came back")
            #expect(try store.identity("P-AAAA")?.familyName == "Martin")
            #expect(try store.forgottenAt("P-AAAA") == nil, "back at their request: they may ask to be forgotten again")
            let last = try #require(try store.auditEntries().last)
            #expect(last.action == "set-identity" && last.after == #"{"fields":["family_name","given_name"]}"#)
        }
    }

    @Test func addressProtectionIsStoredReadBackAndAudited() throws {
        try withTemporaryStore { store throws in
            var patient = Fixtures.patient("P-AAAA")
            patient.addressProtected = true
            try store.addPatient(patient, actor: Fixtures.secretary)
            try store.addPatient(Fixtures.patient("P-BBBB"), actor: Fixtures.secretary)
            #expect(try store.patient("P-AAAA")?.addressProtected == true)
            #expect(try store.protectedPatientCodes() == ["P-AAAA"])
            try store.setAddressProtected("P-BBBB", true, actor: Fixtures.secretary, reason: "protection order")
            try store.setAddressProtected("P-AAAA", false, actor: Fixtures.secretary, reason: "order lifted")
            #expect(try store.protectedPatientCodes() == ["P-BBBB"])
            #expect(throws: StoreError.self) {
                try store.setAddressProtected("P-BBBB", true, actor: Fixtures.secretary)
            }
            #expect(try store.auditEntries().suffix(2).map(\.action) == ["protect-patient", "unprotect-patient"])
        }
    }

    @Test func migrationV6FillsThePatientOfOlderAuditRowsAndKeepsTheLogAppendOnly() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/old.sqlite"
            try makeDatabaseForTesting(
                at: path, upTo: Schema.v5OutcomeMeasures,
                sql: """
                    INSERT INTO patient (code, birth_date, category, language, needs_interpreter, referral_source, referral_date, created_at)
                        VALUES ('P-AAAA', '1988-04-12', 'domestic-violence', 'fr', 0, 'legal-aid', '2026-11-02', '2026-11-02T09:00:00Z');
                    INSERT INTO clinician (id, name, role) VALUES ('C-ROUX', 'Dr Roux', 'psychiatrist');
                    INSERT INTO enrolment (patient, track, state, enrolled_on, created_at, updated_at)
                        VALUES ('P-AAAA', 't', 'enrolled', '2026-11-20', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');
                    INSERT INTO appointment (id, patient, track, step, occurrence, start_utc, end_utc, created_at, updated_at)
                        VALUES ('A-1', 'P-AAAA', 't', 's', 1, '2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z',
                                '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');
                    INSERT INTO audit (at, actor, action, entity, entity_id, after_json) VALUES
                        ('2026-11-02T09:00:00Z', 'marie', 'add-patient', 'patient', 'P-AAAA', '{}'),
                        ('2026-11-20T09:00:00Z', 'marie', 'add-enrolment', 'enrolment', '1', '{}'),
                        ('2026-11-20T09:00:00Z', 'marie', 'book', 'appointment', 'A-1', '{}'),
                        ('2026-11-21T09:00:00Z', 'marie', 'join-group', 'cohort', 'G-1', '{"patient":"P-AAAA"}'),
                        ('2026-11-22T09:00:00Z', 'marie', 'add-clinician', 'clinician', 'C-ROUX', '{}');
                    """)
            let store = try ParcoursStore.open(at: path)
            #expect(try store.schemaVersion == Schema.latest) // migrated through v6 to the newest
            let entries = try store.auditEntries(AuditQuery())
            #expect(entries.map(\.patient) == ["P-AAAA", "P-AAAA", "P-AAAA", "P-AAAA", nil])
            #expect(try store.auditEntries(AuditQuery(patient: "P-AAAA")).count == 4)
            #expect(throws: StoreError.self) { try store.executeForTesting("UPDATE audit SET patient = NULL") }
            #expect(throws: StoreError.self) { try store.executeForTesting("DELETE FROM audit WHERE patient IS NULL") }
            #expect(try store.forgottenAt("P-AAAA") == nil)
        }
    }
}
