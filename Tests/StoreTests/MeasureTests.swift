import CareModel
import Foundation
import Store
import StoreTesting
import Testing

@Suite struct MeasureTests {
    @Test func aScoreIsSavedListedOldestFirstAndAudited() throws {
        try withTemporaryStore { store in
            try store.addPatient(Fixtures.patient("P-7KQ2"), actor: Fixtures.secretary)
            let closing = try OutcomeMeasure(
                patient: "P-7KQ2", instrument: .pcl5, score: 31, on: Fixtures.day("2027-03-01"))
            let intake = try OutcomeMeasure(
                patient: "P-7KQ2", instrument: .pcl5, score: 52, on: Fixtures.day("2026-11-20"))
            let saved = try store.addMeasure(closing, actor: Fixtures.secretary)
            try store.addMeasure(intake, actor: Fixtures.secretary)
            #expect(saved.id != nil)
            #expect(try store.measures(patient: "P-7KQ2").map(\.score) == [52, 31])
            #expect(try store.measures().count == 2)
            let audit = try store.auditEntries(entityID: String(try #require(saved.id)))
            #expect(audit.contains { $0.action == "add-measure" && $0.actor == "marie.secretariat" })
        }
    }

    @Test func aScoreForAnUnknownPatientIsRefused() throws {
        try withTemporaryStore { store in
            let measure = try OutcomeMeasure(
                patient: "P-NONE", instrument: .pcl5, score: 10, on: Fixtures.day("2026-11-20"))
            #expect(throws: StoreError.notFound(kind: "patient", id: "P-NONE")) {
                try store.addMeasure(measure, actor: Fixtures.secretary)
            }
            #expect(try store.measures().isEmpty)
        }
    }
}
