import CareModel
import Foundation
import Reports

/// `bench report`: times the completion report on a synthetic centre of any size.
///
/// The records are built in memory (the shape the Store returns), so the figure is the report's
/// own cost: grouping, waits, percentiles, PCL-5 pairs and each renderer.
public enum ReportBenchmark {
    public struct Result: Encodable, Sendable {
        public var patients: Int
        public var sessions: Int
        public var measures: Int
        public var runs: Int
        /// Median seconds of `CompletionReport.compute`, by track.
        public var computeSeconds: Double
        public var csvSeconds: Double
        public var jsonSeconds: Double
        public var htmlSeconds: Double
        public var peakMemoryMiB: Double
    }

    /// Four individual tracks: intake, 10 therapy sessions, closing (12 sessions a patient).
    public static let tracks: [TrackFacts] = (1...4).map {
        TrackFacts(
            id: TrackID("track-\($0)"), modality: .individual, budget: 13, intake: "intake",
            therapy: ["therapy"], closing: "closing")
    }

    /// A centre of `patients` patients referred over 18 months, each with `sessionsEach` sessions
    /// (about 8% no-shows, 3% cancelled by the patient, 2% by the centre) and PCL-5 at intake and
    /// closing for nine in ten.
    public static func syntheticInput(patients: Int, sessionsEach: Int = 12, seed: UInt64 = 1) -> ReportInput {
        var rng = SeededGenerator(seed: seed)
        let first = LocalDate(year: 2025, month: 1, day: 6) ?? LocalDate(daysSinceEpoch: 20_094)
        let categories = VictimCategory.allCases.filter { $0 != .childAdolescent }
        let sources = ReferralSource.allCases
        let states: [EnrolmentState] = [
            .completed, .completed, .completed, .completed, .completed, .completed,
            .droppedOut, .referredOut, .inTreatment, .enrolled,
        ]
        var input = ReportInput(patients: [], enrolments: [], sessions: [], measures: [], tracks: tracks)
        input.sessions.reserveCapacity(patients * sessionsEach)
        for i in 0..<patients {
            let code = PatientCode.sequential(i)
            let referred = first.adding(days: i % 540)
            input.patients.append(
                Patient(
                    code: code, birthDate: first.adding(days: -12_000 - i % 9_000),
                    category: categories[i % categories.count], referralSource: sources[i % sources.count],
                    referralDate: referred))
            let track = tracks[i % tracks.count]
            input.enrolments.append(
                Enrolment(
                    id: Int64(i + 1), patient: code, track: track.id, state: states[i % states.count],
                    enrolledOn: referred.adding(days: 7)))
            let intakeDay = referred.adding(days: 10 + Int.random(in: 0...60, using: &rng))
            for k in 0..<sessionsEach {
                let step: StepID = k == 0 ? "intake" : (k == sessionsEach - 1 ? "closing" : "therapy")
                let day = intakeDay.adding(days: 7 * k)
                let start = ClinicTimeZone.paris.instant(on: day, at: LocalTime(hour: 9 + k % 8) ?? .midnight) ?? Date()
                let roll = Int.random(in: 0..<100, using: &rng)
                let status: AppointmentStatus =
                    roll < 8 ? .noShow : roll < 11 ? .cancelledByPatient : roll < 13 ? .cancelledByCentre : .attended
                input.sessions.append(
                    ReportSession(
                        Appointment(
                            id: AppointmentID("\(code)-\(k)"), patient: code, track: track.id, step: step,
                            occurrence: k,
                            start: start, end: start.addingTimeInterval(3600), clinicians: [ClinicianID("C-\(i % 40)")],
                            status: k == 0 || k == sessionsEach - 1 ? .attended : status)))
            }
            if i % 10 != 9,
                let intake = try? OutcomeMeasure(
                    patient: code, instrument: .pcl5,
                    score: Int.random(in: 30...70, using: &rng), on: intakeDay),
                let closing = try? OutcomeMeasure(
                    patient: code, instrument: .pcl5,
                    score: max(0, intake.score - Int.random(in: -5...30, using: &rng)),
                    on: intakeDay.adding(days: 7 * (sessionsEach - 1)))
            {
                input.measures += [intake, closing]
            }
        }
        return input
    }

    /// Times each step `runs` times and keeps the median.
    public static func run(patients: Int, sessionsEach: Int = 12, runs: Int = 5, seed: UInt64 = 1) throws -> Result {
        let input = syntheticInput(patients: patients, sessionsEach: sessionsEach, seed: seed)
        var compute: [Double] = [], csv: [Double] = [], json: [Double] = [], html: [Double] = []
        for _ in 0..<max(runs, 1) {
            let (report, seconds) = Measure.seconds { CompletionReport.compute(input, by: .track) }
            compute.append(seconds)
            csv.append(Measure.seconds { report.csv() }.1)
            json.append(try Measure.seconds { try report.json() }.1)
            html.append(Measure.seconds { report.html(generated: LocalDate(daysSinceEpoch: 20_600)) }.1)
        }
        func median(_ values: [Double]) -> Double { (Measure.percentile(values, 50) * 10_000).rounded() / 10_000 }
        return Result(
            patients: patients, sessions: input.sessions.count, measures: input.measures.count, runs: max(runs, 1),
            computeSeconds: median(compute), csvSeconds: median(csv), jsonSeconds: median(json),
            htmlSeconds: median(html), peakMemoryMiB: (Measure.peakMemoryMiB() * 10).rounded() / 10)
    }
}
