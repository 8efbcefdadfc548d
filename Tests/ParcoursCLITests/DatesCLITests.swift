import CareModel
import Foundation
import Testing

@testable import ParcoursCLI

/// Days and times typed in ISO or French form on every option, and shown to people on the
/// centre's wall clock with the weekday.
@Suite struct DatesCLITests {
    static let goodDays: [(String, LocalDate?)] = [
        ("2027-02-03", LocalDate(year: 2027, month: 2, day: 3)),
        ("03/02/2027", LocalDate(year: 2027, month: 2, day: 3)),
        ("3/2/2027", LocalDate(year: 2027, month: 2, day: 3)), ("2028-02-29", LocalDate(year: 2028, month: 2, day: 29)),
    ]
    static let badDays = ["2027-02-30", "29/02/2027", "03-02-2027", "2027/02/03", "03/02/27", "tomorrow", ""]

    @Test func daysParseInISOAndFrenchForm() throws {
        for (text, expected) in Self.goodDays {
            #expect(try Parse.date(text) == #require(expected), "\(text)")
        }
        for text in Self.badDays {
            #expect(throws: ArgumentValueError.self, "\(text)") { try Parse.date(text) }
        }
    }

    @Test func dayAndTimeParseWithColonOrH() throws {
        let cases: [(String, String)] = [
            ("2027-02-03 14:00", "2027-02-03 14:00"), ("03/02/2027 14h", "2027-02-03 14:00"),
            ("03/02/2027 14h30", "2027-02-03 14:30"), ("2027-02-03T9:05", "2027-02-03 09:05"),
            ("3/2/2027 14H30", "2027-02-03 14:30"), ("28/03/2027 03h00", "2027-03-28 03:00"),
        ]
        for (text, expected) in cases {
            let value = try Parse.dateTime(text)
            #expect("\(value.date) \(value.time)" == expected, "\(text)")
            let moment = try Parse.moment(text)
            #expect("\(moment.day) \(moment.time.map(\.description) ?? "-")" == expected, "\(text)")
        }
        #expect(try Parse.moment("02/12/2026").time == nil)
        for text in [
            "2027-02-03", "2027-02-03 14", "2027-02-03 25:00", "2027-02-03 14h3", "14:00 2027-02-03",
            "28/03/2027 02h30",
        ] {
            #expect(throws: ArgumentValueError.self, "\(text)") { try Parse.dateTime(text) }
        }
        #expect(try Parse.week("2027-W05") == #require(LocalDate(year: 2027, month: 2, day: 1)))
        #expect(try Parse.week("03/02/2027") == #require(LocalDate(year: 2027, month: 2, day: 1)))
    }

    @Test func aBadDayOrTimeNamesTheOptionAndTheFormsAndExits2() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let before = try ws.contents()
        let cases: [(args: [String], names: String, expects: String)] = [
            (["agenda", "--day", "31/02/2027"], "--day", "26/11/2026"),
            (["agenda", "--week", "2027-W60"], "--week", "2027-W05"),
            (["closed", "list", "--from", "2027-13-01"], "--from", "2026-11-26"),
            (["closed", "add", "2027.05.07"], "<date>", "26/11/2026"),
            (["audit", "--since", "yesterday"], "--since", "26/11/2026"),
            (
                ["patient", "add", "--birth", "12-03-1988", "--category", "migrant", "--source", "ngo"], "--birth",
                "26/11/2026"
            ),
            (["move", "A-0000", "--to", "2027-02-03"], "--to", "03/02/2027 14h"),
            (["move", "A-0000", "--to", "28/03/2027 02h30"], "--to", "does not exist"),
            (["clinician", "absence", "add", "C-ROUX", "2027-02-03 14h", "soon"], "<to>", "02/12/2026 13h30"),
            (["book", "P-7KQ2", "--from", "lundi"], "--from", "26/11/2026"),
        ]
        for c in cases {
            let result = await ws.run(arguments: c.args)
            #expect(result.status == 2, "\(c.args): \(result.status) \(result.errors)")
            #expect(result.errors.contains(c.names) && result.errors.contains(c.expects), "\(c.args): \(result.errors)")
        }
        #expect(try ws.contents() == before, "bad input changed the database")
    }

    @Test func frenchDaysWorkOnCommandsAndConfirmationsShowTheWeekday() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let closed = await ws.run("closed", "add", "07/05/2027", "--label", "Pont")
        #expect(closed.output.contains("Closed Fri 2027-05-07 (Pont)."), "\(closed.output)")
        let listed = await ws.run("closed", "list", "--from", "01/05/2027")
        #expect(listed.output.contains("Fri 2027-05-07  Pont"), "\(listed.output)")
        let json = try jsonRows(await ws.run("closed", "list", "--format", "json").output)
        #expect(json.first?["date"] as? String == "2027-05-07", "JSON keeps ISO")
    }

    @Test func aBookingConfirmationShowsTheWeekdayAndTheParisHourAcrossTheSpringForward() async throws {
        let ws = try Workspace()
        let today = "2027-03-15"
        #expect(await ws.run(arguments: ["demo", "--patients", "20"], today: today).status == 0)
        let add = await ws.run(
            arguments: [
                "patient", "add", "--birth", "1990-05-05", "--category", "accident-disaster",
                "--source", "hospital-emergency", "--referred", "12/03/2027",
            ], today: today)
        let code = try #require(add.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(await ws.run(arguments: ["enrol", code, "adult-accident-disaster-emdr"], today: today).status == 0)
        let booked = await ws.run(arguments: ["book", code], today: today)
        #expect(booked.status == 0, "\(booked.errors)")
        let status = await ws.run(arguments: ["status", code, "--format", "json"], today: today)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        let rows = try #require(report["booked"] as? [[String: Any]])

        var paris = Calendar(identifier: .gregorian)
        paris.timeZone = try #require(TimeZone(identifier: "Europe/Paris"))
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        let iso = ISO8601DateFormatter()
        let summerTime = try #require(iso.date(from: "2027-03-28T01:00:00Z"))
        var before = 0, after = 0
        var first: (start: Date, day: String)?
        for row in rows {
            let id = try #require(row["id"] as? String)
            let startText = try #require(row["start"] as? String)
            #expect(startText.hasSuffix("Z"), "JSON keeps ISO 8601 in UTC: \(startText)")
            let start = try #require(iso.date(from: startText))
            if start < summerTime { before += 1 } else { after += 1 }
            let local = paris.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: start)
            let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][(local.weekday ?? 1) - 1]
            let day = String(format: "%@ %04d-%02d-%02d", weekday, local.year ?? 0, local.month ?? 0, local.day ?? 0)
            let hour = String(format: "%02d:%02d-", local.hour ?? 0, local.minute ?? 0)
            let utcHour = String(
                format: "%02d:%02d-", utc.component(.hour, from: start), utc.component(.minute, from: start))
            if first.map({ start < $0.start }) ?? true { first = (start, day) }
            let line = try #require(
                booked.output.split(separator: "\n").first { $0.hasPrefix(id) }, "\(id) not in\n\(booked.output)")
            #expect(line.contains(day) && line.contains(hour), "\(line) should show \(day) \(hour)")
            #expect(!line.contains(utcHour), "\(line) shows the UTC hour \(utcHour)")
        }
        #expect(before > 0 && after > 0, "the series should straddle 28/03/2027: \(before) before, \(after) after")
        let firstDay = try #require(first?.day)
        #expect(booked.output.contains("first on \(firstDay)"), "\(booked.output)")
    }
}
