import CareModel
import Foundation
import ICalendar
import Testing

/// An address-protected patient is never named in a feed, and never has one.
@Suite struct ProtectedPatientFeedTests {
    @Test func aProtectedPatientsSessionKeepsItsSlotInStaffFeedsButSaysNothingOfThem() throws {
        var composer = FeedComposerTests.composer
        composer.protectedPatients = ["P-9XH4"]
        let sessions = [
            FeedComposerTests.session("a", start: Paris.at("2026-12-01", 14)),
            FeedComposerTests.session(
                "b", step: "intake", occurrence: 1, start: Paris.at("2026-12-02", 9),
                patient: "P-9XH4"),
        ]
        for audience in [FeedAudience.clinician(FeedComposerTests.roux), .room(FeedComposerTests.salle)] {
            let feed = try composer.feed(for: audience, sessions: sessions, now: FeedComposerTests.now)
            #expect(feed.events.map(\.summary) == ["TF-CBT session 3/10 · P-7KQ2", FeedComposer.protectedTitle])
            #expect(feed.events.last?.categories == [])
            #expect(feed.events.last?.location == "Bureau 201")
            let text = try CalendarExporter.ics(feed)
            #expect(!text.contains("P-9XH4") && !text.contains("Intake"))
        }
    }

    @Test func aProtectedPatientGetsNoFeedOfTheirOwnEvenWithConsent() throws {
        let patient = Patient(
            code: "P-9XH4", birthDate: Paris.day("1988-01-01"), category: .domesticViolence,
            referralSource: .legalAid, referralDate: Paris.day("2026-11-01"), safeChannels: [.calendar],
            addressProtected: true)
        let sessions = [FeedComposerTests.session("a", start: Paris.at("2026-12-01", 14), patient: "P-9XH4")]
        #expect(throws: ICalendarError.patientAddressProtected(patient: "P-9XH4")) {
            try FeedComposerTests.composer.feed(for: .patient(patient), sessions: sessions, now: FeedComposerTests.now)
        }
    }
}
