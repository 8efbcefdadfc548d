import CareModel
import Foundation
import Reports

/// Nine patients worked through by hand (see CompletionReportTests for every expected figure).
///
/// Period 2026-01-01 to 2026-03-31 on referral date; P9 was referred in 2025 and falls outside.
/// Tracks: T-IND (individual, budget 13, steps intake/therapy/closing) and T-GRP (group, budget 12,
/// steps intake/group/closing). Sessions at 10:00 Paris time on the days listed.
enum ReportFixture {
    static func day(_ text: String) -> LocalDate { LocalDate(parsing: text) ?? LocalDate(daysSinceEpoch: 0) }

    static let tracks = [
        TrackFacts(
            id: "T-IND", modality: .individual, budget: 13, intake: "intake", therapy: ["therapy"], closing: "closing"),
        TrackFacts(id: "T-GRP", modality: .group, budget: 12, intake: "intake", therapy: ["group"], closing: "closing"),
    ]

    static let period = ReferralPeriod(from: day("2026-01-01"), to: day("2026-03-31"))

    static func patient(_ code: PatientCode, _ category: VictimCategory, referred: String) -> Patient {
        Patient(
            code: code, birthDate: day("1985-06-01"), category: category, referralSource: .legalAid,
            referralDate: day(referred))
    }

    static func session(
        _ patient: PatientCode, _ track: TrackID, _ step: StepID, _ text: String,
        _ status: AppointmentStatus = .attended, by clinician: ClinicianID = "C-A"
    ) -> Appointment {
        let start = ClinicTimeZone.paris.instant(on: day(text), at: LocalTime(hour: 10) ?? .midnight) ?? Date()
        return Appointment(
            id: AppointmentID("\(patient)-\(step)-\(text)"), patient: patient, track: track, step: step,
            occurrence: 1, start: start, end: start.addingTimeInterval(3600), clinicians: [clinician],
            status: status)
    }

    static func pcl(_ patient: PatientCode, _ score: Int, _ text: String) -> OutcomeMeasure? {
        try? OutcomeMeasure(patient: patient, instrument: .pcl5, score: score, on: day(text))
    }

    static func enrolment(_ patient: PatientCode, _ track: TrackID, _ state: EnrolmentState) -> Enrolment {
        Enrolment(patient: patient, track: track, state: state, enrolledOn: day("2026-01-02"))
    }

    static let input = ReportInput(
        patients: [
            patient("P-0001", .domesticViolence, referred: "2026-01-05"),
            patient("P-0002", .domesticViolence, referred: "2026-01-10"),
            patient("P-0003", .domesticViolence, referred: "2026-01-12"),
            patient("P-0004", .domesticViolence, referred: "2026-02-01"),
            patient("P-0005", .domesticViolence, referred: "2026-02-15"),
            patient("P-0006", .domesticViolence, referred: "2026-02-20"),
            patient("P-0007", .accidentDisaster, referred: "2026-01-20"),
            patient("P-0008", .accidentDisaster, referred: "2026-01-25"),
            patient("P-0009", .domesticViolence, referred: "2025-10-01"),
        ],
        enrolments: [
            enrolment("P-0001", "T-IND", .completed), enrolment("P-0002", "T-IND", .completed),
            enrolment("P-0003", "T-IND", .completed), enrolment("P-0004", "T-IND", .droppedOut),
            enrolment("P-0005", "T-IND", .inTreatment), enrolment("P-0007", "T-GRP", .referredOut),
            enrolment("P-0008", "T-GRP", .completed), enrolment("P-0009", "T-IND", .completed),
        ],
        appointments: [
            session("P-0001", "T-IND", "intake", "2026-01-19"), session("P-0001", "T-IND", "therapy", "2026-01-26"),
            session("P-0001", "T-IND", "therapy", "2026-02-02"), session("P-0001", "T-IND", "therapy", "2026-02-09"),
            session("P-0001", "T-IND", "therapy", "2026-02-16", .noShow),
            session("P-0001", "T-IND", "therapy", "2026-02-23", .cancelledByPatient),
            session("P-0001", "T-IND", "closing", "2026-03-02"),
            session("P-0002", "T-IND", "intake", "2026-02-09"), session("P-0002", "T-IND", "therapy", "2026-02-16"),
            session("P-0002", "T-IND", "therapy", "2026-02-23"),
            session("P-0002", "T-IND", "therapy", "2026-03-02", .cancelledByCentre),
            session("P-0002", "T-IND", "closing", "2026-03-09"),
            session("P-0003", "T-IND", "intake", "2026-01-22"), session("P-0003", "T-IND", "therapy", "2026-02-05"),
            session("P-0003", "T-IND", "closing", "2026-02-19"),
            session("P-0004", "T-IND", "intake", "2026-02-21"), session("P-0004", "T-IND", "therapy", "2026-03-07"),
            session("P-0004", "T-IND", "therapy", "2026-03-14", .noShow),
            session("P-0004", "T-IND", "therapy", "2026-03-21", .noShow),
            session("P-0005", "T-IND", "intake", "2026-03-01"),
            session("P-0005", "T-IND", "therapy", "2026-03-10", .booked),
            session("P-0007", "T-GRP", "intake", "2026-02-02", by: "C-B"),
            session("P-0008", "T-GRP", "intake", "2026-02-05", by: "C-B"),
            session("P-0008", "T-GRP", "group", "2026-02-10", by: "C-B"),
            session("P-0008", "T-GRP", "group", "2026-02-17", by: "C-B"),
            session("P-0008", "T-GRP", "closing", "2026-03-03", by: "C-B"),
            session("P-0009", "T-IND", "intake", "2025-10-10"),
        ],
        measures: [
            pcl("P-0001", 50, "2026-01-19"), pcl("P-0001", 30, "2026-03-02"),
            pcl("P-0002", 40, "2026-02-09"), pcl("P-0002", 35, "2026-03-09"),
            pcl("P-0003", 60, "2026-01-22"),
            pcl("P-0008", 45, "2026-02-05"), pcl("P-0008", 33, "2026-03-10"),
            pcl("P-0009", 70, "2025-10-10"),
        ].compactMap { $0 },
        tracks: tracks)
}
