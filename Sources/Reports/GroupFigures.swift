import CareModel

/// The figures of one row of the completion report: a group of patients referred in the period.
public struct GroupFigures: Hashable, Sendable {
    /// The group's name (`domestic-violence`, a track id, a clinician id…) or `all`.
    public var group: String
    /// Patients referred in the period.
    public var patients = 0
    /// Patients placed on a track (whatever became of it).
    public var enrolled = 0
    /// Enrolled or in treatment today.
    public var active = 0
    public var completed = 0
    public var droppedOut = 0
    public var referredOut = 0
    /// Every session row: booked, attended, no-show or cancelled.
    public var sessionsPlanned = 0
    public var attended = 0
    public var noShows = 0
    public var cancelledByPatient = 0
    public var cancelledByCentre = 0
    /// Sessions held or booked against a scheduling rule on purpose (`move --force --reason`).
    public var overrides = 0
    /// Days from referral to the attended intake, one value per patient seen at intake.
    public var referralToIntake: [Int] = []
    /// Days from the intake to the first attended therapy session.
    public var intakeToTherapy: [Int] = []
    /// Attended sessions of each completed pathway, and the budget of its track.
    public var sessionsToCompletion: [Int] = []
    public var budgets: [Int] = []
    /// PCL-5 at intake minus PCL-5 at closing (positive is better), where both are recorded.
    public var pclChanges: [Int] = []

    public init(group: String) { self.group = group }

    /// Completed among the pathways that have ended (completed, dropped out or referred out);
    /// nil when none has ended. Pathways still running are left out so a young cohort does not
    /// look like a failing one.
    public var completionRate: Double? {
        let ended = completed + droppedOut + referredOut
        return ended == 0 ? nil : Double(completed) / Double(ended)
    }

    public var medianReferralToIntake: Double? { Statistics.median(referralToIntake) }
    public var p90ReferralToIntake: Int? { Statistics.percentile(90, of: referralToIntake) }
    public var medianIntakeToTherapy: Double? { Statistics.median(intakeToTherapy) }
    public var p90IntakeToTherapy: Int? { Statistics.percentile(90, of: intakeToTherapy) }
    public var medianSessionsToCompletion: Double? { Statistics.median(sessionsToCompletion) }
    public var medianBudget: Double? { Statistics.median(budgets) }

    /// Mean PCL-5 improvement from intake to closing; nil without a single pair.
    public var meanPCLChange: Double? {
        pclChanges.isEmpty ? nil : Double(pclChanges.reduce(0, +)) / Double(pclChanges.count)
    }

    /// Share of patients with both scores whose PCL-5 fell by 10 points or more.
    public var shareImprovedBy10: Double? {
        pclChanges.isEmpty ? nil : Double(pclChanges.filter { $0 >= 10 }.count) / Double(pclChanges.count)
    }

    /// One to four patients (under ``CompletionReport/minimumGroupSize``): every figure is
    /// withheld in output so that a row cannot be read back to one person. An empty group names
    /// nobody and shows its zeros.
    public var isSuppressed: Bool { patients > 0 && patients < CompletionReport.minimumGroupSize }
}
