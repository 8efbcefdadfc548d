import Booking
import CareModel
import Foundation
import Scheduler
import Store

/// Sessions as a secretary reads them: local day with its weekday, time, who, where.
enum SessionTable {
    static let zone = ClinicTimeZone.paris

    static func render(
        _ appointments: [Appointment], late: Set<AppointmentID> = [], showPatient: Bool = true
    ) -> TextTable {
        var table =
            showPatient
            ? TextTable("ID", "DAY", "TIME", "PATIENT", "STEP", "CLINICIAN", "ROOM", "INTERPRETER", "STATUS")
            : TextTable("ID", "DAY", "TIME", "STEP", "CLINICIAN", "ROOM", "INTERPRETER", "STATUS")
        // Patient before id: ids are random, so a tie on the id alone would shuffle a group's
        // sessions (same time) from one database to another built from the same data.
        for a in appointments.sorted(by: {
            ($0.start, $0.patient.rawValue, $0.id) < ($1.start, $1.patient.rawValue, $1.id)
        }) {
            var cells = [a.id.rawValue, Shown.day(a.start), Shown.hours(a.start, a.end)]
            if showPatient { cells.append(a.patient.rawValue) }
            cells += [
                "\(a.step) \(a.occurrence)", a.clinicians.map(\.rawValue).joined(separator: "+"),
                a.room?.rawValue ?? "-", a.interpreter?.rawValue ?? "-",
                a.status.rawValue + (late.contains(a.id) ? " " + Style.alert("(LATE)") : ""),
            ]
            table.add(row: cells)
        }
        return table
    }

    /// JSON rows for `--format json`: local and UTC times both, so scripts need no zone rules.
    struct Row: Encodable {
        let id: String, occurrence: Int
        var patient: String, track: String, step: String
        let localDate: String, localStart: String, localEnd: String, start: Date, end: Date
        let clinicians: [String], room: String?, interpreter: String?, status: String
        var cohort: String?
        init(_ a: Appointment) {
            id = a.id.rawValue
            patient = a.patient.rawValue
            track = a.track.rawValue
            step = a.step.rawValue
            occurrence = a.occurrence
            localDate = zone.local(a.start).date.iso
            localStart = zone.local(a.start).time.description
            localEnd = zone.local(a.end).time.description
            start = a.start
            end = a.end
            clinicians = a.clinicians.map(\.rawValue)
            room = a.room?.rawValue
            interpreter = a.interpreter?.rawValue
            status = a.status.rawValue
            cohort = a.cohort
        }

        /// The row of an export: an address-protected patient's session keeps its time and
        /// resources (the slot is taken) but says nothing of who, or which track or step.
        init(_ a: Appointment, protected: Set<PatientCode>) {
            self.init(a)
            if protected.contains(a.patient) {
                patient = SessionTable.protectedLabel
                track = SessionTable.protectedLabel
                step = SessionTable.protectedLabel
                cohort = nil
            }
        }
    }

    /// Prints `appointments` as `--format json` rows, address-protected patients masked.
    static func emitJSON(_ appointments: [Appointment], store: ParcoursStore) throws {
        let protected = try store.protectedPatientCodes()
        say(try renderJSON(appointments.map { Row($0, protected: protected) }))
    }

    /// What exports show in place of an address-protected patient's code and details.
    static let protectedLabel = "protected"
}

/// Wraps a `BookingError` with the CLI's exit codes.
extension BookingError: CommandFailure {
    /// Booking says what went wrong; the CLI adds the command to run next.
    var message: String {
        switch self {
        case .patientNotFound: description + "; check the code (parcours patient list)"
        case .appointmentNotFound: description + "; check the id (parcours agenda)"
        case let .notEnrolled(code): description + "; enrol first (parcours enrol \(code) TRACK)"
        case let .unknownTrack(id): description + "; restore Pathways/\(id).yaml or pass --pathways"
        case let .ruleBroken(id, rules):
            "\(id) cannot go there: " + rules.joined(separator: "; ")
                + ". Choose another time (parcours move \(id) --auto), or, for a clinical reason, --force --reason TEXT"
        case let .seriesRuleBroken(id, rules):
            "the rest of the series from \(id) cannot move there: " + rules.joined(separator: "; ")
                + ". Choose another time, or replan the rest (parcours move \(id) --auto --rest-of-series)"
        case let .store(error): error.message
        default: description
        }
    }
    var exitCode: Int32 {
        switch self {
        case .patientNotFound, .appointmentNotFound, .unknownTrack: ExitStatus.notFound
        case .notEnrolled, .nothingToBook, .noSlot, .notApplicable, .ruleBroken, .seriesRuleBroken: ExitStatus.refused
        case let .store(error): error.exitCode
        }
    }
}
