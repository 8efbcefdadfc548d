import CareModel
import Testing

@testable import PathwayEngine

@Suite("Eligibility")
struct EligibilityTests {
    let catalog: TrackCatalog
    let today: LocalDate

    init() throws {
        catalog = try TrackCatalog.load(directory: Paths.pathways)
        today = try .on("2026-11-26")
    }

    func patient(
        born: String, _ category: VictimCategory, language: LanguageCode = .french,
        needsInterpreter: Bool? = nil
    ) throws -> Patient {
        Patient(
            code: "P-7KQ2", birthDate: try .on(born), category: category, language: language,
            needsInterpreter: needsInterpreter, referralSource: .policeSocialWorker, referralDate: today)
    }

    @Test func seventeenYearOldIsRefusedFromEveryAdultTrackWithChildPsychiatrySuggested() throws {
        let minor = try patient(born: "2009-06-01", .domesticViolence)
        for track in catalog.tracks {
            let decision = Eligibility.check(patient: minor, track: track, on: today, catalog: catalog)
            #expect(decision.reasons.contains(.tooYoung(age: 17, minAge: 18)), "\(track.id)")
            #expect(decision.suggestions == [Eligibility.childPsychiatry])
            #expect(
                decision.suggestions.first?.description == "refer to child and adolescent psychiatry (pédopsychiatrie)")
        }
        #expect(catalog.tracks(for: minor, on: today).isEmpty)
    }

    @Test func eighteenOnTheBirthdayIsAcceptedAndTheDayBeforeIsNot() throws {
        let track = try #require(catalog.track("adult-domestic-violence"))
        let adult = try patient(born: "2008-11-26", .domesticViolence)
        #expect(Eligibility.check(patient: adult, track: track, on: today) == .eligible(notes: []))
        let dayBefore = try LocalDate.on("2026-11-25")
        #expect(!Eligibility.check(patient: adult, track: track, on: dayBefore).isEligible)
    }

    @Test func childCategoryIsRefusedEvenAtAnAdultAge() throws {
        let recorded = try patient(born: "1990-01-01", .childAdolescent)
        let track = try #require(catalog.track("adult-accident-disaster-emdr"))
        let decision = Eligibility.check(patient: recorded, track: track, on: today, catalog: catalog)
        #expect(decision.reasons == [.categoryNotTaken(.childAdolescent, accepted: [.accidentDisaster])])
        #expect(decision.suggestions == [Eligibility.childPsychiatry])
    }

    @Test func migrantWhoDoesNotSpeakFrenchNeedsAnInterpreterLanguage() throws {
        let track = try #require(catalog.track("adult-migrant"))
        let unmarked = try patient(born: "1995-03-10", .migrant, language: "ps", needsInterpreter: false)
        let refused = Eligibility.check(patient: unmarked, track: track, on: today)
        #expect(refused.reasons == [.interpreterLanguageMissing(language: "ps")])
        #expect(refused.reasons.first?.description.contains("record the interpreter language") == true)

        let withInterpreter = try patient(born: "1995-03-10", .migrant, language: "ps")
        #expect(
            Eligibility.check(patient: withInterpreter, track: track, on: today)
                == .eligible(notes: ["book every session with an interpreter in 'ps'"]))

        let frenchSpeaking = try patient(born: "1995-03-10", .migrant)
        #expect(Eligibility.check(patient: frenchSpeaking, track: track, on: today) == .eligible(notes: []))
    }

    @Test func categoryMismatchIsRefusedAndTheTracksThatTakeThePatientAreSuggested() throws {
        let track = try #require(catalog.track("adult-accident-disaster-emdr"))
        let victim = try patient(born: "1980-05-05", .domesticViolence)
        let decision = Eligibility.check(patient: victim, track: track, on: today, catalog: catalog)
        #expect(decision.reasons == [.categoryNotTaken(.domesticViolence, accepted: [.accidentDisaster])])
        #expect(
            Set(decision.suggestions.compactMap { if case let .track(id, _) = $0 { id } else { nil } })
                == Set<TrackID>(["adult-domestic-violence", "adult-trauma-group"]))
    }

    @Test func frenchOnlyGroupRefusesAPatientWhoNeedsAnInterpreter() throws {
        let track = try #require(catalog.track("adult-trauma-group"))
        let patient = try patient(born: "1980-05-05", .accidentDisaster, language: "uk")
        #expect(
            Eligibility.check(patient: patient, track: track, on: today).reasons
                == [.interpreterNotOffered(language: "uk")])
    }

    @Test func everyReasonIsReportedNotOnlyTheFirst() throws {
        let track = try #require(catalog.track("adult-trauma-group"))
        let minorMigrant = try patient(born: "2010-01-01", .migrant, language: "ar")
        #expect(Eligibility.check(patient: minorMigrant, track: track, on: today).reasons.count == 3)
    }

    @Test func catalogListsTheTracksAPatientCanFollow() throws {
        let migrant = try patient(born: "1995-03-10", .migrant, language: "ar")
        #expect(catalog.tracks(for: migrant, on: today).map(\.id) == ["adult-migrant"])
    }
}
