import CareModel
import Foundation
import Store
import Testing

@testable import ParcoursCLI

/// `parcours report capacity` on a demo centre, and the demo's group booked after its intakes.
@Suite struct CapacityCLITests {
    @Test func everyFormatShowsTheDemoCliniciansRoomsAndForecasts() async throws {
        let ws = try Workspace()
        #expect(await ws.run("demo", "--patients", "40").status == 0)
        let table = await ws.run("report", "capacity", "--weeks", "4")
        #expect(table.status == 0, "\(table.errors)")
        #expect(table.output.contains("Clinician utilisation") && table.output.contains("2026-W49"))
        #expect(table.output.contains("adult-domestic-violence"))

        let csv = await ws.run("report", "capacity", "--weeks", "2", "--format", "csv")
        let lines = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "kind,id,name,week,monday,booked_hours,available_hours,percent")
        #expect(lines.contains { $0.hasPrefix("clinician,C-MOREAU,Claire Moreau,2026-W48,2026-11-23,") })
        #expect(lines.contains { $0.hasPrefix("room,R-GROUPE,") })

        let json = await ws.run("report", "capacity", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect((object["weeks"] as? [String])?.count == 8)
        let forecasts = try #require(object["first_free_intake"] as? [[String: Any]])
        #expect(forecasts.count == 5)
        // Everyone was just booked by the demo, so a new referral's intake comes after today.
        #expect(forecasts.compactMap { $0["day"] as? String }.allSatisfy { $0 > "2026-11-26" })

        let path = ws.directory.appendingPathComponent("capacity.html").path
        let html = await ws.run("report", "capacity", "--format", "html", "-o", path)
        #expect(html.status == 0 && html.output.contains(path))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("<svg class=\"heatmap\""))
    }

    @Test func badWeeksAreAUsageError() async throws {
        let ws = try Workspace()
        #expect(await ws.run("init").status == 0)
        let zero = await ws.run("report", "capacity", "--weeks", "0")
        #expect(zero.status == 2 && zero.errors.contains("--weeks 0"))
    }

    /// The full demo forms a group: no member's group session comes before their intake, and the
    /// report's "intake to first therapy" is never negative.
    @Test func theDemoGroupStartsAfterEveryMembersIntake() async throws {
        let ws = try Workspace()
        let demo = await ws.run("demo", "--simulate-weeks", "16")
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("Group cohort: G-"))
        let store = try ParcoursStore.open(at: ws.db)
        // Every session, cancelled ones included: the simulation may later cancel an intake that
        // was booked, and held, when the group was booked.
        let sessions = try store.appointments(from: .distantPast, to: .distantFuture)
        let grouped = sessions.filter { $0.cohort != nil }
        #expect(!grouped.isEmpty)
        for session in grouped {
            let intake = try #require(sessions.first { $0.patient == session.patient && $0.step == "intake" })
            #expect(
                intake.end <= session.start,
                "\(session.patient): group on \(session.start) before intake \(intake.start)")
        }
        let json = await ws.run("report", "completion", "--by", "track", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        let group = try #require(groups.first { $0["group"] as? String == "adult-trauma-group" })
        let median =
            (group["intake_to_therapy_median"] as? Double)
            ?? (group["intake_to_therapy_median"] as? Int).map(Double.init)
        #expect(median.map { $0 >= 0 } ?? true)
    }
}
