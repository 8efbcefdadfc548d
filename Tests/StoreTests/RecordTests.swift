import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct PatientRecordTests {
    @Test func patientAndIdentityRoundTripInSeparateTables() throws {
        try withTemporaryStore { store throws in
            let patient = Fixtures.patient("P-7KQ2", category: .migrant, language: "ps")
            try store.addPatient(patient, identity: Fixtures.identity("P-7KQ2"), actor: Fixtures.secretary)
            #expect(try store.patient("P-7KQ2") == patient)
            #expect(try store.patient("P-7KQ2")?.needsInterpreter == true)
            #expect(try store.identity("P-7KQ2") == Fixtures.identity("P-7KQ2"))
            #expect(try store.patients() == [patient])
            #expect(try store.patient("P-NONE") == nil)
            #expect(try store.identity("P-NONE") == nil)
        }
    }

    @Test func clinicalTableHoldsNoNameOrContact() throws {
        try withTemporaryStore { store throws in
            let columns = Set(try store.stringsForTesting("SELECT name FROM pragma_table_info('patient')"))
            #expect(columns.isDisjoint(with: ["given_name", "family_name", "name", "phone", "email", "address"]))
            #expect(columns.contains("address_protected"))
            let identityColumns = Set(
                try store.stringsForTesting("SELECT name FROM pragma_table_info('patient_identity')"))
            #expect(identityColumns.isSuperset(of: ["given_name", "family_name", "phone", "email", "address"]))
        }
    }

    @Test func patientWithoutIdentityIsAllowed() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            #expect(try store.patient("P-AAAA") != nil)
            #expect(try store.identity("P-AAAA") == nil)
        }
    }

    @Test func duplicatePatientCodeIsRefusedAndNothingChanges() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(
                Fixtures.patient("P-AAAA"), identity: Fixtures.identity("P-AAAA"), actor: Fixtures.secretary)
            var other = Fixtures.patient("P-AAAA", category: .accidentDisaster)
            other.referralDate = Fixtures.day("2026-11-20")
            var otherIdentity = Fixtures.identity("P-AAAA")
            otherIdentity.givenName = "Someone Else"
            #expect(throws: StoreError.duplicate(kind: "patient", id: "P-AAAA")) {
                try store.addPatient(other, identity: otherIdentity, actor: Fixtures.secretary)
            }
            #expect(try store.patient("P-AAAA") == Fixtures.patient("P-AAAA"))
            #expect(try store.identity("P-AAAA") == Fixtures.identity("P-AAAA"))
            #expect(try store.auditEntries().count == 1)
        }
    }

    @Test func newPatientCodeAvoidsCodesInUse() throws {
        try withTemporaryStore { store throws in
            var generator = SplitMix(seed: 42)
            let first = try store.newPatientCode(using: &generator)
            #expect(PatientCode.isWellFormed(first.rawValue))
            try store.addPatient(Fixtures.patient(first), actor: Fixtures.secretary)
            var replay = SplitMix(seed: 42)
            let second = try store.newPatientCode(using: &replay)
            #expect(second != first)
        }
    }

    @Test func keepApartIsSymmetricAndRefusedTwice() throws {
        try withTemporaryStore { store throws in
            for code: PatientCode in ["P-BBBB", "P-AAAA", "P-CCCC"] {
                try store.addPatient(Fixtures.patient(code), actor: Fixtures.secretary)
            }
            try store.addKeepApart("P-BBBB", "P-AAAA", actor: Fixtures.secretary, reason: "same household")
            #expect(try store.patient("P-AAAA")?.keepApart == ["P-BBBB"])
            #expect(try store.patient("P-BBBB")?.keepApart == ["P-AAAA"])
            #expect(try store.patient("P-CCCC")?.keepApart == [])
            #expect(throws: StoreError.duplicate(kind: "keep-apart pair", id: "P-AAAA/P-BBBB")) {
                try store.addKeepApart("P-AAAA", "P-BBBB", actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.notFound(kind: "patient", id: "P-ZZZZ")) {
                try store.addKeepApart("P-AAAA", "P-ZZZZ", actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.self) { try store.addKeepApart("P-AAAA", "P-AAAA", actor: Fixtures.secretary) }
            // The schema itself keeps pairs ordered, so a reversed pair cannot sneak in twice.
            #expect(throws: StoreError.self) {
                try store.executeForTesting("INSERT INTO keep_apart VALUES ('P-BBBB', 'P-AAAA')")
            }
        }
    }

    @Test func keepApartGivenWithANewPatientIsSaved() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            var second = Fixtures.patient("P-BBBB")
            second.keepApart = ["P-AAAA"]
            try store.addPatient(second, actor: Fixtures.secretary)
            #expect(try store.patient("P-AAAA")?.keepApart == ["P-BBBB"])
            #expect(try store.patient("P-BBBB") == second)
        }
    }
}

