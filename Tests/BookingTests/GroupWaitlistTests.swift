import CareModel
import Foundation
import Store
import Testing

@testable import Booking

/// A booked group's members are in care, not on the waiting list.
@Suite struct GroupWaitlistTests {
    /// Six members whose intakes are held, then their group booked; a seventh with an intake held
    /// and no group yet.
    @Test func aBookedGroupsMembersLeaveTheWaitingListAndAPatientWithoutAGroupStillAwaitsOne() throws {
        let centre = try TestCentre()
        let members: [PatientCode] = ["P-2222", "P-3333", "P-4444", "P-5555", "P-6666", "P-7777"]
        for code in members + ["P-8888"] {
            try centre.enrol(code.rawValue, on: "adult-trauma-group", category: .accidentDisaster)
            for session in try centre.service.book(.init(patient: code), today: TestCentre.today).appointments {
                _ = try centre.service.attend(session.id, at: session.end)
            }
        }
        let before = try centre.service.waitlist(today: TestCentre.today)
        #expect(Set(before.filter(\.awaitingGroup).map(\.patient)) == Set(members + ["P-8888"]))

        let group = try centre.service.createGroup(track: "adult-trauma-group", start: TestCentre.today)
        for code in members { _ = try centre.service.addToGroup(group.id, patient: code) }
        let result = try centre.service.bookGroup(group.id, today: TestCentre.today)
        #expect(Set(result.appointments.map(\.patient)) == Set(members))

        let after = try centre.service.waitlist(today: TestCentre.today)
        #expect(after.map(\.patient) == ["P-8888"])
        #expect(after.first?.awaitingGroup == true)
    }
}
