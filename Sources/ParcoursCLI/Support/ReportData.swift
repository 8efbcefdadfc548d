import CareModel
import Foundation
import PathwayEngine
import Reports
import Store

extension TrackFacts {
    /// What the reports need of a track: its first assessment is the intake, its last one the
    /// closing, its therapy and group steps the therapy. Nil for a track without two assessments.
    init?(_ track: Track) {
        let assessments = track.steps.filter { $0.kind == .assessment }
        guard let intake = assessments.first, let closing = assessments.last, intake.id != closing.id else { return nil }
        let therapy = track.steps.filter { $0.kind == .therapy || $0.kind == .groupSession }.map(\.id)
        self.init(id: track.id, modality: track.modality, budget: track.budget.sessions, intake: intake.id,
                  therapy: Set(therapy), closing: closing.id)
    }
}

extension ReportInput {
    /// Every record the reports read, from the store, with the tracks of `catalog`.
    static func load(store: ParcoursStore, catalog: TrackCatalog) throws -> ReportInput {
        ReportInput(
            patients: try store.patients(), enrolments: try store.allEnrolments(), appointments: try store.allAppointments(),
            measures: try store.measures(), tracks: catalog.tracks.compactMap(TrackFacts.init))
    }
}
