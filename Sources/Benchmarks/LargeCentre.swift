import CareModel
import Foundation
import Store

/// A centre of any size written to a real database through the Store's own API, for measuring
/// the commands that read a whole centre (`parcours doctor`): 60 clinicians and 60 rooms open
/// Monday to Friday 09:00-17:00, and each patient enrolled with a weekly series of hour-long
/// sessions at a fixed slot, laid out so that no two sessions share a clinician, a room or a
/// patient (a valid calendar: the doctor must find nothing).
public enum LargeCentre {
    public struct Summary: Encodable, Sendable {
        public var patients: Int
        public var sessions: Int
        public var seconds: Double
    }

    static let staff = 60
    /// Weekly slots per clinician: five days of eight hours.
    static let slots = 40

    /// Writes the centre to `path` (a new file); `progress` is told after each patient.
    public static func build(
        at path: String, patients: Int, sessionsEach: Int = 12,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> Summary {
        let started = Date()
        let store = try ParcoursStore.create(at: path)
        let actor = Actor(name: "bench")
        let hours = try WeeklyHours(parsing: "mon-fri 09:00-17:00")
        for n in 0..<staff {
            let suffix = String(format: "%02d", n)
            try store.addClinician(
                Clinician(
                    id: ClinicianID("C-B\(suffix)"), name: "Clinician \(suffix)", role: .psychologist,
                    skills: [.tfCBT, .emdr], hours: hours), actor: actor)
            try store.addRoom(
                Room(
                    id: RoomID("R-B\(suffix)"), name: "Room \(suffix)", capacity: 2,
                    features: [.individual, .accessible]), actor: actor)
        }
        let firstMonday = LocalDate(year: 2025, month: 1, day: 6) ?? LocalDate(daysSinceEpoch: 20_094)
        var sessions = 0
        for i in 0..<patients {
            let code = PatientCode.sequential(i)
            let staffIndex = i % staff, slot = (i / staff) % slots, wave = i / (staff * slots)
            let firstWeek = firstMonday.adding(days: 7 * wave * sessionsEach)
            try store.addPatient(
                Patient(
                    code: code, birthDate: firstMonday.adding(days: -12_000 - i % 9_000),
                    category: .domesticViolence, referralSource: .legalAid,
                    referralDate: firstWeek.adding(days: -14)), actor: actor)
            _ = try store.addEnrolment(
                Enrolment(
                    patient: code, track: "adult-domestic-violence", state: .inTreatment,
                    enrolledOn: firstWeek.adding(days: -7)), actor: actor)
            let suffix = String(format: "%02d", staffIndex)
            let series = (0..<sessionsEach).compactMap { k -> Appointment? in
                let day = firstWeek.adding(days: 7 * k + slot / 8)
                guard let time = LocalTime(hour: 9 + slot % 8),
                    let start = ClinicTimeZone.paris.instant(on: day, at: time)
                else { return nil }
                let step: StepID = k == 0 ? "intake" : (k == sessionsEach - 1 ? "closing" : "therapy")
                return Appointment(
                    id: AppointmentID("A-\(code.rawValue.dropFirst(2))-\(k)"), patient: code,
                    track: "adult-domestic-violence", step: step, occurrence: k == 0 || k == sessionsEach - 1 ? 1 : k,
                    start: start, end: start.addingTimeInterval(3600), clinicians: [ClinicianID("C-B\(suffix)")],
                    room: RoomID("R-B\(suffix)"))
            }
            try store.book(series, actor: actor, reason: "bench centre")
            sessions += series.count
            progress(i + 1, patients)
        }
        return Summary(patients: patients, sessions: sessions, seconds: Date().timeIntervalSince(started))
    }
}
