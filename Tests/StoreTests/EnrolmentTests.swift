import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct EnrolmentTests {
    let referred = EnrolmentTransition(from: .referred, to: .enrolled, at: Fixtures.now, reason: "intake booked")

    func enrolment(_ patient: PatientCode = "P-AAAA", state: EnrolmentState = .enrolled) -> Enrolment {
        Enrolment(
            patient: patient, track: "individual-emdr", state: state, enrolledOn: Fixtures.day("2026-11-20"),
            history: state == .enrolled ? [referred] : [])
    }

    @Test func enrolmentRoundTripsWithItsHistory() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            let saved = try store.addEnrolment(enrolment(), actor: Fixtures.secretary)
            let id = try #require(saved.id)
            var expected = enrolment()
            expected.id = id
            #expect(saved == expected)
            #expect(try store.enrolments(patient: "P-AAAA") == [expected])
            #expect(try store.enrolments() == [expected])
            #expect(try store.currentEnrolment(patient: "P-AAAA") == expected)
            #expect(try store.currentEnrolment(patient: "P-BBBB") == nil)
        }
    }

    @Test func updateAppendsTransitionsAndChangesState() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            var current = try store.addEnrolment(enrolment(), actor: Fixtures.secretary)
            let later = Fixtures.now.addingTimeInterval(7 * 86_400)
            current.history.append(EnrolmentTransition(from: .enrolled, to: .inTreatment, at: later))
            current.state = .inTreatment
            try store.updateEnrolment(current, actor: Fixtures.secretary, reason: "first session attended")
            #expect(try store.currentEnrolment(patient: "P-AAAA") == current)
            #expect(try store.currentEnrolment(patient: "P-AAAA")?.history.count == 2)
        }
    }

    @Test func historyCannotBeRewritten() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            var current = try store.addEnrolment(enrolment(), actor: Fixtures.secretary)
            current.history = []
            current.state = .droppedOut
            #expect(throws: StoreError.self) { try store.updateEnrolment(current, actor: Fixtures.secretary) }
            #expect(try store.currentEnrolment(patient: "P-AAAA")?.state == .enrolled)
        }
    }

    @Test func updatingAnUnknownEnrolmentSaysSo() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            var ghost = enrolment()
            ghost.id = 99
            #expect(throws: StoreError.notFound(kind: "enrolment", id: "99")) {
                try store.updateEnrolment(ghost, actor: Fixtures.secretary)
            }
        }
    }

    @Test func atMostOneEnrolmentInProgressPerPatient() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            var first = try store.addEnrolment(enrolment(), actor: Fixtures.secretary)
            let error = #expect(throws: StoreError.self) {
                try store.addEnrolment(enrolment(), actor: Fixtures.secretary)
            }
            #expect(error?.description.contains("already enrolled on track individual-emdr") == true)
            #expect(try store.enrolments(patient: "P-AAAA").count == 1)

            first.history.append(EnrolmentTransition(from: .enrolled, to: .droppedOut, at: Fixtures.now))
            first.state = .droppedOut
            try store.updateEnrolment(first, actor: Fixtures.secretary)
            let second = try store.addEnrolment(enrolment(), actor: Fixtures.secretary)
            #expect(try store.currentEnrolment(patient: "P-AAAA") == second)
            #expect(try store.enrolments(patient: "P-AAAA").count == 2)
        }
    }

    @Test func theSchemaItselfRefusesASecondOpenEnrolment() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            try store.addEnrolment(enrolment(), actor: Fixtures.secretary)
            let insert = """
                INSERT INTO enrolment (patient, track, state, enrolled_on, created_at, updated_at)
                VALUES ('P-AAAA', 'group-migrants', '%@', '2026-11-21', '2026-11-21T09:00:00Z', '2026-11-21T09:00:00Z')
                """
            let error = #expect(throws: StoreError.self) {
                try store.executeForTesting(insert.replacingOccurrences(of: "%@", with: "in-treatment"))
            }
            #expect(error?.description.contains("already has an enrolment in progress") == true)
            try store.executeForTesting(insert.replacingOccurrences(of: "%@", with: "completed"))
            #expect(try store.enrolments(patient: "P-AAAA").count == 2)
        }
    }

    @Test func enrollingAnUnknownPatientIsRefused() throws {
        try withTemporaryStore { store throws in
            #expect(throws: StoreError.notFound(kind: "patient", id: "P-ZZZZ")) {
                try store.addEnrolment(enrolment("P-ZZZZ"), actor: Fixtures.secretary)
            }
        }
    }
}
