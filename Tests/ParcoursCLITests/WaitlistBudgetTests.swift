import Scheduler
import Testing

@testable import ParcoursCLI

/// `schedule --waitlist` books the centre's own agenda: by default its search ends on the step
/// budget, not on the clock, so a loaded machine books the same waiting list the same way.
@Suite struct WaitlistBudgetTests {
    @Test func withNeitherLimitTheWaitlistEndsOnTheStepBudgetUnderAFarCeiling() throws {
        let options = try ImprovementArguments.parse([]).reproducibleOptions
        #expect(options.steps == ImprovementOptions.reproducibleSteps)
        #expect(options.steps == 600)
        // The clock-bound default of `solve` allows more steps than the clock lets it do.
        #expect(ImprovementOptions().steps > options.steps)
        #expect(options.timeLimit == ImprovementOptions.reproducibleCeiling)
    }

    @Test func aGivenTimeLimitOrStepBudgetIsKeptAsGiven() throws {
        let clock = try ImprovementArguments.parse(["--time-limit", "0"]).reproducibleOptions
        #expect(clock.timeLimit == 0)
        #expect(clock.steps == 0)
        let budget = try ImprovementArguments.parse(["--steps", "40"]).reproducibleOptions
        #expect(budget.steps == 40)
        #expect(budget.timeLimit == ImprovementOptions.batchDefault)
        #expect(try ImprovementArguments.parse([]).options.timeLimit == ImprovementOptions.batchDefault)
    }

    @Test func anAbsurdTimeLimitIsRefusedNamingTheOption() {
        #expect(throws: (any Error).self) { try ImprovementArguments.parse(["--time-limit", "-1"]) }
        #expect(throws: (any Error).self) { try ImprovementArguments.parse(["--time-limit", "nan"]) }
    }
}
