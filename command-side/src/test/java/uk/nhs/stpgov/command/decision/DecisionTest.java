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
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.decision.DecisionCommands.DeclineRatification;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RescindDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.SupersedeDecision;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;

import java.time.LocalDate;
import java.util.List;

/** Rules of the {@link Decision} aggregate: recording, ratification, rescission and supersession. */
class DecisionTest {

    private static final String NORTH_CUMBRIA = "north-cumbria";
    private static final String SOUTH_TEES = "south-tees";

    private static final String DECISION = "d1e2c3a4-0000-4000-8000-000000000001";
    private static final String EARLIER = "d1e2c3a4-0000-4000-8000-000000000000";
    private static final String LATER = "d1e2c3a4-0000-4000-8000-000000000002";
    private static final String ELSEWHERE = "d1e2c3a4-0000-4000-8000-0000000000ff";
    private static final String JOINT_COMMITTEE = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final String MATERNITY = "c0ffee00-1234-4abc-8def-0123456789ab";

    /** North Cumbria Integrated Care NHS Foundation Trust. */
    private static final String RNN = "RNN";
    /** NHS North Cumbria CCG. */
    private static final String CCG_01H = "01H";
    /** Cumbria County Council, which has left the partnership. */
    private static final String CUMBRIA_CC = "E10000006";
    /** Healthwatch Cumbria: a member, but not a statutory body. */
    private static final String HEALTHWATCH = "HWCUMB";
    /** NHS South Tees CCG: a member of another partnership only. */
    private static final String SOUTH_TEES_CCG = "16C";

    private static final String TITLE = "Consultant-led maternity at the Cumberland Infirmary, Carlisle; "
            + "midwife-led unit at West Cumberland Hospital";
    private static final String RATIONALE = "Option 1 of the consultation; the Clinical Senate's advice, "
            + "and Healthwatch's report on women's experience";
    private static final LocalDate DECIDED_ON = LocalDate.of(2017, 3, 8);

    private FixtureConfiguration<Decision> fixture;
    private InMemoryGovernanceRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryGovernanceRegistry()
                .member(NORTH_CUMBRIA, RNN, true)
                .member(NORTH_CUMBRIA, CCG_01H, true)
                .member(NORTH_CUMBRIA, HEALTHWATCH, false)
                .withdrawnMember(NORTH_CUMBRIA, CUMBRIA_CC, true)
                .forum(NORTH_CUMBRIA, JOINT_COMMITTEE)
                .serviceChange(NORTH_CUMBRIA, MATERNITY, ThemeCode.ENGAGEMENT, ThemeCode.DECISIONS)
                .decision(NORTH_CUMBRIA, EARLIER, DecisionStatus.ACTIVE, ThemeCode.DECISIONS)
                .member(SOUTH_TEES, SOUTH_TEES_CCG, true)
                .forum(SOUTH_TEES, "5e5e5e5e-0000-4000-8000-000000000001")
                .serviceChange(SOUTH_TEES, "5e5e5e5e-0000-4000-8000-000000000002", ThemeCode.FINANCE)
                .decision(SOUTH_TEES, ELSEWHERE, DecisionStatus.ACTIVE, ThemeCode.FINANCE);
        fixture = new AggregateTestFixture<>(Decision.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(
                new BusinessDay(Clock.systemUTC(), ZoneId.of(BusinessDay.DEFAULT_ZONE)));
    }

    // --- fixtures of history -------------------------------------------------------------------------------------

    private static RecordDecision record(String forumId, String serviceChangeId, List<String> deciding,
                                         String supersedes) {
        return new RecordDecision(DECISION, NORTH_CUMBRIA, TITLE, ThemeCode.DECISIONS, forumId, serviceChangeId,
                deciding, DecisionOutcome.APPROVED, RATIONALE, DECIDED_ON, supersedes);
    }

    private static DecisionRecorded recorded(String forumId, String serviceChangeId, List<String> deciding,
                                             String supersedes) {
        return new DecisionRecorded(DECISION, NORTH_CUMBRIA, TITLE, ThemeCode.DECISIONS, forumId, serviceChangeId,
                deciding, DecisionOutcome.APPROVED, RATIONALE, DECIDED_ON, supersedes);
    }

    /** Taken by the joint committee; the trust and the CCG must each ratify it. */
    private static DecisionRecorded recorded() {
        return recorded(JOINT_COMMITTEE, MATERNITY, List.of(RNN, CCG_01H), null);
    }

