import Foundation
import Testing

@testable import ParcoursCLI

/// An address-protected patient never appears, by code or detail, in any export, feed or report
/// detail; forgetting erases identity but keeps the figures.
@Suite struct PrivacyCLITests {
    @Test func aProtectedPatientIsInNoFeedAgendaWaitlistGroupOrReportExport() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral("--address-protected", "--safe-channels", "calendar")
        #expect(!ids.isEmpty)

        let own = await ws.run("export", "--patient", code)
        #expect(own.status == 3 && own.errors.contains("address-protected"), "\(own.errors)")
        let feeds = ws.directory.appendingPathComponent("feeds").path
        #expect(await ws.run("export", "--all", "-o", feeds).status == 0)
        let texts = try FileManager.default.contentsOfDirectory(atPath: feeds)
            .map { try String(contentsOfFile: feeds + "/" + $0, encoding: .utf8) }
        #expect(texts.allSatisfy { !$0.contains(code) })
        #expect(texts.contains { $0.contains("Séance réservée") })

        let agenda = await ws.run("agenda", "--week", "2026-W49", "--format", "json")
        #expect(!agenda.output.contains(code))
        let booked = await ws.run("book", code, "--dry-run", "--next", "--format", "json")
        #expect(!booked.output.contains(code))
        let weeks = ["2026-W49", "2026-W50", "2026-W51", "2027-W01", "2027-W02"]
        var redacted = 0
        for week in weeks {
            let rows = try jsonRows(await ws.run("agenda", "--week", week, "--format", "json").output)
            redacted +=
                rows.filter {
                    ids.contains($0["id"] as? String ?? "") && $0["patient"] as? String == "protected"
                        && $0["track"] as? String == "protected"
                }.count
        }
        #expect(redacted > 0, "the protected patient's sessions keep their slot, unnamed")

        let waiting = try await ws.bookedReferral("--address-protected")
        for id in waiting.appointments {
            _ = await ws.run("cancel", id, "--by", "centre", "--reason", "replanning")
        }
        let waitlistTable = await ws.run("waitlist")
        #expect(waitlistTable.output.contains(waiting.code), "the secretary's screen keeps the code to book with")
        #expect(!(await ws.run("waitlist", "--format", "json")).output.contains(waiting.code))

        let group = await ws.run("group", "create", "adult-trauma-group", "--start", "2027-01-05")
        let groupID = try #require(group.output.split(separator: " ").first { $0.hasPrefix("G-") }.map(String.init))
        let trauma = await ws.run(
            "patient", "add", "--birth", "1985-01-01", "--category", "exposed-professional",
            "--source", "self-referral", "--address-protected")
        let member = try #require(trauma.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(await ws.run("enrol", member, "adult-trauma-group").status == 0)
        let joined = await ws.run("group", "add", groupID, member)
        #expect(joined.status == 0, "\(joined.errors)")
        let groups = await ws.run("group", "list", "--format", "json")
        #expect(!groups.output.contains(member) && groups.output.contains("protected"), "\(groups.output)")

        for format in ["csv", "json", "html", "table"] {
            let report = await ws.run("report", "completion", "--format", format, "--by", "clinician")
            #expect(report.status == 0)
            #expect(!report.output.contains(code) && !report.output.contains(waiting.code))
        }
    }

    @Test func patientListShowsProtectedInsteadOfTheNameUnlessAskedAndThatAccessIsAudited() async throws {
        let ws = try await Workspace.demoCentre()
        let add = await ws.run(
            "patient", "add", "--birth", "1990-05-05", "--category", "domestic-violence",
            "--source", "legal-aid", "--given-name", "Léa", "--family-name", "Vasseur", "--address-protected")
        let code = try #require(add.output.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        let listed = await ws.run("patient", "list", "--identity")
        let line = try #require(listed.output.split(separator: "\n").first { $0.hasPrefix(code) })
        #expect(line.contains("protected") && !listed.output.contains("Vasseur"))
        #expect(!(await ws.run("patient", "show", code, "--identity")).output.contains("Vasseur"))
        #expect(!(await ws.run("patient", "list", "--identity", "--format", "json")).output.contains("Vasseur"))
        #expect(try jsonRows(await ws.run("audit", "--patient", code, "--format", "json").output).count == 1)

        let shown = await ws.run("patient", "list", "--identity", "--show-protected")
        #expect(shown.output.contains("Léa Vasseur"))
        #expect(await ws.run("patient", "show", code, "--identity", "--show-protected").output.contains("Vasseur"))
        let audit = try jsonRows(await ws.run("audit", "--patient", code, "--format", "json").output)
        #expect(
            audit.compactMap { $0["action"] as? String } == [
                "add-patient", "show-protected-identity", "show-protected-identity",
            ])

        #expect(await ws.run("patient", "protect", code, "--off", "--reason", "order lifted").status == 0)
        #expect(await ws.run("patient", "list", "--identity").output.contains("Léa Vasseur"))
        #expect(await ws.run("patient", "protect", code, "--off").status == 3)
    }

    @Test func forgetErasesIdentityKeepsSessionsAndAuditsWithoutTheErasedValues() async throws {
        let ws = try await Workspace.demoCentre()
        let (code, ids) = try await ws.bookedReferral(
            "--given-name", "Yasmine", "--family-name", "Haddad",
            "--phone", "06 98 76 54 32", "--safe-channels", "sms")
        #expect(await ws.run("patient", "show", code, "--identity").output.contains("Haddad"))
        let forget = await ws.run("patient", "forget", code, "--reason", "letter of 2026-11-20")
        #expect(forget.status == 0, "\(forget.errors)")
        #expect(forget.output.contains("family_name") && !forget.output.contains("Haddad"))
        let shown = await ws.run("patient", "show", code, "--identity")
        #expect(shown.output.contains("identity erased") && !shown.output.contains("Haddad"))
        #expect(shown.output.contains("none (do not contact)"))
        #expect(
            try jsonRows(
                await ws.run("agenda", "--week", "2026-W49", "--patient", code, "--all", "--format", "json").output
            ).count
                <= ids.count)
        let audit = await ws.run("audit", "--patient", code, "--format", "json", "--details")
        #expect(
            !audit.output.contains("Haddad") && !audit.output.contains("Yasmine") && !audit.output.contains("98 76"))
        let rows = try jsonRows(audit.output)
        let forgotten = try #require(rows.last)
        #expect(forgotten["action"] as? String == "forget-patient" && forgotten["actor"] as? String == "test")
        #expect(
            (forgotten["before"] as? [String: Any])?["erased"] as? [String] == [
                "family_name", "given_name", "phone", "safe_channels",
            ])

        let again = await ws.run("patient", "identity", code, "--family-name", "Haddad")
        #expect(again.status == 3 && again.errors.contains("--after-forget"), "\(again.errors)")
        #expect(await ws.run("patient", "identity", code, "--family-name", "Haddad", "--after-forget").status == 0)
        #expect(await ws.run("patient", "forget", code, "--reason", "twice").status == 0)
    }
}