@Suite struct ResourceRecordTests {
    @Test func cliniciansRoundTripWithSkillsLanguagesAndHours() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addClinician(Fixtures.benali, actor: Fixtures.secretary)
            #expect(try store.clinician("C-ROUX") == Fixtures.roux)
            #expect(try store.clinician("C-ROUX")?.hours.weeklyMinutes == Fixtures.roux.hours.weeklyMinutes)
            #expect(try store.clinicians() == [Fixtures.benali, Fixtures.roux])
            #expect(try store.clinician("C-NONE") == nil)
        }
    }

    @Test func clinicianWithNoHoursRoundTrips() throws {
        try withTemporaryStore { store throws in
            let visiting = Clinician(
                id: "C-VISIT", name: "Visiting", role: .nurse, skills: [], languages: ["fr"],
                hours: WeeklyHours())
            try store.addClinician(visiting, actor: Fixtures.secretary)
            #expect(try store.clinician("C-VISIT") == visiting)
        }
    }

    @Test func roomsAndInterpretersRoundTrip() throws {
        try withTemporaryStore { store throws in
            try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addInterpreter(Fixtures.amiri, actor: Fixtures.secretary)
            #expect(try store.rooms() == [Fixtures.salle1, Fixtures.groupe])
            #expect(try store.room("R-GROUPE") == Fixtures.groupe)
            #expect(try store.interpreters() == [Fixtures.amiri])
            #expect(try store.interpreter("I-AMIRI") == Fixtures.amiri)
        }
    }

    @Test func duplicateResourceIdsAreRefusedAndNothingChanges() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addInterpreter(Fixtures.amiri, actor: Fixtures.secretary)
            var clinician = Fixtures.benali
            clinician.id = "C-ROUX"
            #expect(throws: StoreError.duplicate(kind: "clinician", id: "C-ROUX")) {
                try store.addClinician(clinician, actor: Fixtures.secretary)
            }
            var room = Fixtures.groupe
            room.id = "R-1"
            #expect(throws: StoreError.duplicate(kind: "room", id: "R-1")) {
                try store.addRoom(room, actor: Fixtures.secretary)
            }
            var interpreter = Fixtures.amiri
            interpreter.name = "Other"
            #expect(throws: StoreError.duplicate(kind: "interpreter", id: "I-AMIRI")) {
                try store.addInterpreter(interpreter, actor: Fixtures.secretary)
            }
            #expect(try store.clinicians() == [Fixtures.roux])
            #expect(try store.rooms() == [Fixtures.salle1])
            #expect(try store.interpreters() == [Fixtures.amiri])
            #expect(try store.auditEntries().count == 3)
        }
    }

    @Test func roomCapacityMustBePositiveInTheSchema() throws {
        try withTemporaryStore { store throws in
            #expect(throws: StoreError.self) {
                try store.addRoom(
                    Room(id: "R-0", name: "Placard", capacity: 0, features: []), actor: Fixtures.secretary)
            }
            #expect(throws: StoreError.self) {
                try store.executeForTesting("INSERT INTO room (id, name, capacity) VALUES ('R-0', 'Placard', 0)")
            }
            #expect(try store.rooms().isEmpty)
        }
    }

    @Test func countsSummariseEveryKind() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.salle1, actor: Fixtures.secretary)
            try store.addRoom(Fixtures.groupe, actor: Fixtures.secretary)
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            try store.addEnrolment(
                Enrolment(
                    patient: "P-AAAA", track: "individual-emdr", state: .enrolled,
                    enrolledOn: Fixtures.day("2026-11-20")), actor: Fixtures.secretary)
            let counts = try store.counts()
            #expect(counts.patients == 1 && counts.clinicians == 1 && counts.rooms == 2 && counts.interpreters == 0)
            #expect(counts.enrolmentsByState[.enrolled] == 1)
            #expect(counts.enrolmentsByState[.completed] == 0)
            #expect(counts.enrolments == 1)
        }
    }
}

/// A small seeded generator, so code draws are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