    private static DecisionRatified ratifiedBy(String odsCode, LocalDate on) {
        return new DecisionRatified(DECISION, NORTH_CUMBRIA, ThemeCode.DECISIONS, odsCode, on);
    }

    private static DecisionSuperseded superseded() {
        return new DecisionSuperseded(DECISION, NORTH_CUMBRIA, ThemeCode.DECISIONS, LATER, LocalDate.of(2019, 1, 9));
    }

    private static DecisionRescinded rescinded() {
        return new DecisionRescinded(DECISION, NORTH_CUMBRIA, ThemeCode.DECISIONS,
                "Judicial review: the consultation didn't cover the Maryport option", LocalDate.of(2017, 9, 1));
    }

    // --- recording -----------------------------------------------------------------------------------------------

    @Test
    void recordsADecisionOfAForumOnAServiceChangeByStatutoryBodies() {
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, MATERNITY, List.of(RNN, CCG_01H), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded());
    }

    @Test
    void aDecisionNeedsNoForumNorServiceChange() {
        fixture.givenNoPriorActivity()
                .when(record(null, null, List.of(CCG_01H), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(null, null, List.of(CCG_01H), null));
    }

    @Test
    void aDecisionWithNoDecidingBodyIsRecordedAsItHappened() {
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, null, List.of(), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(JOINT_COMMITTEE, null, List.of(), null));
    }

    @Test
    void aDecisionTakenOnlyByNonStatutoryBodiesIsRecordedAsItHappened() {
        fixture.givenNoPriorActivity()
                .when(record(null, MATERNITY, List.of(HEALTHWATCH), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(null, MATERNITY, List.of(HEALTHWATCH), null));
    }

    @Test
    void recordingInAnUnknownPartnershipIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(new RecordDecision(DECISION, "west-cumbria", TITLE, ThemeCode.DECISIONS, null, null, List.of(),
                        DecisionOutcome.NOTED, RATIONALE, DECIDED_ON, null))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString("No partnership with id 'west-cumbria'"));
    }

    @Test
    void theForumMustExist() {
        String unknownForum = "0f0f0f0f-0000-4000-8000-000000000000";
        fixture.givenNoPriorActivity()
                .when(record(unknownForum, null, List.of(CCG_01H), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Forum " + unknownForum + " is not a forum of north-cumbria"));
    }

    @Test
    void theForumMustBeOfTheSamePartnership() {
        fixture.givenNoPriorActivity()
                .when(record("5e5e5e5e-0000-4000-8000-000000000001", null, List.of(CCG_01H), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is not a forum of north-cumbria"));
    }

    @Test
    void theServiceChangeMustExist() {
        String unknownChange = "0e0e0e0e-0000-4000-8000-000000000000";
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, unknownChange, List.of(CCG_01H), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Service change " + unknownChange + " is not part of north-cumbria"));
    }

    @Test
    void theServiceChangeMustBeOfTheSamePartnership() {
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, "5e5e5e5e-0000-4000-8000-000000000002", List.of(CCG_01H), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is not part of north-cumbria"));
    }

    @Test
    void aDecidingBodyMustBeAMember() {
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, MATERNITY, List.of(CCG_01H, SOUTH_TEES_CCG), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "16C was not a member of partnership north-cumbria"));
    }

    @Test
    void aDecidingBodyCannotBeAMemberThatWithdrew() {
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, null, List.of(RNN, CUMBRIA_CC), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("E10000006 was not a member of partnership"));
    }

    @Test
    void aDecisionMaySupersedeAnActiveEarlierDecision() {
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, MATERNITY, List.of(RNN, CCG_01H), EARLIER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(recorded(JOINT_COMMITTEE, MATERNITY, List.of(RNN, CCG_01H), EARLIER));
    }

    @Test
    void theSupersededDecisionMustExist() {
        String unknownDecision = "0d0d0d0d-0000-4000-8000-000000000000";
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, null, List.of(CCG_01H), unknownDecision))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Decision " + unknownDecision + " is not a decision of north-cumbria"));
    }

    @Test
    void aDecisionCannotSupersedeOneOfAnotherPartnership() {
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, null, List.of(CCG_01H), ELSEWHERE))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is not a decision of north-cumbria"));
    }

    @Test
    void aDecisionCannotSupersedeOneAlreadySuperseded() {
        registry.decision(NORTH_CUMBRIA, EARLIER, DecisionStatus.SUPERSEDED, ThemeCode.DECISIONS);
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, null, List.of(CCG_01H), EARLIER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Decision " + EARLIER + " is SUPERSEDED and cannot be superseded"));
    }

    @Test
    void aDecisionCannotSupersedeARescindedOne() {
        registry.decision(NORTH_CUMBRIA, EARLIER, DecisionStatus.RESCINDED, ThemeCode.DECISIONS);
        fixture.givenNoPriorActivity()
                .when(record(JOINT_COMMITTEE, null, List.of(CCG_01H), EARLIER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is RESCINDED and cannot be superseded"));
    }

    // --- ratification --------------------------------------------------------------------------------------------

    @Test
    void aDecidingBodyRatifiesTheDecision() {
        LocalDate on = LocalDate.of(2017, 3, 29);
        fixture.given(recorded())
                .when(new RatifyDecision(DECISION, RNN, on))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ratifiedBy(RNN, on));
    }

    /** What happened cannot be dated ahead: the decision, an answer to it, its rescission. */
    @Test
    void aDecisionAndItsActsCannotBeDatedAfterToday() {
        LocalDate ahead = LocalDate.now(ZoneId.of(BusinessDay.DEFAULT_ZONE)).plusDays(2);
        fixture.givenNoPriorActivity()
                .when(new RecordDecision(DECISION, NORTH_CUMBRIA, TITLE, ThemeCode.DECISIONS, null, null,
                        List.of(RNN), DecisionOutcome.APPROVED, RATIONALE, ahead, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "A decision cannot be dated " + ahead + ", after today"));
        fixture.given(recorded())
                .when(new RatifyDecision(DECISION, RNN, ahead))
                .expectNoEvents()
                .expectExceptionMessage(Matchers.containsString("A ratification cannot be dated " + ahead));
        fixture.given(recorded())
                .when(new DeclineRatification(DECISION, RNN, ahead, "Not affordable"))
                .expectNoEvents()
                .expectExceptionMessage(Matchers.containsString("A declined ratification cannot be dated " + ahead));
        fixture.given(recorded())
                .when(new RescindDecision(DECISION, "Replaced by the system plan", ahead))
                .expectNoEvents()
                .expectExceptionMessage(Matchers.containsString("A rescission cannot be dated " + ahead));
    }

    @Test
    void eachDecidingBodyRatifiesForItself() {
        LocalDate on = LocalDate.of(2017, 4, 5);
        fixture.given(recorded(), ratifiedBy(RNN, LocalDate.of(2017, 3, 29)))
                .when(new RatifyDecision(DECISION, CCG_01H, on))
                .expectEvents(ratifiedBy(CCG_01H, on));
    }

    @Test
    void onlyADecidingBodyCanRatify() {
        fixture.given(recorded())
                .when(new RatifyDecision(DECISION, HEALTHWATCH, LocalDate.of(2017, 3, 29)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "HWCUMB is not a deciding body of decision " + DECISION + "; deciding bodies: [RNN, 01H]"));
    }

    @Test
    void aDecidingBodyThatHasLeftThePartnershipCannotRatify() {
        fixture.given(recorded(JOINT_COMMITTEE, null, List.of(RNN, CUMBRIA_CC), null))
                .when(new RatifyDecision(DECISION, CUMBRIA_CC, LocalDate.of(2017, 3, 29)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(CUMBRIA_CC + " was not a member of partnership north-cumbria on 2017-03-29"));
    }

    @Test
    void nobodyCanRatifyADecisionWithNoDecidingBody() {
        fixture.given(recorded(JOINT_COMMITTEE, null, List.of(), null))
                .when(new RatifyDecision(DECISION, CCG_01H, LocalDate.of(2017, 3, 29)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H is not a deciding body"));
    }

    @Test
    void aDecidingBodyRatifiesOnlyOnce() {
        fixture.given(recorded(), ratifiedBy(CCG_01H, LocalDate.of(2017, 3, 29)))
                .when(new RatifyDecision(DECISION, CCG_01H, LocalDate.of(2017, 4, 5)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "01H has already answered decision " + DECISION + ": RATIFIED"));
    }

    @Test
    void aRescindedDecisionCannotBeRatified() {
        fixture.given(recorded(), rescinded())
                .when(new RatifyDecision(DECISION, RNN, LocalDate.of(2017, 10, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has been rescinded and cannot be ratified"));
    }

    @Test
    void aRatificationDatedBeforeALaterRescissionIsBackLoadedHistory() {
        // Rescinded on 2017-09-01 (recorded first); the trust's ratification of 2017-03-29 is loaded afterwards.
        fixture.given(recorded(), rescinded())
                .when(new RatifyDecision(DECISION, RNN, LocalDate.of(2017, 3, 29)))
                .expectEvents(ratifiedBy(RNN, LocalDate.of(2017, 3, 29)));
        fixture.given(recorded(), superseded())
                .when(new RatifyDecision(DECISION, RNN, LocalDate.of(2019, 1, 8)))
                .expectEvents(ratifiedBy(RNN, LocalDate.of(2019, 1, 8)));
    }

    @Test
    void aDecisionIsNotRescindedBeforeADayItWasAnswered() {
        fixture.given(recorded(), ratifiedBy(RNN, LocalDate.of(2017, 10, 1)))
                .when(new RescindDecision(DECISION, "Back-loaded", LocalDate.of(2017, 9, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("answered by " + RNN + " on 2017-10-01"));
        fixture.given(recorded(), ratifiedBy(RNN, LocalDate.of(2017, 10, 1)))
                .when(new SupersedeDecision(DECISION, NORTH_CUMBRIA, LATER, LocalDate.of(2017, 9, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aSupersededDecisionCannotBeRatified() {
        fixture.given(recorded(), superseded())
                .when(new RatifyDecision(DECISION, RNN, LocalDate.of(2019, 2, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "has been superseded by " + LATER + " and cannot be ratified"));
    }

    // --- rescission ----------------------------------------------------------------------------------------------

    @Test
    void anActiveDecisionIsRescinded() {
        fixture.given(recorded(), ratifiedBy(RNN, LocalDate.of(2017, 3, 29)))
                .when(new RescindDecision(DECISION, "Judicial review: the consultation didn't cover the Maryport option",
                        LocalDate.of(2017, 9, 1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(rescinded());
    }

    @Test
    void aDecisionIsNotRescindedOrSupersededBeforeItWasTaken() {
        LocalDate before = DECIDED_ON.minusDays(1);
        fixture.given(recorded())
                .when(new RescindDecision(DECISION, "Back-loaded in the wrong order", before))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("cannot be rescinded on " + before + ", before that"));
        fixture.given(recorded())
                .when(new SupersedeDecision(DECISION, NORTH_CUMBRIA, LATER, before))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("cannot be superseded on " + before + ", before that"));
        fixture.given(recorded())
                .when(new RescindDecision(DECISION, "The same day", DECIDED_ON))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aDecisionIsRescindedOnlyOnce() {
        fixture.given(recorded(), rescinded())
                .when(new RescindDecision(DECISION, "Again", LocalDate.of(2017, 10, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has been rescinded and cannot be rescinded"));
    }

    @Test
    void aSupersededDecisionCannotBeRescinded() {
        fixture.given(recorded(), superseded())
                .when(new RescindDecision(DECISION, "Too late", LocalDate.of(2019, 2, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has been superseded by " + LATER));
    }

    // --- supersession (sent by the SupersedePolicy) --------------------------------------------------------------

    @Test
    void anActiveDecisionIsSupersededByALaterOne() {
        fixture.given(recorded(), ratifiedBy(RNN, LocalDate.of(2017, 3, 29)))
                .when(new SupersedeDecision(DECISION, NORTH_CUMBRIA, LATER, LocalDate.of(2019, 1, 9)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(superseded());
    }

    @Test
    void aDecisionOfAnotherPartnershipCannotSupersedeIt() {
        fixture.given(recorded())
                .when(new SupersedeDecision(DECISION, SOUTH_TEES, LATER, LocalDate.of(2019, 1, 9)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Decision " + DECISION + " belongs to another partnership"));
    }

    @Test
    void aDecisionIsSupersededOnlyOnce() {
        fixture.given(recorded(), superseded())
                .when(new SupersedeDecision(DECISION, NORTH_CUMBRIA, "d1e2c3a4-0000-4000-8000-000000000003",
                        LocalDate.of(2020, 1, 9)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "has been superseded by " + LATER + " and cannot be superseded"));
    }

    @Test
    void aRescindedDecisionCannotBeSuperseded() {
        fixture.given(recorded(), rescinded())
                .when(new SupersedeDecision(DECISION, NORTH_CUMBRIA, LATER, LocalDate.of(2019, 1, 9)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has been rescinded and cannot be superseded"));
    }
}
