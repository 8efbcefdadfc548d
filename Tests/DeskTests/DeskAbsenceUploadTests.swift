import CareModel
import Desk
import Foundation
import Hummingbird
import Testing

/// *Absences*: a clinician's leave sent as an `.ics` file (`multipart/form-data`), read by the
/// same import as the pasted text; a bad, empty or oversized file is refused with a clear error.
@Suite struct DeskAbsenceUploadTests {
    /// A `multipart/form-data` body as a browser sends it: text fields, then the file.
    static func multipart(
        _ fields: [(String, String)], file: (name: String, content: String)?, boundary: String
    )
        -> String
    {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let file {
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; filename=\"\(file.name)\"; name=\"ics-fichier\"\r\n"
                + "Content-Type: text/calendar\r\n\r\n\(file.content)\r\n"
        }
        return body + "--\(boundary)--\r\n"
    }

    static func upload(
        _ browser: Browser, _ fields: [(String, String)], file: (name: String, content: String)?
    )
        async throws -> Page
    {
        let boundary = "----ParcoursTestBoundary7MA4YWxk"
        return try await browser.send(
            "/absences/import", method: .post, body: multipart(fields, file: file, boundary: boundary),
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)"])
    }

    @Test func anUploadedLeaveFileBecomesAbsencesAsThePastedTextDoes() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let form = try await marie.get("/absences?clinicien=C-ROUX")
            #expect(form.body.contains(#"enctype="multipart/form-data""#))
            #expect(form.body.contains(#"<label for="ics-fichier">Ou envoyer le fichier .ics</label>"#))
            let csrf = try #require(form.csrf)
            let done = try await Self.upload(
                marie, [("csrf", csrf), ("clinicien", "C-ROUX")],
                file: ("conges.ics", DeskAbsencesTests.leave))
            #expect(done.location == "/absences?clinicien=C-ROUX&ajoutees=3&deplacees=0")
            #expect(try fixture.store.absences(clinician: "C-ROUX").count == 3)
            #expect(try fixture.store.auditEntries().last?.actor == "marie")
        }
    }

    @Test func aFileThatDoesNotReadOrIsEmptyIsRefusedUnderTheFileField() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let html = try await Self.upload(
                marie, [("csrf", csrf), ("clinicien", "C-ROUX")], file: ("conges.ics", "<html><body>no</body></html>"))
            #expect(html.status == .unprocessableContent)
            #expect(html.body.contains(#"<p id="ics-fichier-erreur" class="error">Ce calendrier ne se lit pas"#))
            let empty = try await Self.upload(marie, [("csrf", csrf), ("clinicien", "C-ROUX")], file: ("vide.ics", ""))
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("Choisissez un fichier .ics non vide."))
            #expect(try fixture.store.absences().isEmpty)
        }
    }

    /// The reason a calendar does not read is said in French from the catalogue, with the line
    /// to look at; ICalendar's English (the CLI's words) never reaches the page.
    @Test func whyACalendarDoesNotReadIsSaidInFrenchWithItsLine() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let html = try await Self.upload(
                marie, [("csrf", csrf), ("clinicien", "C-ROUX")], file: ("conges.ics", "<html><body>no</body></html>"))
            #expect(html.body.contains("Ligne 1 : c&#39;est une page web (HTML), pas un calendrier"))
            #expect(!html.body.contains("this is a web page"))
            let open = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
            let cut = try await Self.upload(
                marie, [("csrf", csrf), ("clinicien", "C-ROUX")], file: ("coupe.ics", open))
            #expect(cut.status == .unprocessableContent)
            #expect(cut.body.contains("la structure du fichier est rompue"))
            #expect(!cut.body.contains("is never closed"))
            #expect(try fixture.store.absences().isEmpty)
        }
    }

    @Test func anOversizedMalformedOrTokenlessUploadChangesNothing() async throws {
        try await DeskFixture.withDesk { fixture, client in
            let marie = Browser(client)
            try await marie.signIn("marie")
            let csrf = try await marie.csrf()
            let big = String(repeating: "X-PADDING:0123456789012345678901234567890123456789\r\n", count: 1_400)
            let tooLarge = try await Self.upload(
                marie, [("csrf", csrf), ("clinicien", "C-ROUX")], file: ("grand.ics", big))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.body.contains("dépasse la taille permise"))
            let noToken = try await Self.upload(
                marie, [("clinicien", "C-ROUX")], file: ("conges.ics", DeskAbsencesTests.leave))
            #expect(noToken.status == .forbidden)
            let broken = try await marie.send(
                "/absences/import", method: .post, body: "--b\r\nno headers here--b--\r\n",
                headers: [.contentType: "multipart/form-data; boundary=b"])
            #expect(broken.status == .badRequest)
            #expect(try fixture.store.absences().isEmpty)
            let claire = Browser(client, address: "192.0.2.40")
            try await claire.signIn("claire")
            let other = try await Self.upload(
                claire, [("csrf", try await claire.csrf()), ("clinicien", "C-ROUX")],
                file: ("conges.ics", DeskAbsencesTests.leave))
            #expect(other.status == .forbidden)
            #expect(try fixture.store.absences().isEmpty)
        }
    }
}
