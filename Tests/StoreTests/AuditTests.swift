import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct AuditTests {
    @Test func everyMutationWritesOneAuditRowWithActorAndReason() throws {
        try withTemporaryStore { store throws in
            let actor = Actor(name: "j.dupont")
            try store.addPatient(
                Fixtures.patient("P-AAAA"), identity: Fixtures.identity("P-AAAA"), actor: actor,
                reason: "referral from CIDFF")
            try store.addPatient(Fixtures.patient("P-BBBB"), actor: actor)
            try store.addKeepApart("P-AAAA", "P-BBBB", actor: actor, reason: "same household")
            try store.addClinician(Fixtures.roux, actor: actor)
            try store.addRoom(Fixtures.salle1, actor: actor)
            try store.addInterpreter(Fixtures.amiri, actor: actor)
            var enrolment = try store.addEnrolment(
                Enrolment(
                    patient: "P-AAAA", track: "individual-emdr", state: .enrolled,
                    enrolledOn: Fixtures.day("2026-11-20")),
                actor: actor)
            enrolment.state = .inTreatment
            enrolment.history.append(EnrolmentTransition(from: .enrolled, to: .inTreatment, at: Fixtures.now))
            try store.updateEnrolment(enrolment, actor: actor, reason: "first session")
            let session = Appointment(
                id: "A-1", patient: "P-AAAA", track: "individual-emdr", step: "intake", occurrence: 1,
                start: Fixtures.instant(hour: 9), end: Fixtures.instant(hour: 10),
                clinicians: ["C-ROUX"], room: "R-1")
            try store.addAppointments([session], actor: actor)
            try store.setAppointmentStatus("A-1", .cancelledByPatient, actor: actor, reason: "patient called")

            let entries = try store.auditEntries()
            #expect(
                entries.map(\.action) == [
                    "add-patient", "add-patient", "add-keep-apart", "add-keep-apart", "add-clinician", "add-room",
                    "add-interpreter", "add-enrolment", "update-enrolment", "add-appointment", "set-appointment-status",
                ])
            #expect(entries.allSatisfy { $0.actor == "j.dupont" && $0.at == Fixtures.now })
            #expect(entries.first?.reason == "referral from CIDFF")
            let cancellation = try #require(entries.last)
            #expect(cancellation.entityID == "A-1" && cancellation.reason == "patient called")
            #expect(cancellation.before?.contains("\"status\":\"booked\"") == true)
            #expect(cancellation.after?.contains("\"status\":\"cancelled-by-patient\"") == true)
            #expect(try store.auditEntries(entityID: "P-AAAA").count == 2)
            #expect(try store.auditEntries(since: Fixtures.now.addingTimeInterval(1)).isEmpty)
        }
    }

    @Test func theAuditLogNeverHoldsAPatientsIdentity() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(
                Fixtures.patient("P-AAAA"), identity: Fixtures.identity("P-AAAA"), actor: Fixtures.secretary)
            let entry = try #require(store.auditEntries().first)
            let text = (entry.after ?? "") + (entry.before ?? "")
            #expect(!text.contains("Camille") && !text.contains("Martin") && !text.contains("Carmes"))
            #expect(text.contains("\"identityRecorded\":true"))
        }
    }

    @Test func theSchemaRefusesToEditOrDeleteAuditRows() throws {
        try withTemporaryStore { store throws in
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            let update = #expect(throws: StoreError.self) {
                try store.executeForTesting("UPDATE audit SET actor = 'someone else'")
            }
            #expect(update?.description.contains("audit log is append-only") == true)
            #expect(throws: StoreError.self) { try store.executeForTesting("DELETE FROM audit") }
            #expect(try store.auditEntries().map(\.actor) == [Fixtures.secretary.name])
        }
    }

    @Test func aChangeWithoutAnActorNameIsRefused() throws {
        try withTemporaryStore { store throws in
            #expect(throws: StoreError.self) { try store.addRoom(Fixtures.salle1, actor: Actor(name: "  ")) }
            #expect(try store.rooms().isEmpty)
        }
    }
}
