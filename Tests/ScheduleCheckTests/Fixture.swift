import CareModel
import Foundation
import SchedulingModel
import Testing

@testable import ScheduleCheck

/// A small hand-made centre around the spring DST change (Sunday 2027-03-28, also Easter) and a
/// clean hand-made solution; each test plants one violation in a copy.
enum Fixture {
    static let zone = ClinicTimeZone.paris

    static func day(_ text: String) throws -> LocalDate { try #require(LocalDate(parsing: text)) }

    /// The instant the Paris wall clock shows `time` on `date`.
    static func at(_ date: String, _ time: String) throws -> Date {
        let clock = try #require(LocalTime(parsing: time))
        let local = try day(date)
        return try #require(zone.instant(on: local, at: clock))
    }

    static func hours(_ text: String) throws -> WeeklyHours { try WeeklyHours(parsing: text) }

    static let track: TrackID = "T-DV"
    static let groupTrack: TrackID = "T-GROUP"

    static func intake(deadline: LocalDate? = nil) -> SessionSpec {
        SessionSpec(
            step: "intake", kind: .assessment, durationMinutes: 90, roles: [.psychologist, .psychiatrist],
            deadline: deadline, roomFeatures: [.individual])
    }

    static func therapy(_ occurrence: Int) -> SessionSpec {
        SessionSpec(
            step: "therapy", occurrence: occurrence, kind: .therapy, durationMinutes: 60,
            roles: [.psychologist, .psychiatrist], skills: [.tfCBT], continuity: "therapy",
            minDaysAfterPrevious: 6, maxDaysAfterPrevious: 14, roomFeatures: [.individual])
    }

    static let closing = SessionSpec(
        step: "closing", kind: .assessment, durationMinutes: 60,
        roles: [.psychologist, .psychiatrist], continuity: "therapy",
        minDaysAfterPrevious: 6, maxDaysAfterPrevious: 21, roomFeatures: [.individual])

    static let group = SessionSpec(
        step: "group", kind: .groupSession, durationMinutes: 90,
        skills: [.groupFacilitation], roomFeatures: [.group], facilitators: 2)

    static func problem() throws -> SchedulingProblem {
        let week = try hours("mon-fri 09:00-17:00")
        let start = try day("2027-03-22")
        return SchedulingProblem(
            today: start, horizonEnd: try day("2027-06-30"),
            clinicians: [
                Clinician(id: "C-A", name: "A", role: .psychologist, skills: [.tfCBT], hours: week),
                Clinician(
                    id: "C-B", name: "B", role: .psychiatrist, skills: [.emdr], languages: [.french, "ar"], hours: week),
                Clinician(id: "C-C", name: "C", role: .psychologist, skills: [.groupFacilitation], hours: week),
                Clinician(
                    id: "C-D", name: "D", role: .psychologist, skills: [.groupFacilitation, .tfCBT], hours: week),
                Clinician(id: "C-N", name: "N", role: .nurse, hours: week),
            ],
            rooms: [
                Room(id: "R-1", name: "1", capacity: 3, features: [.individual]),
                Room(id: "R-2", name: "2", capacity: 3, features: [.individual, .accessible]),
                Room(id: "R-G", name: "G", capacity: 12, features: [.group, .accessible]),
                Room(id: "R-S", name: "S", capacity: 1, features: [.individual]),
            ],
            interpreters: [
                Interpreter(id: "I-AR", name: "ar", languages: ["ar"], hours: week),
                Interpreter(id: "I-PS", name: "ps", languages: ["ps"], hours: week),
            ],
            patients: [
                PatientNeeds(code: "P-AAAA"),
                PatientNeeds(code: "P-BBBB", language: "ar", needsInterpreter: true),
                PatientNeeds(code: "P-CCCC", needsAccessibleRoom: true),
                PatientNeeds(code: "P-DDDD", keepApart: ["P-EEEE"]),
                PatientNeeds(code: "P-EEEE", keepApart: ["P-DDDD"]),
                PatientNeeds(code: "P-FFFF"),
                PatientNeeds(code: "P-GGGG"),
            ],
            absences: [
                Absence(
                    kind: .clinician, id: "C-A", start: try at("2027-04-12", "00:00"),
                    end: try at("2027-04-17", "00:00"))
            ],
            closedDays: [try day("2027-03-29")],
            requests: [
                SeriesRequest(
                    patient: "P-AAAA", track: track,
                    sessions: [intake(deadline: try day("2027-04-12")), therapy(1), therapy(2), therapy(3), closing],
                    earliest: start),
                SeriesRequest(patient: "P-BBBB", track: track, sessions: [intake()], earliest: start),
                SeriesRequest(patient: "P-CCCC", track: track, sessions: [intake()], earliest: start),
                SeriesRequest(
                    patient: "P-DDDD", track: track, sessions: [intake(deadline: try day("2027-04-12"))],
                    earliest: start),
                SeriesRequest(patient: "P-EEEE", track: track, sessions: [intake()], earliest: start),
                SeriesRequest(patient: "P-FFFF", track: groupTrack, sessions: [group], earliest: start),
                SeriesRequest(patient: "P-GGGG", track: groupTrack, sessions: [group], earliest: start),
            ])
    }

    static func row(
        _ patient: PatientCode, _ step: StepID, _ occurrence: Int = 1, _ date: String, _ time: String,
        minutes: Int, _ clinicians: [ClinicianID], _ room: RoomID, interpreter: InterpreterID? = nil,
        track: TrackID = track, cohort: String? = nil, late: Bool = false
    ) throws -> ProposedSession {
        let start = try at(date, time)
        return ProposedSession(
            patient: patient, track: track, step: step, occurrence: occurrence, start: start,
            end: start.addingTimeInterval(Double(minutes) * 60), clinicians: clinicians, room: room,
            interpreter: interpreter, late: late, cohort: cohort)
    }

    /// Every request fully booked, nothing violated. Rows are looked up by patient and step below.
    static func clean() throws -> [ProposedSession] {
        [
            try row("P-AAAA", "intake", 1, "2027-03-23", "10:00", minutes: 90, ["C-A"], "R-1"),
            try row("P-AAAA", "therapy", 1, "2027-03-30", "14:00", minutes: 60, ["C-A"], "R-1"),
            try row("P-AAAA", "therapy", 2, "2027-04-06", "14:00", minutes: 60, ["C-A"], "R-1"),
            try row("P-AAAA", "therapy", 3, "2027-04-20", "14:00", minutes: 60, ["C-A"], "R-1"),
            try row("P-AAAA", "closing", 1, "2027-04-27", "14:00", minutes: 60, ["C-A"], "R-1"),
            try row("P-BBBB", "intake", 1, "2027-03-24", "10:00", minutes: 90, ["C-B"], "R-1", interpreter: "I-AR"),
            try row("P-CCCC", "intake", 1, "2027-03-25", "10:00", minutes: 90, ["C-B"], "R-2"),
            try row("P-DDDD", "intake", 1, "2027-03-25", "09:00", minutes: 90, ["C-A"], "R-1"),
            try row("P-EEEE", "intake", 1, "2027-03-25", "14:00", minutes: 90, ["C-B"], "R-1"),
            try row(
                "P-FFFF", "group", 1, "2027-03-26", "10:00", minutes: 90, ["C-C", "C-D"], "R-G", track: groupTrack,
                cohort: "G1"),
            try row(
                "P-GGGG", "group", 1, "2027-03-26", "10:00", minutes: 90, ["C-C", "C-D"], "R-G", track: groupTrack,
                cohort: "G1"),
        ]
    }

    /// The clean solution with the row of `patient`/`step`/`occurrence` replaced.
    static func replacing(
        _ patient: PatientCode, _ step: StepID, _ occurrence: Int = 1,
        with change: (inout ProposedSession) throws -> Void
    ) throws -> [ProposedSession] {
        var rows = try clean()
        let i = try #require(
            rows.firstIndex { $0.patient == patient && $0.step == step && $0.occurrence == occurrence })
        try change(&rows[i])
        return rows
    }

    /// Moves a row to another local day and time, keeping its length.
    static func move(_ row: inout ProposedSession, _ date: String, _ time: String) throws {
        let length = row.end.timeIntervalSince(row.start)
        row.start = try at(date, time)
        row.end = row.start.addingTimeInterval(length)
    }

    static func check(_ rows: [ProposedSession], problem: SchedulingProblem? = nil) throws -> CheckReport {
        IndependentChecker.check(problem: try problem ?? Self.problem(), sessions: rows)
    }
}
