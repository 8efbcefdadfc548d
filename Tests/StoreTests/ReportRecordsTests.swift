import CareModel
import Foundation
import Store
import StoreTesting
import Testing

/// The whole-centre reads reports use return exactly what the per-row reads return.
@Suite struct ReportRecordsTests {
    @Test func allAppointmentsAndAllEnrolmentsMatchTheRowByRowReads() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            try store.addPatient(Fixtures.patient("P-BBBB"), actor: Fixtures.secretary)
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addClinician(Fixtures.benali, actor: Fixtures.secretary)
            let two = Appointment(
                id: "A-2", patient: "P-AAAA", track: "t", step: "therapy", occurrence: 1,
                start: Fixtures.instant(hour: 14), end: Fixtures.instant(hour: 15),
                clinicians: ["C-ROUX", "C-BENALI"])
            let one = Appointment(
                id: "A-1", patient: "P-BBBB", track: "t", step: "intake", occurrence: 1,
                start: Fixtures.instant(hour: 9), end: Fixtures.instant(hour: 10), clinicians: [])
            try store.addAppointments([two, one], actor: Fixtures.secretary)
            let referred = EnrolmentTransition(
                from: .referred, to: .enrolled, at: Fixtures.now, reason: "intake booked")
            try store.addEnrolment(
                Enrolment(
                    patient: "P-AAAA", track: "t", state: .enrolled, enrolledOn: Fixtures.day("2026-11-20"),
                    history: [referred]), actor: Fixtures.secretary)
            try store.addEnrolment(
                Enrolment(patient: "P-BBBB", track: "t", state: .enrolled, enrolledOn: Fixtures.day("2026-11-21")),
                actor: Fixtures.secretary)
            #expect(try store.allAppointments() == [one, two])
            #expect(try store.allAppointments() == store.appointments(from: .distantPast, to: .distantFuture))
            #expect(try store.allEnrolments() == store.enrolments())
            #expect(try store.allEnrolments().first?.history == [referred])
        }
    }

    @Test func sessionOutlinesCarryTheFirstClinicianOnlyWhenAsked() throws {
        try withTemporaryStore { store throws in
            try store.addPatient(Fixtures.patient("P-AAAA"), actor: Fixtures.secretary)
            try store.addClinician(Fixtures.roux, actor: Fixtures.secretary)
            try store.addClinician(Fixtures.benali, actor: Fixtures.secretary)
            let shared = Appointment(
                id: "A-1", patient: "P-AAAA", track: "t", step: "therapy", occurrence: 1,
                start: Fixtures.instant(hour: 14), end: Fixtures.instant(hour: 15),
                clinicians: ["C-ROUX", "C-BENALI"], status: .noShow)
            let alone = Appointment(
                id: "A-2", patient: "P-AAAA", track: "t", step: "intake", occurrence: 1,
                start: Fixtures.instant(hour: 9), end: Fixtures.instant(hour: 10), clinicians: [])
            try store.addAppointments([shared, alone], actor: Fixtures.secretary)
            func outlines(lead: Bool) throws -> [String] {
                var seen: [String] = []
                try store.forEachSessionOutline(leadClinician: lead) { patient, track, step, start, status, clinician in
                    seen.append(
                        "\(patient) \(track) \(step) \(start.timeIntervalSince1970) \(status.rawValue) \(clinician?.rawValue ?? "-")"
                    )
                }
                return seen.sorted()
            }
            let at9 = Fixtures.instant(hour: 9).timeIntervalSince1970,
                at14 = Fixtures.instant(hour: 14).timeIntervalSince1970
            #expect(
                try outlines(lead: true) == [
                    "P-AAAA t intake \(at9) booked -", "P-AAAA t therapy \(at14) no-show C-ROUX",
                ])
            #expect(
                try outlines(lead: false) == ["P-AAAA t intake \(at9) booked -", "P-AAAA t therapy \(at14) no-show -"])
        }
    }

    /// 2024-02-29T23:59:60Z: 19,782 days since 1970 (54 years with 13 leap days, then 59 days).
    @Test func storedInstantsAreReadExactlyAndImpossibleOnesRefused() {
        #expect(
            StoredText.instant(parsing: "2024-02-29T23:59:60Z") == Date(timeIntervalSince1970: 19_782 * 86_400 + 86_400)
        )
        #expect(StoredText.instant(parsing: "2026-11-26T10:00:00Z") == Fixtures.now)
        #expect(StoredText.instant(parsing: "2026-02-30T10:00:00Z") == nil)
        #expect(StoredText.instant(parsing: "2026-11-26T24:00:00Z") == nil)
        #expect(StoredText.instant(parsing: "2026-11-26T1a:00:00Z") == nil)
        #expect(StoredText.day(parsing: "2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
        #expect(StoredText.day(parsing: "2026-02-29") == nil)
    }
}
