package uk.nhs.stpgov.command.decision;

import java.time.ZoneId;
import java.time.Clock;
import uk.nhs.stpgov.command.common.BusinessDay;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.decision.DecisionCommands.DeclineRatification;
import uk.nhs.stpgov.command.decision.DecisionCommands.PassRatification;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionPosition;
import uk.nhs.stpgov.events.Position;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.decision.DecisionRecorded;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Issue 11's decision rules: bodies judged at the decision's date (back-loading), minute references unique per
 * partnership, positions, declined ratifications and ratifications passed on by a succession.
 */
class DecisionHistoryTest {
    private static final String NC = "north-cumbria";
    private static final String DECISION = "d1e2c3a4-0000-4000-8000-0000000000a1";
    private static final String OTHER = "d1e2c3a4-0000-4000-8000-0000000000a2";
    private static final String FORUM = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    /** North Cumbria University Hospitals: a member 2016-03-01 to 2019-10-01, then merged into RNN. */
    private static final String RNL = "RNL";
    private static final String RNN = "RNN";
    /** NHS North Cumbria CCG: a member to 2022-07-01, succeeded by the ICB. */
    private static final String CCG = "01H";
    private static final String ICB = "QHM";
    private static final LocalDate DECIDED_ON = LocalDate.of(2017, 3, 30);

    private FixtureConfiguration<Decision> fixture;
    private InMemoryGovernanceRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryGovernanceRegistry()
                .memberBetween(NC, RNL, true, LocalDate.of(2016, 3, 1), LocalDate.of(2019, 10, 1))
                .memberBetween(NC, RNN, true, LocalDate.of(2016, 3, 1), null)
                .memberBetween(NC, CCG, true, LocalDate.of(2016, 3, 1), LocalDate.of(2022, 7, 1))
                .memberBetween(NC, ICB, true, LocalDate.of(2022, 7, 1), null)
                .forum(NC, FORUM);
        fixture = new AggregateTestFixture<>(Decision.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(
                new BusinessDay(Clock.systemUTC(), ZoneId.of(BusinessDay.DEFAULT_ZONE)));
    }

    private static RecordDecision record(List<String> deciding, LocalDate on, String reference,
                                         List<DecisionPosition> positions) {
        return new RecordDecision(DECISION, NC, "Agree the system control total for 2017/18", ThemeCode.FINANCE,
                FORUM, null, deciding, DecisionOutcome.APPROVED, "Within the envelope", on, null, reference, positions);
    }

    private static DecisionRecorded recorded(List<String> deciding, LocalDate on, String reference,
                                             List<DecisionPosition> positions) {
        return new DecisionRecorded(DECISION, NC, "Agree the system control total for 2017/18", ThemeCode.FINANCE,
                FORUM, null, deciding, DecisionOutcome.APPROVED, "Within the envelope", on, null, reference, positions);
    }

    @Test
    void aDecisionOf2017ByBodiesThatLaterMergedOrWereSucceededIsRecorded() {
        List<DecisionPosition> positions = List.of(new DecisionPosition(RNL, Position.SUPPORTS),
                new DecisionPosition(CCG, Position.ABSTAINS));
        fixture.givenNoPriorActivity()
                .when(record(List.of(RNL, CCG), DECIDED_ON, "JC/2017/007", positions))
                .expectEvents(recorded(List.of(RNL, CCG), DECIDED_ON, "JC/2017/007", positions));
    }

    @Test
    void aBodyCannotDecideBeforeItJoined() {
        fixture.givenNoPriorActivity()
                .when(record(List.of(ICB), LocalDate.of(2022, 6, 30), null, List.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM was not a member of partnership north-cumbria "
                        + "on 2022-06-30; its membership: [2022-07-01 onwards]"));
    }

