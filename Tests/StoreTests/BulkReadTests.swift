import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The reads a page makes for many patients at once return what the one-by-one reads return.
@Suite struct BulkReadTests {
    @Test func patientsByCodeMatchOneByOneReadsWithTheirKeepApartPairs() throws {
        try withTemporaryStore { store throws in
            for code: PatientCode in ["P-AAAA", "P-BBBB", "P-CCCC", "P-DDDD"] {
                try store.addPatient(Fixtures.patient(code), actor: Fixtures.secretary)
            }
            try store.addKeepApart("P-AAAA", "P-CCCC", actor: Fixtures.secretary, reason: "same household")
            try store.addKeepApart("P-BBBB", "P-CCCC", actor: Fixtures.secretary, reason: "same household")
            let found = try store.patients(["P-AAAA", "P-CCCC", "P-DDDD", "P-NONE"])
            #expect(found.count == 3)
            for code: PatientCode in ["P-AAAA", "P-CCCC", "P-DDDD"] {
                #expect(found[code] == (try store.patient(code)))
            }
            #expect(found["P-CCCC"]?.keepApart == ["P-AAAA", "P-BBBB"])
            #expect(try store.patient("P-BBBB")?.keepApart == ["P-CCCC"])
            #expect(try store.patients([]).isEmpty)
        }
    }

    @Test func everyEnrolmentKeepsItsOwnTransitionsInOrder() throws {
        try withTemporaryStore { store throws in
            let day = Fixtures.day("2026-11-20")
            var saved: [Enrolment] = []
            for (index, code) in ["P-AAAA", "P-BBBB", "P-CCCC"].enumerated() {
                try store.addPatient(Fixtures.patient(PatientCode(code)), actor: Fixtures.secretary)
                let history = (0..<index).map { step in
                    EnrolmentTransition(
                        from: step == 0 ? .referred : .enrolled, to: step == 0 ? .enrolled : .inTreatment,
                        at: Fixtures.now.addingTimeInterval(Double(step) * 86_400), reason: "\(code) \(step)")
                }
                let state: EnrolmentState = index == 0 ? .referred : index == 1 ? .enrolled : .inTreatment
                saved.append(
                    try store.addEnrolment(
                        Enrolment(
                            patient: PatientCode(code), track: "individual-emdr", state: state, enrolledOn: day,
                            history: history), actor: Fixtures.secretary))
            }
            #expect(try store.enrolments() == saved)
            #expect(try store.enrolments().map(\.history.count) == [0, 1, 2])
            #expect(try store.enrolments(patient: "P-CCCC") == [saved[2]])
        }
    }

    @Test func theWaitingListCandidatesAreOpenEnrolmentsWithoutAnIndividualSessionBooked() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            let day = Fixtures.day("2026-11-20")
            #expect(try store.openEnrolmentsWithoutBookedIndividualSession().isEmpty)
            var enrolments: [PatientCode: Enrolment] = [:]
            for (code, state) in [
                ("P-AAAA", EnrolmentState.enrolled), ("P-BBBB", .enrolled), ("P-CCCC", .referred),
                ("P-DDDD", .completed),
            ] {
                try store.addPatient(Fixtures.patient(PatientCode(code)), actor: Fixtures.secretary)
                enrolments[PatientCode(code)] = try store.addEnrolment(
                    Enrolment(patient: PatientCode(code), track: "individual-emdr", state: state, enrolledOn: day),
                    actor: Fixtures.secretary)
            }
            func session(_ id: AppointmentID, _ patient: PatientCode, hour: Int) -> Appointment {
                Appointment(
                    id: id, patient: patient, track: "individual-emdr", step: "therapy", occurrence: hour,
                    start: Fixtures.instant(hour: hour), end: Fixtures.instant(hour: hour + 1), clinicians: ["C-ROUX"])
            }
            // P-AAAA has a session booked: in care. P-BBBB's only sessions were held or cancelled.
            try store.addAppointments(
                [
                    session("A-1", "P-AAAA", hour: 9), session("A-2", "P-BBBB", hour: 10),
                    session("A-3", "P-BBBB", hour: 11),
                ],
                actor: Fixtures.secretary)
            try store.setAppointmentStatus("A-2", .attended, actor: Fixtures.secretary)
            try store.setAppointmentStatus("A-3", .cancelledByPatient, actor: Fixtures.secretary)
            // Each candidate comes with its own history, read by the ids found.
            if var treated = enrolments["P-BBBB"] {
                treated.history.append(EnrolmentTransition(from: .enrolled, to: .inTreatment, at: Fixtures.now))
                treated.state = .inTreatment
                try store.updateEnrolment(treated, actor: Fixtures.secretary, reason: "first session attended")
                enrolments["P-BBBB"] = treated
            }
            let candidates = try store.openEnrolmentsWithoutBookedIndividualSession()
            #expect(candidates.map(\.history.count) == [1, 0])
            #expect(candidates == [enrolments["P-BBBB"], enrolments["P-CCCC"]].compactMap { $0 })
        }
    }
}
