import Booking

/// One session on the day sheet, as the signed-in user may see it.
struct DayRow {
    var id: String
    var time: String
    var label: PatientLabel
    var step: String
    var room: String
    var status: String
    var statusClass: String
    var booked: Bool
    var canCancel: Bool
    var interpreter: String?
}

/// An interpreter the day needs: when, for whom, in which language, and who is booked (or the
/// catalogue's "missing").
struct InterpreterNeed {
    var time: String
    var patient: String
    var language: String
    var assigned: String
    var missing: Bool
}

/// The day sheet's tables, one per clinician, with their one-click check-in forms, and the list
/// of interpreters needed, written by ``HTMLWriter``: the busiest day of a large centre has
/// hundreds of rows with three buttons each, too many for Mustache's look-ups (the page frame
/// stays in `today.mustache`).
struct CheckInForm {
    let strings: Catalogue
    let language: DeskLanguage
    /// The session's token, in every form (never cached: the rows are written for each request).
    let csrf: String
    let day: String

    /// One `<section>` per clinician (name, table, rows), separated by newlines.
    func groups(_ groups: [(clinician: String, rows: [DayRow])]) -> HTMLFragment {
        let headers = [
            "col_time", "col_patient", "col_step", "col_room", "col_interpreter", "col_status", "col_actions",
        ].map { strings.text($0, language) }
        var html = HTMLWriter(capacity: groups.reduce(0) { $0 + 1_000 + $1.rows.count * 1_200 })
        for (index, group) in groups.enumerated() {
            if index > 0 { html.raw("\n") }
            html.raw("<section>\n<h2>")
            html.text(group.clinician)
            html.raw("</h2>\n<table>\n<thead><tr>")
            for header in headers {
                html.raw("<th scope=\"col\">")
                html.text(header)
                html.raw("</th>")
            }
            html.raw("</tr></thead>\n<tbody>\n")
            rows(group.rows, into: &html)
            html.raw("</tbody>\n</table>\n</section>")
        }
        return html.fragment
    }

    /// The `<li>` of each interpreter needed, on one line.
    func interpreters(_ needs: [InterpreterNeed]) -> HTMLFragment {
        var html = HTMLWriter(capacity: needs.count * 150)
        for need in needs {
            html.raw("<li>")
            html.text(need.time)
            html.raw(" · ")
            html.text(need.patient)
            html.raw(" · ")
            html.text(need.language)
            html.raw(need.missing ? " · <span class=\"overdue\">" : " · <span class=\"\">")
            html.text(need.assigned)
            html.raw("</span></li>")
        }
        return html.fragment
    }

    /// The `<tr>` elements of one clinician's table, each ending with a newline.
    private func rows(_ rows: [DayRow], into html: inout HTMLWriter) {
        let attended = strings.text("checkin_attended", language)
        let absent = strings.text("checkin_absent", language)
        let cancelled = strings.text("checkin_cancelled", language)
        for row in rows {
            html.raw("<tr>\n  <td>")
            html.text(row.time)
            html.raw("</td>\n  <td>")
            html.patient(row.label)
            html.raw("</td>\n  <td>")
            html.text(row.step)
            html.raw("</td>\n  <td>")
            html.text(row.room)
            html.raw("</td>\n  <td>")
            html.text(row.interpreter ?? "")
            html.raw("</td>\n  <td><span class=\"status ")
            html.text(row.statusClass)
            html.raw("\">")
            html.text(row.status)
            html.raw("</span></td>\n  <td>")
            if row.booked {
                html.raw("\n    <form method=\"post\" action=\"/seances/")
                html.text(row.id)
                html.raw("/presence\" class=\"inline\">\n      <input type=\"hidden\" name=\"csrf\" value=\"")
                html.text(csrf)
                html.raw("\">\n      <input type=\"hidden\" name=\"jour\" value=\"")
                html.text(day)
                html.raw("\">\n      ")
                button(&html, "venu", attended, row)
                html.raw("\n      ")
                button(&html, "absent", absent, row)
                html.raw("\n      ")
                if row.canCancel { button(&html, "annule", cancelled, row) }
                html.raw("\n    </form>\n  ")
            }
            html.raw("</td>\n</tr>\n")
        }
    }

    /// One check-in button; its accessible name says whose session it records.
    private func button(_ html: inout HTMLWriter, _ value: StaticString, _ label: String, _ row: DayRow) {
        html.raw("<button type=\"submit\" name=\"etat\" value=\"")
        html.raw(value)
        html.raw("\" aria-label=\"")
        html.text(label)
        html.raw(" : ")
        html.text(row.label.text)
        html.raw(", ")
        html.text(row.time)
        html.raw("\">")
        html.text(label)
        html.raw("</button>")
    }
}

extension HTMLWriter {
    /// A patient's cell content: the code (a link when the role may open the patient), then the
    /// name for those who may see it.
    mutating func patient(_ label: PatientLabel) {
        if let href = label.href {
            raw("<a href=\"")
            text(href)
            raw("\">")
            text(label.text)
            raw("</a>")
        } else {
            text(label.text)
        }
        if let name = label.name {
            raw("<br><span class=\"name\">")
            text(name)
            raw("</span>")
        }
    }
}

extension HTMLWriter {
    /// One row of *Liste d'attente*; `overdue` is the catalogue's word when the intake is late.
    mutating func waitingRow(
        _ entry: BookingService.WaitingPatient, label: PatientLabel, track: String, overdue: String?,
        awaitingGroup: String
    ) {
        raw("<tr>\n  <td>")
        patient(label)
        raw("</td>\n  <td>")
        text(track)
        if entry.awaitingGroup {
            raw(" <span class=\"note\">(")
            text(awaitingGroup)
            raw(")</span>")
        }
        raw("</td>\n  <td>")
        text(entry.referred.iso)
        raw("</td>\n  <td>")
        number(entry.waitingDays)
        raw("</td>\n  <td>")
        if let overdue {
            raw("<span class=\"overdue\">")
            text(entry.deadline?.iso ?? "")
            raw(" · ")
            text(overdue)
            raw("</span>")
        } else {
            text(entry.deadline?.iso ?? "")
        }
        raw("</td>\n</tr>\n")
    }
}

extension HTMLWriter {
    /// One row of a patient's sessions; `links` (move, cancel) when the role may change
    /// bookings, shown on the sessions still `changeable`.
    mutating func sessionRow(
        day: String, time: String, step: String, status: String, statusClass: String, ahead: Bool, id: String,
        links: (move: String, cancel: String)?, changeable: Bool
    ) {
        raw(ahead ? "<tr class=\"ahead\"><td>" : "<tr><td>")
        text(day)
        raw("</td><td>")
        text(time)
        raw("</td><td>")
        text(step)
        raw("</td><td><span class=\"status ")
        text(statusClass)
        raw("\">")
        text(status)
        raw("</span></td>")
        if let links {
            raw("<td>")
            if changeable {
                link(id, "/deplacement\">", links.move, day: day, time: time)
                raw(" · ")
                link(id, "/annulation\">", links.cancel, day: day, time: time)
            }
            raw("</td>")
        }
        raw("</tr>")
    }

    /// A session's action link, with the day and time for screen readers.
    private mutating func link(_ id: String, _ action: StaticString, _ label: String, day: String, time: String) {
        raw("<a href=\"/seances/")
        text(id)
        raw(action)
        text(label)
        raw("<span class=\"visually-hidden\"> ")
        text(day)
        raw(" ")
        text(time)
        raw("</span></a>")
    }
}
