import CareModel
import Foundation
import Hummingbird
import Store

extension Desk {
    /// *Agenda*: a week grid for one clinician or one room (`voir=c:C-ROUX` or `voir=s:R-1`,
    /// `semaine=` any day of the week). Secretaries and coordinators choose whose week; a
    /// clinician sees their own only, and asking for anyone else's answers 403. Names show to
    /// secretaries only; an address-protected patient is masked for everyone else.
    func agenda(_ page: Page) throws -> Response {
        var errors: [String: String] = [:]
        let typedWeek = page.query["semaine"] ?? ""
        let typedSubject = page.query["voir"] ?? ""
        var day = configuration.timeZone.today(at: now())
        if !typedWeek.isEmpty {
            if typedWeek.count == 10, let parsed = LocalDate(parsing: typedWeek) {
                day = parsed
            } else {
                errors["semaine"] = strings.text("agenda_bad_week", page.language)
            }
        }
        let names = try store.resourceNames()
        let clinicians = names.clinicians.map { (id: $0.key, name: $0.value) }
            .sorted { ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue) }
        let rooms = names.rooms.map { (id: $0.key, name: $0.value) }
            .sorted { ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue) }
        var subject: AgendaSubject?
        if page.role == .clinician {
            guard let me = page.session.user.clinician, typedSubject.isEmpty || typedSubject == "c:\(me.rawValue)"
            else {
                throw DeskPageError(status: .forbidden, titleKey: "forbidden_title", textKey: "forbidden_text")
            }
            subject = .clinician(me)
        } else if typedSubject.isEmpty {
            subject = clinicians.first.map { .clinician($0.id) } ?? rooms.first.map { .room($0.id) }
        } else if typedSubject.hasPrefix("c:"), clinicians.contains(where: { "c:\($0.id.rawValue)" == typedSubject }) {
            subject = .clinician(ClinicianID(String(typedSubject.dropFirst(2))))
        } else if typedSubject.hasPrefix("s:"), rooms.contains(where: { "s:\($0.id.rawValue)" == typedSubject }) {
            subject = .room(RoomID(String(typedSubject.dropFirst(2))))
        } else {
            errors["voir"] = strings.text("agenda_bad_subject", page.language)
        }
        let chosen: String =
            switch subject {
            case .clinician(let id): "c:\(id.rawValue)"
            case .room(let id): "s:\(id.rawValue)"
            case nil: typedSubject
            }
        var context: [String: Any] = [
            "chooser": page.role != .clinician,
            "clinicians": clinicians.map {
                ["value": "c:\($0.id.rawValue)", "label": $0.name, "selected": "c:\($0.id.rawValue)" == chosen]
                    as [String: Any]
            },
            "rooms": rooms.map {
                ["value": "s:\($0.id.rawValue)", "label": $0.name, "selected": "s:\($0.id.rawValue)" == chosen]
                    as [String: Any]
            },
            "typedWeek": errors["semaine"] == nil ? WeekView.monday(of: day).iso : String(typedWeek.prefix(40)),
            "weekError": errors["semaine"] as Any, "subjectError": errors["voir"] as Any,
            "subject": FormData.escape(chosen),
        ]
        var heading = strings.text("agenda_title", page.language)
        if errors.isEmpty, let subject {
            let me = page.session.user.clinician
            let week = try WeekView(
                store: store, catalog: catalog, strings: strings, language: page.language, zone: configuration.timeZone
            ).context(monday: WeekView.monday(of: day), subject: subject, role: page.role) { appointment in
                switch page.role {
                case .secretary: true
                case .clinician: me.map { appointment.clinicians.contains($0) } ?? false
                default: false
                }
            }
            context["week"] = week
            let name: String =
                switch subject {
                case .clinician(let id): clinicians.first { $0.id == id }?.name ?? id.rawValue
                case .room(let id): rooms.first { $0.id == id }?.name ?? id.rawValue
                }
            context["whose"] = name
            heading += " · \(name)"
        }
        return render(
            "agenda", context, page.language, session: page.session,
            status: errors.isEmpty ? .ok : .unprocessableContent, title: heading)
    }
}
