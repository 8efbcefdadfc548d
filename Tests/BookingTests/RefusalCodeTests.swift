import CareModel
import Foundation
import Testing

@testable import Booking

/// Booking's refusals carry a stable code and the values they name, for front ends that
/// translate them; the English text the CLI prints is unchanged.
@Suite struct RefusalCodeTests {
    @Test func attendanceBeforeTheSessionIsRefusedWithItsCodeAndValues() throws {
        let centre = try TestCentre()
        try centre.enrol("P-2222", on: "adult-domestic-violence")
        let booking = try centre.service.book(.init(patient: "P-2222", scope: .next), today: TestCentre.today)
        let session = try #require(booking.appointments.first)
        let error = #expect(throws: BookingError.self) {
            _ = try centre.service.attend(session.id, at: Date(timeIntervalSince1970: 1_700_000_000))
        }
        let refused = try #require(error)
        #expect(refused.code == "not-begun-attendance")
        let local = ClinicTimeZone.paris.local(session.start)
        #expect(refused.values == ["id": session.id.rawValue, "when": "\(local.date) \(local.time)"])
        #expect(refused.description.hasSuffix("attendance is recorded once the session has begun"))
        #expect(refused.description.hasPrefix("\(session.id) is on "))
    }

    @Test func everyCaseHasAStableCodeAndPlainTextRefusalsAreOther() {
        #expect(BookingError.notEnrolled("P-2222").code == "not-enrolled")
        #expect(BookingError.notEnrolled("P-2222").values == ["patient": "P-2222"])
        #expect(BookingError.store(.conflict("changed")).code == "changed-meanwhile")
        #expect(
            BookingError.ruleBroken("A-1", ["clinician busy", "room busy"]).values["rules"]
                == "clinician busy; room busy")
        let plain: BookingError = .notApplicable("already held")
        #expect(plain.code == "other" && plain.description == "already held")
        #expect(Set(Refusal.Code.allCases.map(\.rawValue)).count == Refusal.Code.allCases.count)
    }
}
