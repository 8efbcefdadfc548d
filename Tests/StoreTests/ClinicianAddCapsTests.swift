import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// A clinician added with caps: both in one transaction, so a bad cap saves neither.
@Suite struct ClinicianAddCapsTests {
    @Test func aClinicianAndTheirCapsAreSavedTogetherAndAuditedBoth() throws {
        try withTemporaryStore { store throws in
            try store.addClinician(Fixtures.roux, caps: WorkloadCaps(sessionsPerDay: 6), actor: Fixtures.secretary)
            #expect(try store.caps(of: Fixtures.roux.id) == WorkloadCaps(sessionsPerDay: 6))
            #expect(
                try store.auditEntries(entityID: Fixtures.roux.id.rawValue).map(\.action)
                    == ["add-clinician", "set-clinician-caps"])
        }
    }

    @Test func aCapOutOfRangeSavesNeitherTheClinicianNorTheCaps() throws {
        try withTemporaryStore { store throws in
            #expect(throws: StoreError.self) {
                try store.addClinician(Fixtures.roux, caps: WorkloadCaps(hoursPerWeek: 169), actor: Fixtures.secretary)
            }
            #expect(try store.clinicians().isEmpty)
            #expect(try store.clinicianCaps().isEmpty)
        }
    }
}
