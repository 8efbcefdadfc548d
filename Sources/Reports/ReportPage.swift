/// The frame every HTML report shares: one self-contained page, inline CSS, no script, no
/// network, so it opens from a USB stick or an email and prints on A4 as it looks on screen.
enum ReportPage {
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;color:#222;margin:2em;max-width:1200px}
        h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.5em 0 .3em}.meta{color:#555}
        .charts{display:flex;flex-wrap:wrap;gap:2em}figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}
        table{border-collapse:collapse;font-size:12px;margin-top:1em}
        th,td{border:1px solid #bbb;padding:3px 6px;text-align:right}th{background:#eef;vertical-align:bottom}
        td:first-child,th:first-child{text-align:left}tr.total td{font-weight:600;background:#f4f4f4}
        svg text{font:12px system-ui,sans-serif;fill:#222}svg text.light{fill:#fff}
        @media print{body{margin:1cm;font-size:11px;max-width:none}table{font-size:9px}
        figure,table,section{page-break-inside:avoid}h2{page-break-after:avoid}}
        </style></head>
        <body>
        \(body)</body></html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A plain table: header cells then rows of cells, every cell escaped.
    static func table(_ header: [String], _ rows: [[String]], className: String? = nil) -> String {
        var html = className.map { "<table class=\"\($0)\">\n" } ?? "<table>\n"
        html += "<thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
        return html + "</tbody></table>\n"
    }
}
