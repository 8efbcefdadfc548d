import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct UnavailabilityTests {
    @Test func closedDaysAreSavedOnceAndReadBackInDateOrder() throws {
        try withTemporaryStore { store throws in
            let noel = ClosedDay(date: Fixtures.day("2026-12-25"), label: "Noël")
            let armistice = ClosedDay(date: Fixtures.day("2026-11-11"), label: "Armistice 1918")
            let first = try store.addClosedDays([noel, armistice, noel], actor: Fixtures.secretary, reason: "holidays")
            #expect(first.added == [armistice, noel])
            #expect(first.alreadyPresent == 1)
            let again = try store.addClosedDays([ClosedDay(date: noel.date, label: "other")], actor: Fixtures.secretary)
            #expect(again.added.isEmpty && again.alreadyPresent == 1)
            #expect(try store.closedDays() == [armistice, noel])
            #expect(try store.closedDays(from: Fixtures.day("2026-12-01"), to: Fixtures.day("2026-12-31")) == [noel])
            #expect(try store.auditEntries(entityID: "2026-12-25").map(\.action) == ["add-closed-day"])
        }
    }

    @Test func absencesForAnUnknownClinicianRefuseTheWholeBatch() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            let good = ClinicianAbsence(
                clinician: "C-ROUX", start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12))
            let bad = ClinicianAbsence(
                clinician: "C-NOBODY", start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12))
            #expect(throws: StoreError.notFound(kind: "clinician", id: "C-NOBODY")) {
                try store.addAbsences([good, bad], actor: Fixtures.secretary)
            }
            let backwards = ClinicianAbsence(
                clinician: "C-ROUX", start: Fixtures.instant(hour: 12), end: Fixtures.instant(hour: 8))
            #expect(throws: StoreError.self) { try store.addAbsences([good, backwards], actor: Fixtures.secretary) }
            #expect(try store.counts().absences == 0)
            #expect(try store.stringsForTesting("SELECT count(*) FROM audit") == ["1"])
        }
    }

    @Test func absencesAreReadByClinicianAndPeriodAndNotDuplicated() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addClinician(Fixtures.benali, actor: Fixtures.secretary)
            let morning = ClinicianAbsence(
                clinician: "C-ROUX", start: Fixtures.instant(hour: 8), end: Fixtures.instant(hour: 12),
                reason: "Formation")
            let other = ClinicianAbsence(
                clinician: "C-BENALI", start: Fixtures.instant(hour: 13), end: Fixtures.instant(hour: 17))
            #expect(try store.addAbsences([morning, other], actor: Fixtures.secretary).added.count == 2)
            #expect(try store.addAbsences([morning], actor: Fixtures.secretary).alreadyPresent == 1)
            #expect(try store.absences(clinician: "C-ROUX") == [morning])
            #expect(try store.absences() == [morning, other])
            #expect(try store.absences(from: Fixtures.instant(hour: 12), to: Fixtures.instant(hour: 14)) == [other])
        }
    }
}

@Suite struct AppointmentRecordTests {
    func seed(_ store: ParcoursStore) throws {
        try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
        try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
        try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
        try store.addAppointments(
            [
                Appointment(
                    id: "A-1", patient: "P-AAAA", track: "t", step: "therapy", occurrence: 1,
                    start: Fixtures.instant(hour: 9), end: Fixtures.instant(hour: 10), clinicians: ["C-ROUX"],
                    room: "R-1"),
                Appointment(
                    id: "A-2", patient: "P-AAAA", track: "t", step: "therapy", occurrence: 2,
                    start: Fixtures.instant(hour: 33), end: Fixtures.instant(hour: 34), clinicians: ["C-ROUX"]),
            ], actor: Fixtures.secretary)
    }

    @Test func everyAppointmentGetsARandomUIDThatSaysNothingAboutThePatient() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let records = try store.appointmentRecords(.all)
            #expect(records.map(\.appointment.id) == ["A-1", "A-2"])
            let uids = records.map(\.uid)
            #expect(Set(uids).count == 2)
            for uid in uids {
                #expect(uid.wholeMatch(of: /[0-9a-f]{32}@parcours/) != nil, "\(uid)")
                #expect(!uid.contains("P-AAAA") && !uid.contains("A-1"))
            }
            #expect(records.first?.createdAt == Fixtures.now && records.first?.sequence == 0)
        }
    }

    @Test func scopesSelectByClinicianRoomPatientAndPeriod() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            #expect(try store.appointmentRecords(.clinician("C-ROUX")).count == 2)
            #expect(try store.appointmentRecords(.room("R-1")).map(\.appointment.id) == ["A-1"])
            #expect(try store.appointmentRecords(.patient("P-AAAA")).count == 2)
            #expect(try store.appointmentRecords(.patient("P-ZZZZ")).isEmpty)
            #expect(
                try store.appointmentRecords(.all, from: Fixtures.instant(hour: 10)).map(\.appointment.id) == ["A-2"])
            #expect(try store.appointmentRecords(.all, to: Fixtures.instant(hour: 10)).map(\.appointment.id) == ["A-1"])
        }
    }

    @Test func aRescheduleKeepsTheUIDAndRaisesTheSequenceEvenIfTheCallerForgets() throws {
        try withTemporaryStore { store throws in
            try seed(store)
            let before = try #require(try store.appointmentRecords(.all).first)
            try store.executeForTesting(
                "UPDATE appointment SET start_utc = '2026-12-01T11:00:00Z', end_utc = '2026-12-01T12:00:00Z' WHERE id = 'A-1'"
            )
            try store.setAppointmentStatus("A-1", .cancelledByCentre, actor: Fixtures.secretary)
            let after = try #require(try store.appointmentRecords(.all).first)
            #expect(after.uid == before.uid)
            #expect(after.sequence == 2)
            #expect(throws: StoreError.self) {
                try store.executeForTesting("UPDATE appointment SET uid = 'new' WHERE id = 'A-1'")
            }
        }
    }
}
