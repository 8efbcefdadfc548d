import CareModel
import Foundation
import SchedulingModel
import Testing

@testable import ScheduleCheck

@Suite("The benchmark instance generator")
struct InstanceGeneratorTests {
    static func config(seed: UInt64 = 7) throws -> GeneratorConfig {
        GeneratorConfig(seed: seed, today: try Fixture.day("2027-01-04"))
    }

    @Test func sameSeedGivesTheSameInstanceAndJSON() throws {
        let a = try InstanceGenerator.generate(try Self.config())
        let b = try InstanceGenerator.generate(try Self.config())
        #expect(a == b)
        #expect(try SchedulingJSON.encoder().encode(a) == SchedulingJSON.encoder().encode(b))
    }

    @Test func differentSeedGivesADifferentInstance() throws {
        let a = try InstanceGenerator.generate(try Self.config(seed: 7))
        let b = try InstanceGenerator.generate(try Self.config(seed: 8))
        #expect(a.requests != b.requests)
        #expect(a.clinicians != b.clinicians)
    }

    @Test func defaultBenchHasTheRequestedSizeAndRoundTripsThroughJSON() throws {
        let problem = try InstanceGenerator.generate(try Self.config())
        #expect(problem.patients.count == 500)
        #expect(problem.clinicians.count == 25)
        #expect(problem.rooms.count == 12)
        #expect(problem.interpreters.count == 5)
        #expect(problem.requests.count == 500)
        #expect(problem.requests.allSatisfy { $0.sessions.count == 13 })
        #expect(problem.today.days(to: problem.horizonEnd) == 26 * 7 - 1)
        #expect(Set(problem.patients.map(\.code)).count == 500)
        // Public holidays of the horizon: Easter Monday 2027-03-29, Ascension 2027-05-06, ...
        #expect(problem.closedDays.contains(try Fixture.day("2027-03-29")))
        #expect(problem.closedDays.contains(try Fixture.day("2027-05-06")))
        #expect(problem.closedDays.contains(try Fixture.day("2027-05-17"))) // Whit Monday
        let interpreted = problem.patients.filter(\.needsInterpreter).count
        #expect((50...150).contains(interpreted)) // about one in five
        #expect(problem.patients.contains { !$0.keepApart.isEmpty })
        #expect(!problem.absences.isEmpty)
        let decoded = try SchedulingJSON.decoder().decode(
            SchedulingProblem.self, from: SchedulingJSON.encoder().encode(problem))
        #expect(decoded == problem)
    }

    @Test func everySessionHasAClinicianRoomAndInterpreterWhoCouldTakeIt() throws {
        let problem = try InstanceGenerator.generate(try Self.config())
        let needs = Dictionary(uniqueKeysWithValues: problem.patients.map { ($0.code, $0) })
        for request in problem.requests {
            let patient = try #require(needs[request.patient])
            for spec in request.sessions {
                let able = problem.clinicians.filter { c in
                    c.active && (spec.roles.isEmpty || spec.roles.contains(c.role))
                        && spec.skills.allSatisfy(c.skills.contains)
                        && (spec.languages.isEmpty
                            ? c.languages.contains(.french) : spec.languages.contains(where: c.languages.contains))
                }
                #expect(!able.isEmpty, "no clinician for \(request.track) \(spec.step)")
                let features = Set(spec.roomFeatures + (patient.needsAccessibleRoom ? [.accessible] : []))
                #expect(problem.rooms.contains { features.isSubset(of: $0.features) })
            }
            if patient.needsInterpreter {
                #expect(problem.interpreters.contains { $0.languages.contains(patient.language) })
            }
            #expect(request.sessions.first?.deadline == request.referralDate.adding(days: 21))
        }
    }

    @Test func capacityCoversTheDemandAndTheLastFollowUpFits() throws {
        let problem = try InstanceGenerator.generate(try Self.config())
        let weeklyClinicianMinutes = problem.clinicians.reduce(0) { $0 + $1.hours.weeklyMinutes }
        let requestedMinutes = problem.requests.reduce(0) { $0 + $1.sessions.reduce(0) { $0 + $1.durationMinutes } }
        #expect(Double(weeklyClinicianMinutes) * 26 > 2.0 * Double(requestedMinutes))
        // The tightest series: intake on referral, then every minimum gap.
        for request in problem.requests {
            let shortest = request.sessions.reduce(0) { $0 + ($1.minDaysAfterPrevious ?? 0) }
            #expect(request.referralDate.adding(days: shortest) <= problem.horizonEnd)
        }
    }

    @Test func anEmptySolutionOfAGeneratedInstanceViolatesNothing() throws {
        let problem = try InstanceGenerator.generate(
            GeneratorConfig(
                patients: 60, clinicians: 6, rooms: 4, interpreters: 2,
                weeks: 26, seed: 3, today: try Fixture.day("2027-01-04")))
        let report = IndependentChecker.check(problem: problem, sessions: [])
        #expect(report.violations == 0)
        #expect(report.patientsNotBooked == 60)
        #expect(report.sessionsRequested == 60 * 13)
    }

    @Test func callerClosedDaysReplaceTheComputedHolidays() throws {
        var config = try Self.config()
        config.patients = 10
        config.closedDays = [try Fixture.day("2027-02-01"), try Fixture.day("2030-01-01")]
        let problem = try InstanceGenerator.generate(config)
        #expect(problem.closedDays == [try Fixture.day("2027-02-01")])
    }

    @Test func nonsenseSizesAreRefusedWithTheArgumentName() throws {
        var config = try Self.config()
        config.clinicians = 0
        #expect(
            throws: ScheduleCheckError.invalidConfig(
                field: "--clinicians", value: "0",
                expected: "a whole number from 1 to 2000")
        ) {
            try InstanceGenerator.generate(config)
        }
    }

    @Test func easterAndItsHolidays() throws {
        #expect(FrenchPublicHolidays.easterSunday(2026) == (try Fixture.day("2026-04-05")))
        #expect(FrenchPublicHolidays.easterSunday(2027) == (try Fixture.day("2027-03-28")))
        #expect(FrenchPublicHolidays.easterSunday(2028) == (try Fixture.day("2028-04-16")))
        let days = FrenchPublicHolidays.days(in: 2028)
        #expect(days.count == 11)
        #expect(days.contains(try Fixture.day("2028-06-05"))) // Whit Monday
    }

    @Test func templatesExpandCountsAndDeadlines() throws {
        let template = TrackTemplate.standardIndividual(skill: .emdr)
        let referral = try Fixture.day("2027-02-01")
        let sessions = template.sessions(referral: referral)
        #expect(
            sessions.map(\.step.rawValue) == ["intake"] + Array(repeating: "therapy", count: 10) + [
                "closing", "follow-up",
            ])
        #expect(sessions[10].occurrence == 10)
        #expect(sessions[0].deadline == (try Fixture.day("2027-02-22")))
        #expect(sessions.dropFirst().allSatisfy { $0.deadline == nil })
    }
}