    @Test
    void aBodyDecidesOnItsFirstAndLastDayAsAMember() {
        fixture.givenNoPriorActivity()
                .when(record(List.of(ICB, CCG), LocalDate.of(2022, 7, 1), null, List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aBodyCannotDecideTheDayAfterItLeft() {
        fixture.givenNoPriorActivity()
                .when(record(List.of(RNL), LocalDate.of(2019, 10, 2), null, List.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("RNL was not a member"));
    }

    @Test
    void aPositionMayOnlyNameABodyThatWasAMemberThatDay() {
        fixture.givenNoPriorActivity()
                .when(record(List.of(RNN), DECIDED_ON, null, List.of(new DecisionPosition(ICB, Position.ABSENT))))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM was not a member"));
    }

    @Test
    void aMinuteReferenceIsUniqueWithinThePartnership() {
        registry.reference(NC, "JC/2017/007", OTHER);
        fixture.givenNoPriorActivity()
                .when(record(List.of(RNN), DECIDED_ON, "JC/2017/007", List.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("Reference JC/2017/007 is already used by decision "
                        + OTHER));
    }

    @Test
    void theSameReferenceMayBeUsedByAnotherPartnership() {
        registry.reference("south-tees", "JC/2017/007", OTHER);
        fixture.givenNoPriorActivity()
                .when(record(List.of(RNN), DECIDED_ON, "JC/2017/007", List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aBodyThatLaterMergedRatifiesWhileStillAMember() {
        fixture.given(recorded(List.of(RNL, CCG), DECIDED_ON, null, List.of()))
                .when(new RatifyDecision(DECISION, RNL, LocalDate.of(2017, 4, 12)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, RNL, LocalDate.of(2017, 4, 12)));
    }

    @Test
    void aRatificationCannotBeDatedBeforeTheDecision() {
        fixture.given(recorded(List.of(RNL, CCG), DECIDED_ON, null, List.of()))
                .when(new RatifyDecision(DECISION, RNL, DECIDED_ON.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("before that"));
    }

    @Test
    void aBodyDeclinesToRatifyWithAReason() {
        LocalDate on = LocalDate.of(2017, 4, 20);
        fixture.given(recorded(List.of(RNL, CCG), DECIDED_ON, null, List.of()))
                .when(new DeclineRatification(DECISION, CCG, on, "Governing body would not accept the risk share"))
                .expectEvents(new DecisionRatificationDeclined(DECISION, NC, ThemeCode.FINANCE, CCG, on,
                        "Governing body would not accept the risk share"));
    }

    @Test
    void aBodyThatDeclinedCannotRatifyAfterwards() {
        fixture.given(recorded(List.of(RNL, CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatificationDeclined(DECISION, NC, ThemeCode.FINANCE, CCG, LocalDate.of(2017, 4, 20),
                                "No"))
                .when(new RatifyDecision(DECISION, CCG, LocalDate.of(2017, 5, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has already answered decision " + DECISION
                        + ": DECLINED"));
    }

    @Test
    void aBodyThatIsNotDecidingCannotDecline() {
        fixture.given(recorded(List.of(RNL), DECIDED_ON, null, List.of()))
                .when(new DeclineRatification(DECISION, CCG, LocalDate.of(2017, 4, 20), "No"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H is not a deciding body"));
    }

    @Test
    void aSuccessionPassesAnOwedRatificationAndTheSuccessorMayThenRatify() {
        LocalDate on = LocalDate.of(2022, 7, 1);
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()))
                .when(new PassRatification(DECISION, CCG, ICB, on))
                .expectEvents(new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG, on));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG, on))
                .when(new RatifyDecision(DECISION, ICB, LocalDate.of(2022, 9, 1)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, ICB, LocalDate.of(2022, 9, 1)));
    }

    @Test
    void aSuccessorCannotAnswerForDaysBeforeItTookTheDecidingBodysPlace() {
        LocalDate on = LocalDate.of(2022, 7, 1);
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG, on))
                .when(new RatifyDecision(DECISION, ICB, on.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("took a deciding body's place in decision " + DECISION
                        + " on 2022-07-01; it cannot have ratified it on 2022-06-30"));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG, on))
                .when(new DeclineRatification(DECISION, ICB, on.minusDays(1), "Not affordable"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG, on))
                .when(new RatifyDecision(DECISION, ICB, on))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, ICB, on));
    }

    @Test
    void aRatificationAlreadyGivenIsNotPassedOn() {
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, CCG, LocalDate.of(2017, 4, 12)))
                .when(new PassRatification(DECISION, CCG, ICB, LocalDate.of(2022, 7, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void thePredecessorCannotAnswerForDaysAfterItsRatificationPassed() {
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG,
                                LocalDate.of(2022, 7, 1)))
                .when(new RatifyDecision(DECISION, CCG, LocalDate.of(2022, 7, 2)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("SUCCEEDED by QHM on 2022-07-01"));
    }

    /**
     * The succession day is the predecessor's last as a member: it may still answer that day, as it could had its
     * answer been recorded before the succession (it was refused when the succession was recorded first).
     */
    @Test
    void thePredecessorStillAnswersOnItsSuccessionDayItsLastAsAMember() {
        LocalDate day = LocalDate.of(2022, 7, 1);
        DecisionRecorded taken = recorded(List.of(CCG, ICB), day, null, List.of());
        DecisionRatifierSucceeded passed = new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG,
                day);
        fixture.given(taken, passed)
                .when(new RatifyDecision(DECISION, CCG, day))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, CCG, day));
        fixture.given(taken, passed)
                .when(new DeclineRatification(DECISION, CCG, day, "Governing body minute"))
                .expectEvents(new DecisionRatificationDeclined(DECISION, NC, ThemeCode.FINANCE, CCG, day,
                        "Governing body minute"));
    }

    @Test
    void thePredecessorStillAnswersForItsDaysBeforeTheSuccessionUnlessTheSuccessorHas() {
        // A back-loaded minute: the CCG ratified in June 2022, recorded after its ratification passed to the ICB.
        DecisionRatifierSucceeded passed = new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG,
                LocalDate.of(2022, 7, 1));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()), passed)
                .when(new RatifyDecision(DECISION, CCG, LocalDate.of(2022, 6, 1)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, CCG, LocalDate.of(2022, 6, 1)));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()), passed,
                        new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, CCG, LocalDate.of(2022, 6, 1)))
                .when(new RatifyDecision(DECISION, ICB, LocalDate.of(2022, 8, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM owes no ratification"));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()), passed,
                        new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, ICB, LocalDate.of(2022, 8, 1)))
                .when(new DeclineRatification(DECISION, CCG, LocalDate.of(2022, 6, 1), "Governing body minute"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                // The successor's answer, not the succession, is why (it said "SUCCEEDED by QHM").
                .expectExceptionMessage(Matchers.containsString("01H has already answered decision " + DECISION
                        + " through its successor QHM, which ratified it on 2022-08-01"));
    }

    /**
     * Two CCGs merged into one (2020), which the ICB succeeded (2022): one CCG ratified with a date before the merger,
     * recorded after it; the other never did, so the ICB owes its ratification and may give it. Passing the merged
     * CCG's ratification on twice (once for each predecessor it took over from) passes it once.
     */
    @Test
    void aBodyThatTookOverFromSeveralOwesTheRatificationOfEachThatHadNotAnswered() {
        registry.memberBetween(NC, "12D", true, LocalDate.of(2016, 3, 1), LocalDate.of(2020, 4, 1))
                .memberBetween(NC, "99N", true, LocalDate.of(2016, 3, 1), LocalDate.of(2020, 4, 1))
                .memberBetween(NC, "92G", true, LocalDate.of(2020, 4, 1), LocalDate.of(2022, 7, 1))
                .memberBetween(NC, "QOX", true, LocalDate.of(2022, 7, 1), null);
        LocalDate merger = LocalDate.of(2020, 4, 1);
        LocalDate icb = LocalDate.of(2022, 7, 1);
        List<Object> history = List.of(recorded(List.of("12D", "99N"), LocalDate.of(2019, 7, 1), null, List.of()),
                new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, "92G", "12D", merger),
                new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, "92G", "99N", merger),
                new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, "12D", LocalDate.of(2019, 8, 1)),
                new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, "QOX", "92G", icb));
        fixture.given(history)
                .when(new RatifyDecision(DECISION, "QOX", LocalDate.of(2022, 8, 1)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, "QOX", LocalDate.of(2022, 8, 1)));
        fixture.given(history)
                .when(new PassRatification(DECISION, "92G", "QOX", icb))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** The CCG delegated FINANCE to the forum from 2017-01-01 (before the decision of 2017-03-30). */
    private void delegatedBeforeTheDecision(LocalDate effectiveTo, LocalDate revokedOn) {
        registry.delegation(NC, FORUM, CCG, Set.of(ThemeCode.FINANCE), LocalDate.of(2017, 1, 1), effectiveTo,
                revokedOn);
    }

    /**
     * DESIGN §1: a body bound by a delegation in force on the decision's day owes no ratification, so it neither
     * ratifies nor declines (it was accepted, and changed nothing the decision shows); the other deciding body does.
     */
    @Test
    void aBodyBoundByDelegationOwesNoRatificationAndCannotAnswerOne() {
        delegatedBeforeTheDecision(null, null);
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()))
                .when(new RatifyDecision(DECISION, CCG, LocalDate.of(2017, 4, 12)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H owes no ratification of decision " + DECISION
                        + ": it is bound by its delegation of FINANCE to forum " + FORUM + ", in force on 2017-03-30"));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()))
                .when(new DeclineRatification(DECISION, CCG, LocalDate.of(2017, 4, 12), "Not affordable"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H owes no ratification"));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()))
                .when(new RatifyDecision(DECISION, RNN, LocalDate.of(2017, 4, 12)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, RNN, LocalDate.of(2017, 4, 12)));
    }

    /** The outside tester's first find: the ICB was passed the bound CCG's "owed" ratification and could answer it. */
    @Test
    void aSuccessionPassesNothingForABodyBoundByDelegation() {
        delegatedBeforeTheDecision(null, null);
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()))
                .when(new PassRatification(DECISION, CCG, ICB, LocalDate.of(2022, 7, 1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /**
     * A ratification passed on from a bound body (by an earlier version, or before the delegation was back-loaded)
     * gives the successor nothing to answer, and passes nothing further down the chain.
     */
    @Test
    void aSuccessorOfABodyBoundByDelegationCannotAnswerWhatWasPassedToIt() {
        delegatedBeforeTheDecision(null, null);
        registry.memberBetween(NC, "QXX", true, LocalDate.of(2024, 4, 1), null);
        List<Object> history = List.of(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()),
                new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG, LocalDate.of(2022, 7, 1)));
        fixture.given(history)
                .when(new RatifyDecision(DECISION, ICB, LocalDate.of(2022, 8, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM owes no ratification of decision " + DECISION
                        + ": it took the place of 01H, bound by its delegation of FINANCE"));
        fixture.given(history)
                .when(new DeclineRatification(DECISION, ICB, LocalDate.of(2022, 8, 1), "Not ours"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM owes no ratification"));
        fixture.given(history)
                .when(new PassRatification(DECISION, ICB, "QXX", LocalDate.of(2024, 4, 1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /**
     * Only a delegation in force on the decision's day binds: one revoked by then (a revocation back-loaded after the
     * decision counts the same), one that had expired, one of another theme or to another forum leaves the body to
     * ratify, and its ratification passes on.
     */
    @Test
    void aDelegationNotInForceOnTheDecisionsDayBindsNothing() {
        registry.delegation(NC, FORUM, CCG, Set.of(ThemeCode.FINANCE), LocalDate.of(2016, 4, 1), null,
                        LocalDate.of(2017, 3, 30))
                .delegation(NC, FORUM, CCG, Set.of(ThemeCode.FINANCE), LocalDate.of(2016, 4, 1),
                        LocalDate.of(2017, 3, 29), null)
                .delegation(NC, FORUM, CCG, Set.of(ThemeCode.RISK), LocalDate.of(2016, 4, 1), null, null)
                .delegation(NC, "another-forum", CCG, Set.of(ThemeCode.FINANCE), LocalDate.of(2016, 4, 1), null, null)
                .delegation(NC, FORUM, CCG, Set.of(ThemeCode.FINANCE), LocalDate.of(2017, 3, 31), null, null);
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()))
                .when(new RatifyDecision(DECISION, CCG, LocalDate.of(2017, 4, 12)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, CCG, LocalDate.of(2017, 4, 12)));
        fixture.given(recorded(List.of(RNN, CCG), DECIDED_ON, null, List.of()))
                .when(new PassRatification(DECISION, CCG, ICB, LocalDate.of(2022, 7, 1)))
                .expectEvents(new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG,
                        LocalDate.of(2022, 7, 1)));
    }

    /** A successor that decided too owes for itself, whatever it took over from a bound body. */
    @Test
    void aSuccessorThatDecidedItselfStillOwesItsOwnRatification() {
        delegatedBeforeTheDecision(null, null);
        registry.memberBetween(NC, "QXX", true, LocalDate.of(2016, 3, 1), null);
        fixture.given(recorded(List.of("QXX", CCG), DECIDED_ON, null, List.of()),
                        new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, "QXX", CCG,
                                LocalDate.of(2020, 4, 1)))
                .when(new RatifyDecision(DECISION, "QXX", LocalDate.of(2020, 5, 1)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, "QXX", LocalDate.of(2020, 5, 1)));
    }

    /**
     * The CCG decided on its last day, its delegation already passed to the ICB, so it owed a ratification, which passed
     * to the ICB; the ICB decided too, bound by that delegation: it owes the CCG's part though not its own.
     */
    @Test
    void aSuccessorBoundByDelegationStillAnswersTheRatificationItInherited() {
        LocalDate succession = LocalDate.of(2022, 7, 1);
        registry.delegation(NC, FORUM, CCG, Set.of(ThemeCode.FINANCE), LocalDate.of(2017, 1, 1), null, succession);
        registry.delegation(NC, FORUM, ICB, Set.of(ThemeCode.FINANCE), succession, null, null);
        DecisionRecorded decided = recorded(List.of(CCG, ICB), succession, null, List.of());
        DecisionRatifierSucceeded passed = new DecisionRatifierSucceeded(DECISION, NC, ThemeCode.FINANCE, ICB, CCG,
                succession);
        fixture.given(decided, passed)
                .when(new RatifyDecision(DECISION, ICB, LocalDate.of(2022, 7, 10)))
                .expectEvents(new DecisionRatified(DECISION, NC, ThemeCode.FINANCE, ICB, LocalDate.of(2022, 7, 10)));
        // Nothing passed to it: bound, it owes nothing.
        fixture.given(decided)
                .when(new RatifyDecision(DECISION, ICB, LocalDate.of(2022, 7, 10)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM owes no ratification"));
    }
}
