import CareModel
import Foundation
import Testing

@testable import PathwayEngine

@Suite("Shipped care tracks in Pathways/")
struct ShippedTracksTests {
    let catalog: TrackCatalog

    init() throws {
        catalog = try TrackCatalog.load(directory: Paths.pathways)
    }

    static let individualTracks: [(TrackID, VictimCategory, Skill, Int)] = [
        ("adult-domestic-violence", .domesticViolence, .tfCBT, 60),
        ("adult-accident-disaster-emdr", .accidentDisaster, .emdr, 90),
        ("adult-migrant", .migrant, .narrativeExposure, 60),
        ("adult-exposed-professional", .exposedProfessional, .prolongedExposure, 60),
    ]

    @Test func everyShippedFileLoadsWithoutProblems() throws {
        let files = try TrackCatalog.trackFiles(in: Paths.pathways)
        #expect(files.count == 5)
        #expect(TrackCatalog.validate(files: files) == [])
        #expect(
            Set(catalog.tracks.map(\.id)) == [
                "adult-domestic-violence", "adult-accident-disaster-emdr", "adult-migrant",
                "adult-exposed-professional", "adult-trauma-group",
            ])
    }

    @Test(arguments: individualTracks)
    func individualTrackFramesTherapyWithAssessmentsAndFollowUp(
        id: TrackID, category: VictimCategory, skill: Skill, minutes: Int
    ) throws {
        let track = try #require(catalog.track(id))
        #expect(track.modality == .individual)
        #expect(track.eligibility.categories == [category])
        #expect(track.eligibility.minAge == 18)

        let intake = try #require(track.step("intake"))
        #expect(intake.kind == .assessment && intake.duration == 90)
        #expect(Set(intake.roles) == [.psychiatrist, .psychologist])
        #expect(intake.deadline == Deadline(daysAfterReferral: 21))
        #expect(intake.measures == ["PCL-5"])

        let therapy = try #require(track.step("therapy"))
        #expect(therapy.kind == .therapy && therapy.duration == minutes)
        #expect(therapy.count == StepCount(typical: 10, min: 8, max: 12))
        #expect(therapy.skills == [skill])
        #expect(therapy.sameClinicianThroughout)
        #expect(therapy.spacing == Spacing(minDays: 6, maxDays: 14))

        let closing = try #require(track.step("closing"))
        #expect(closing.measures == ["PCL-5"] && closing.continuity == "therapy")
        #expect(track.completionStep?.id == "closing")

        let followUp = try #require(track.step("follow-up"))
        #expect(followUp.kind == .followUp && followUp.measures == ["PCL-5"])
        #expect(followUp.spacing == Spacing(minDays: 77, maxDays: 105))

        #expect(track.budget == Budget(sessions: 13, isComputed: true))
        #expect(track.availableReferrals.allSatisfy { !$0.required && $0.partner != nil })
    }

    @Test func groupTrackIsAClosedWeeklyCohortWithTwoFacilitators() throws {
        let track = try #require(catalog.track("adult-trauma-group"))
        let cohort = try #require(track.cohort)
        #expect(track.modality == .group)
        #expect(cohort.minSize == 6 && cohort.maxSize == 10 && cohort.facilitators == 2)
        #expect(cohort.weekday == .tuesday && cohort.time.description == "14:00")
        let group = try #require(track.step("group"))
        #expect(group.kind == .groupSession && group.duration == 120)
        #expect(group.count == StepCount(typical: 10, min: 8, max: 12))
        #expect(group.facilitators == 2 && group.skills == [.groupFacilitation] && group.room == [.group])
        #expect(track.eligibility.interpreter == .notOffered)
        #expect(track.steps.map(\.id).starts(with: ["intake", "group", "closing", "follow-up"]))
    }

    @Test func referralsOutMatchWhatEachCategoryNeeds() throws {
        func partners(_ id: TrackID) throws -> Set<Partner> {
            Set(try #require(catalog.track(id)).availableReferrals.compactMap(\.partner))
        }
        #expect(try partners("adult-domestic-violence").isSuperset(of: [.legalAid, .forensicUnit, .socialWorker]))
        #expect(try partners("adult-migrant").isSuperset(of: [.socialWorker, .generalPractitioner]))
        #expect(try partners("adult-exposed-professional").contains(.generalPractitioner))
    }

    @Test func migrantTrackRequiresAnInterpreterUnlessThePatientSpeaksFrench() throws {
        #expect(try #require(catalog.track("adult-migrant")).eligibility.interpreter == .requiredUnlessFrench)
    }

    @Test func noShippedTrackTakesChildren() {
        for track in catalog.tracks {
            #expect(!track.eligibility.categories.contains(.childAdolescent))
            #expect(track.eligibility.minAge >= 18)
        }
    }

    @Test func tracksRoundTripThroughJSONForTheCLIsJSONOutput() throws {
        let data = try JSONEncoder().encode(catalog.tracks)
        let decoded = try JSONDecoder().decode([Track].self, from: data)
        #expect(decoded == catalog.tracks)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"min-days\":6"))
    }
}
