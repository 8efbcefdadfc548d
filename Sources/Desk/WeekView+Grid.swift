/// One session (or one group meeting) in a cell of the agenda's week grid.
struct AgendaEntry {
    var time: String
    var patient: String
    var step: String
    var status: String
    var statusClass: String
    /// The session's (or group's) page, when the role may open it.
    var href: String?
    var name: String?
    /// The room seen from a clinician's week, the clinicians seen from a room's.
    var place = ""
    var interpreter: String?
}

/// The agenda's grid rows, hours down and the seven days across, written by ``HTMLWriter``
/// (a busy week holds dozens of entries; the headings and the page stay in `agenda.mustache`).
struct AgendaGrid {
    /// The catalogue's "Interprète" in the page's language.
    let interpreterLabel: String

    /// The `<tr>` of each hour in `hours`, each ending with a newline; `cells[hour][column]`.
    func rows(_ hours: ClosedRange<Int>, _ cells: [Int: [Int: [AgendaEntry]]]) -> HTMLFragment {
        var html = HTMLWriter(capacity: 2_048 + cells.count * 2_000)
        for hour in hours {
            html.raw("<tr><th scope=\"row\">")
            if hour < 10 { html.raw("0") }
            html.number(hour)
            html.raw(":00</th>")
            for column in 0..<7 {
                html.raw("<td>")
                for entry in cells[hour]?[column] ?? [] { write(entry, into: &html) }
                html.raw("</td>")
            }
            html.raw("</tr>\n")
        }
        return html.fragment
    }

    private func write(_ entry: AgendaEntry, into html: inout HTMLWriter) {
        html.raw("<div class=\"slot ")
        html.text(entry.statusClass)
        html.raw("\">\n  <span class=\"time\">")
        html.text(entry.time)
        html.raw("</span>\n  ")
        if let href = entry.href {
            html.raw("<a href=\"")
            html.text(href)
            html.raw("\">")
            html.text(entry.patient)
            html.raw("</a>")
        } else {
            html.text(entry.patient)
        }
        if let name = entry.name {
            html.raw(" <span class=\"name\">")
            html.text(name)
            html.raw("</span>")
        }
        // The step and the place each follow a line break, even when empty (a masked session).
        html.raw("\n  <br>")
        html.text(entry.step)
        html.raw("<br>")
        html.text(entry.place)
        html.raw("\n  ")
        if let interpreter = entry.interpreter {
            html.raw("<br><span class=\"interp\">")
            html.text(interpreterLabel)
            html.raw(" : ")
            html.text(interpreter)
            html.raw("</span>")
        }
        html.raw("\n  <br><span class=\"status ")
        html.text(entry.statusClass)
        html.raw("\">")
        html.text(entry.status)
        html.raw("</span>\n</div>")
    }
}
