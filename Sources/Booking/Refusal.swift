/// Why an operation does not apply, as a stable code with the values its sentence names, and
/// the English sentence the CLI prints.
///
/// Front ends in other languages (the desk) translate by ``code`` and fill in ``values``; a
/// refusal built from plain text (``Code/other``) is shown as its English text.
public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// Every kind of refusal a front end may translate; the raw value is the stable key.
    public enum Code: String, CaseIterable, Sendable {
        case notBegunAttendance = "not-begun-attendance"
        case notBegunNoShow = "not-begun-no-show"
        case intakeFirst = "intake-first"
        case notBooked = "not-booked"
        case stepGone = "step-gone"
        case timeDoesNotExist = "time-does-not-exist"
        case proposalGone = "proposal-gone"
        case noOtherTime = "no-other-time"
        case seriesPastHorizon = "series-past-horizon"
        case moveToMissingTime = "move-to-missing-time"
        case replacementPastHorizon = "replacement-past-horizon"
        case individualTrack = "individual-track"
        case otherTrack = "other-track"
        case groupFull = "group-full"
        case memberStepMissing = "member-step-missing"
        case groupSessionReplan = "group-session-replan"
        case cannotReplan = "cannot-replan"
        case endingNeedsReason = "ending-needs-reason"
        /// Text without a code (an enrolment's own words, an eligibility verdict): shown as is.
        case other
    }

    public var code: Code
    /// The values the sentence names, by name (`id`, `patient`, `when`…), for a translation.
    public var values: [String: String]
    /// The English sentence, as the CLI prints it.
    public var text: String

    public init(_ code: Code, _ text: String, _ values: [String: String] = [:]) {
        self.code = code
        self.text = text
        self.values = values
    }

    public init(stringLiteral value: String) { self.init(.other, value) }
    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(.other, String(stringInterpolation: stringInterpolation))
    }

    public var description: String { text }
}
