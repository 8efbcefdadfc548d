import CareModel
import Foundation

/// Who finishes, who drops out, how long people wait and whether they get better: the
/// coordinators' completion report, computed from plain records with no I/O.
public struct CompletionReport: Hashable, Sendable {
    /// Groups under this many patients are shown as "<5" with their figures withheld.
    public static let minimumGroupSize = 5
    /// A score counts for an assessment if filled in within this many days of its session.
    public static let measureWindowDays = 14

    public var period: ReferralPeriod
    public var grouping: Grouping
    /// One row per group, sorted by name.
    public var groups: [GroupFigures]
    /// Every patient of the period together.
    public var total: GroupFigures
    /// The sessions of these patients held or booked under an override, oldest decision first.
    public var overrides: [ReportOverride] = []

    /// Computes the report for patients referred within `period`, grouped by `grouping`.
    public static func compute(
        _ input: ReportInput, period: ReferralPeriod = ReferralPeriod(),
        by grouping: Grouping
    ) -> CompletionReport {
        let tracks = Dictionary(input.tracks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var latest: [PatientCode: Enrolment] = [:]
        for enrolment in input.enrolments {
            if let known = latest[enrolment.patient],
                (known.enrolledOn, known.id ?? 0) > (enrolment.enrolledOn, enrolment.id ?? 0)
            {
                continue
            }
            latest[enrolment.patient] = enrolment
        }
        let sessions = Dictionary(grouping: input.sessions, by: \.patient)
        let scores = Dictionary(grouping: input.measures.filter { $0.instrument == .pcl5 }, by: \.patient)
        let forced = Dictionary(grouping: input.overrides, by: \.patient)
        var listed: [ReportOverride] = []

        let days = LocalDays()
        var total = GroupFigures(group: "all")
        var byGroup: [String: GroupFigures] = [:]
        for patient in input.patients where period.contains(patient.referralDate) {
            let enrolment = latest[patient.code]
            let facts = enrolment.flatMap { tracks[$0.track] }
            let own = (sessions[patient.code] ?? []).filter { $0.track == enrolment?.track }
            let path = PatientPath(
                patient: patient, enrolment: enrolment, track: facts, sessions: own,
                scores: scores[patient.code] ?? [], days: days,
                overrides: (forced[patient.code] ?? []).filter { $0.track == enrolment?.track })
            listed += path.overrides
            let key = path.groupKey(grouping)
            byGroup[key, default: GroupFigures(group: key)].add(path)
            total.add(path)
        }
        return CompletionReport(
            period: period, grouping: grouping,
            groups: byGroup.values.sorted { $0.group < $1.group }, total: total,
            overrides: listed.sorted { ($0.recordedAt, $0.session.rawValue) < ($1.recordedAt, $1.session.rawValue) })
    }
}

/// One patient's pathway as the report reads it: the latest enrolment and its sessions.
struct PatientPath {
    let patient: Patient
    let enrolment: Enrolment?
    let track: TrackFacts?
    let sessions: [ReportSession]
    let scores: [OutcomeMeasure]
    let days: LocalDays
    /// Its sessions placed against a rule on purpose, on the same track.
    let overrides: [ReportOverride]

    /// The first attended session of `steps`, as a day.
    func firstAttended(_ steps: Set<StepID>) -> LocalDate? {
        var first: Date?
        for session in sessions where session.status == .attended && steps.contains(session.step) {
            if first.map({ session.start < $0 }) ?? true { first = session.start }
        }
        return first.map(days.day)
    }

    var intakeDay: LocalDate? { track.flatMap { firstAttended([$0.intake]) } }
    var closingDay: LocalDate? { track.flatMap { firstAttended([$0.closing]) } }

    /// The PCL-5 nearest `day`, within the window; the earlier one on a tie.
    func score(near day: LocalDate) -> Int? {
        scores.filter { abs(day.days(to: $0.on)) <= CompletionReport.measureWindowDays }
            .min { (abs(day.days(to: $0.on)), $0.on) < (abs(day.days(to: $1.on)), $1.on) }?.score
    }

    func groupKey(_ grouping: Grouping) -> String {
        switch grouping {
        case .category: return patient.category.rawValue
        case .referralSource: return patient.referralSource.rawValue
        case .track: return enrolment?.track.rawValue ?? "not enrolled"
        case .modality: return track?.modality.rawValue ?? "not enrolled"
        case .clinician:
            let therapy = sessions.filter { $0.status == .attended && (track?.therapy.contains($0.step) ?? false) }
            let seen =
                therapy.isEmpty ? sessions.filter { $0.status == .attended && $0.step == track?.intake } : therapy
            var counts: [ClinicianID: Int] = [:]
            for session in seen { if let lead = session.leadClinician { counts[lead, default: 0] += 1 } }
            return counts.min { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }?.key.rawValue
                ?? "unassigned"
        }
    }
}

extension GroupFigures {
    mutating func add(_ path: PatientPath) {
        patients += 1
        guard let enrolment = path.enrolment else { return }
        enrolled += 1
        overrides += path.overrides.count
        switch enrolment.state {
        case .referred, .enrolled, .inTreatment: active += 1
        case .completed: completed += 1
        case .droppedOut: droppedOut += 1
        case .referredOut: referredOut += 1
        }
        for session in path.sessions {
            sessionsPlanned += 1
            switch session.status {
            case .booked: break
            case .attended: attended += 1
            case .noShow: noShows += 1
            case .cancelledByPatient: cancelledByPatient += 1
            case .cancelledByCentre: cancelledByCentre += 1
            }
        }
        guard let track = path.track else { return }
        let intake = path.intakeDay
        if let intake {
            referralToIntake.append(path.patient.referralDate.days(to: intake))
            if let therapy = path.firstAttended(track.therapy) { intakeToTherapy.append(intake.days(to: therapy)) }
        }
        if enrolment.state == .completed {
            sessionsToCompletion.append(path.sessions.reduce(0) { $0 + ($1.status == .attended ? 1 : 0) })
            budgets.append(track.budget)
        }
        if let intake, let closing = path.closingDay, let before = path.score(near: intake),
            let after = path.score(near: closing)
        {
            pclChanges.append(before - after)
        }
    }
}
