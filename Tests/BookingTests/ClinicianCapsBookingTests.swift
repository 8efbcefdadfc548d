import CareModel
import Foundation
import Scheduler
import Store
import Testing

@testable import Booking

/// The clinicians' workload caps, kept in the Store, reach the scheduler through the snapshot:
/// single-series booking and batches place no session past them.
@Suite struct ClinicianCapsBookingTests {
    /// The most sessions any clinician has on one local day.
    static func busiestDay(_ store: ParcoursStore) throws -> Int {
        var perDay: [String: Int] = [:]
        for a in try store.activeAppointments(from: .distantPast, to: .distantFuture) {
            for c in a.clinicians { perDay[c.rawValue + ClinicTimeZone.paris.local(a.start).date.iso, default: 0] += 1 }
        }
        return perDay.values.max() ?? 0
    }

    func bookThree(_ centre: TestCentre) throws {
        for code in ["P-2222", "P-3333", "P-4444"] {
            try centre.enrol(code, on: "adult-domestic-violence")
            _ = try centre.service.book(.init(patient: PatientCode(code)), today: TestCentre.today)
        }
    }

    @Test func theSnapshotCarriesEachClinicianCapInMinutes() throws {
        let centre = try TestCentre()
        try centre.store.setCaps(
            WorkloadCaps(sessionsPerDay: 6, hoursPerWeek: 24), of: "C-ROUX", actor: TestCentre.secretary)
        try centre.store.setCaps(WorkloadCaps(sessionsPerDay: 4), of: "C-MOREAU", actor: TestCentre.secretary)
        let problem = try SnapshotBuilder().problem(store: centre.store, today: TestCentre.today)
        #expect(
            problem.caps == [
                ClinicianCap(clinician: "C-MOREAU", sessionsPerDay: 4),
                ClinicianCap(clinician: "C-ROUX", sessionsPerDay: 6, minutesPerWeek: 24 * 60),
            ])
    }

    @Test func seriesBookedOneByOneKeepEveryClinicianUnderOneSessionADay() throws {
        let uncapped = try TestCentre()
        try bookThree(uncapped)
        #expect(try Self.busiestDay(uncapped.store) >= 2) // without caps, intakes share a day

        let capped = try TestCentre()
        for id in ["C-ROUX", "C-MOREAU", "C-PETIT", "C-FAURE"] {
            try capped.store.setCaps(
                WorkloadCaps(sessionsPerDay: 1), of: ClinicianID(id), actor: TestCentre.secretary)
        }
        try bookThree(capped)
        #expect(try capped.store.activeAppointments(from: .distantPast, to: .distantFuture).count == 39)
        #expect(try Self.busiestDay(capped.store) == 1)
    }

    @Test func capsOutOfRangeOrOfAnUnknownClinicianAreRefusedAndChangeNothing() throws {
        let centre = try TestCentre()
        #expect(throws: StoreError.self) {
            try centre.store.setCaps(WorkloadCaps(sessionsPerDay: 0), of: "C-ROUX", actor: TestCentre.secretary)
        }
        #expect(throws: StoreError.notFound(kind: "clinician", id: "C-NOBODY")) {
            try centre.store.setCaps(WorkloadCaps(sessionsPerDay: 6), of: "C-NOBODY", actor: TestCentre.secretary)
        }
        #expect(try centre.store.clinicianCaps().isEmpty)
        try centre.store.setCaps(WorkloadCaps(hoursPerWeek: 20), of: "C-ROUX", actor: TestCentre.secretary)
        try centre.store.setCaps(WorkloadCaps(), of: "C-ROUX", actor: TestCentre.secretary)
        #expect(try centre.store.clinicianCaps().isEmpty)
        let audited = try centre.store.auditEntries(entityID: "C-ROUX").filter { $0.action == "set-clinician-caps" }
        #expect(audited.count == 2)
    }
}
