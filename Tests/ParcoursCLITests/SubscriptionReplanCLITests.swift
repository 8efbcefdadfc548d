import CareModel
import Foundation
import Hummingbird
import Store
import Testing

@testable import ParcoursCLI

/// `parcours calendar refresh [--replan]` and `calendar subscribe --replan` against a calendar
/// served on loopback by this process: the sessions a clinician's own calendar makes them miss are
/// listed, then moved by the replanning `clinician absence add --replan` uses.
@Suite struct SubscriptionReplanCLITests {
    /// Serves `body` at /busy.ics on a free loopback port (ETag "v1", so a second read is a 304).
    func withCalendar(_ body: String, _ run: (String) async throws -> Void) async throws {
        let router = Router()
        router.get("/busy.ics") { request, _ -> Response in
            if request.headers[.ifNoneMatch] == "\"v1\"" { return Response(status: .notModified) }
            return Response(
                status: .ok, headers: [.eTag: "\"v1\"", .contentType: "text/calendar"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { listening.yield($0.localAddress?.port ?? 0) })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await run("http://127.0.0.1:\(port)/busy.ics")
    }

    /// One busy event covering `session`, in UTC as Google writes it.
    static func busy(over session: Appointment) -> String {
        func utc(_ date: Date) -> String {
            date.formatted(.iso8601).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        }
        return [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "BEGIN:VEVENT",
            "UID:dentist@google.com", "DTSTART:\(utc(session.start))",
            "DTEND:\(utc(session.end))", "SUMMARY:Dentiste", "END:VEVENT", "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n"
    }

    @Test func aRefreshListsTheSessionABusyTimeHitsAndRefreshReplanMovesIt() async throws {
        let ws = try await Workspace.demoCentre()
        let (_, ids) = try await ws.bookedReferral()
        let id = try #require(ids.dropFirst().first)
        let session = try #require(try ParcoursStore.open(at: ws.db).appointment(AppointmentID(id)))
        let clinician = try #require(session.clinicians.first)
        try await withCalendar(Self.busy(over: session)) { url in
            let added = await ws.run("calendar", "subscribe", "--clinician", clinician.rawValue, "--url", url)
            #expect(added.status == 0, "\(added.errors)")
            #expect(await ws.run("calendar", "subscriptions").output.contains("listed"))

            let listed = await ws.run("calendar", "refresh")
            #expect(listed.status == 0, "\(listed.errors)")
            #expect(listed.output.contains("1 busy time, 1 new."), "\(listed.output)")
            #expect(listed.output.contains("1 session is still booked during this absence"), "\(listed.output)")
            #expect(listed.output.contains(id) && listed.output.contains("parcours calendar refresh --replan"))
            #expect(try ParcoursStore.open(at: ws.db).appointment(AppointmentID(id))?.start == session.start)

            // The calendar is unchanged (a 304), but --replan moves what the earlier read listed.
            let replanned = await ws.run("calendar", "refresh", "--replan")
            #expect(replanned.status == 0, "\(replanned.errors)")
            #expect(replanned.output.contains("unchanged since the last read"), "\(replanned.output)")
            #expect(replanned.output.contains("Moved 1 session out of the absence"), "\(replanned.output)")
            let moved = try #require(try ParcoursStore.open(at: ws.db).appointment(AppointmentID(id)))
            #expect(moved.start != session.start)
            #expect(!(moved.start < session.end && session.start < moved.end && moved.clinicians.contains(clinician)))
            let audit = await ws.run("audit", "--patient", session.patient.rawValue)
            #expect(audit.output.contains("busy in the clinician's own calendar"), "\(audit.output)")
        }
    }

    @Test func aSubscriptionMadeWithReplanMovesTheSessionsAtEachRead() async throws {
        let ws = try await Workspace.demoCentre()
        let (_, ids) = try await ws.bookedReferral()
        let id = try #require(ids.dropFirst().first)
        let session = try #require(try ParcoursStore.open(at: ws.db).appointment(AppointmentID(id)))
        let clinician = try #require(session.clinicians.first)
        try await withCalendar(Self.busy(over: session)) { url in
            let added = await ws.run(
                "calendar", "subscribe", "--clinician", clinician.rawValue, "--url", url, "--replan")
            #expect(added.output.contains("the sessions its busy times fall on are replanned"), "\(added.output)")
            #expect(await ws.run("calendar", "subscriptions").output.contains("replanned"))
            let read = await ws.run("calendar", "refresh")
            #expect(read.output.contains("Moved 1 session out of the absence"), "\(read.output)")
            let now = try ParcoursStore.open(at: ws.db).appointment(AppointmentID(id))
            #expect(now?.start != session.start)

            let off = await ws.run("calendar", "set-replan", "1", "off")
            #expect(off.output.contains("each read now lists the sessions"), "\(off.output)")
            #expect(await ws.run("calendar", "subscriptions").output.contains("listed"))
            #expect(await ws.run("calendar", "set-replan", "1", "sometimes").status == 2)
            #expect(await ws.run("calendar", "set-replan", "7", "on").status == 4)
            let audit = await ws.run("audit", "--format", "json")
            #expect(audit.output.contains("set-subscription-replan"))
        }
    }
}
