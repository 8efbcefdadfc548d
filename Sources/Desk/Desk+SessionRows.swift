import Booking
import CareModel
import Foundation
import Store

/// How the administrator's and the front desk's pages list sessions ahead: one place for the day
/// and time as the centre reads them and for the patient masked when her address is protected.
extension Desk.Page {
    /// The form's fields, each cut to ``FormData/maxFieldLength``: what every form handler reads.
    var boundedForm: [String: String] { form.mapValues { String($0.prefix(FormData.maxFieldLength)) } }
}

extension Desk {
    /// "lundi 8 mars 10:00": a session's start on the centre's clock, in the page's language.
    func shownWhen(_ instant: Date, _ language: DeskLanguage) -> String {
        let local = configuration.timeZone.local(instant)
        return "\(DayView.dayLabel(local.date, language)) \(local.time)"
    }

    /// The patient's code, or the protected-session label when her address is protected and the
    /// page's role may not see who she is (`DeskRoute.seesProtected`).
    func shownPatient(_ code: PatientCode, _ page: Page, protected: Set<PatientCode>) -> String {
        protected.contains(code) && !DeskRoute.seesProtected(page.role)
            ? strings.text("protected_session", page.language) : code.rawValue
    }

    /// One session ahead on an administrator's page: its id, day and time, patient and step title.
    func sessionRow(_ a: Appointment, _ page: Page, protected: Set<PatientCode>) -> [String: Any] {
        [
            "id": a.id.rawValue, "when": shownWhen(a.start, page.language),
            "patient": shownPatient(a.patient, page, protected: protected),
            "step": catalog.track(a.track)?.step(a.step)?.title ?? a.step.rawValue,
        ]
    }
}
