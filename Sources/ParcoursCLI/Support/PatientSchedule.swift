import CareModel
import Foundation
import Store

/// A patient's whole schedule on their current pathway, for the secretary on the phone: every
/// session held (with what happened) and every one ahead (with its id to move or cancel it).
enum PatientSchedule {
    /// The sessions of `track` for `patient`, in time order, whatever their status.
    static func sessions(_ store: ParcoursStore, patient: PatientCode, track: TrackID?) throws -> [Appointment] {
        guard let track else { return [] }
        return try store.appointments(patient: patient).filter { $0.track == track }
            .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
    }

    /// `schedule` followed by the table, or a line saying there is nothing booked yet.
    static func lines(_ sessions: [Appointment]) -> [String] {
        guard !sessions.isEmpty else { return ["  schedule nothing booked yet"] }
        let held = sessions.filter { !$0.status.isCancelled && $0.status != .booked }.count
        let ahead = sessions.filter { $0.status == .booked }.count
        return ["  schedule \(held) held or missed, \(ahead) ahead, \(sessions.count - held - ahead) cancelled:"]
            + SessionTable.render(sessions, showPatient: false).render().split(separator: "\n").map { "    " + $0 }
    }
}
