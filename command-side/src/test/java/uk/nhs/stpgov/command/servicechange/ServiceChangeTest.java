package uk.nhs.stpgov.command.servicechange;

import java.time.ZoneId;
import java.time.Clock;
import uk.nhs.stpgov.command.common.BusinessDay;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.MoveServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.ProposeServiceChange;
import uk.nhs.stpgov.command.servicechange.ServiceChangeCommands.RecordAssuranceTest;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Rules of the {@link ServiceChange} aggregate: proposal, the stage lifecycle and the assurance tests. */
class ServiceChangeTest {

    private static final String NORTH_CUMBRIA = "north-cumbria";
    private static final String SERVICE_CHANGE = "c0ffee00-1234-4abc-8def-0123456789ab";
    /** North Cumbria Integrated Care NHS Foundation Trust. */
    private static final String RNN = "RNN";
    /** NHS North Cumbria CCG. */
    private static final String CCG_01H = "01H";
    /** NHS South Tees CCG: not a member of this partnership. */
    private static final String SOUTH_TEES_CCG = "16C";
    /** Cumbria County Council, which has left the partnership. */
    private static final String CUMBRIA_CC = "E10000006";

    private static final String TITLE = "Community hospital beds: Alston, Maryport & Wigton";
    private static final String DESCRIPTION = "Consolidate inpatient beds at Cockermouth, Keswick and Penrith; "
            + "step-up care at home in the patients' own communities";
    private static final Set<ThemeCode> THEMES = Set.of(ThemeCode.ENGAGEMENT, ThemeCode.FINANCE);

    private static final LocalDate PROPOSED_ON = LocalDate.of(2016, 9, 19);
    private static final LocalDate ASSESSED_ON = LocalDate.of(2016, 12, 7);
    private static final String ASSESSOR = "NHS England (North) assurance panel";

    private static final List<Stage> OPEN_STAGES = Arrays.stream(Stage.values()).filter(Stage::isOpen).toList();

    private FixtureConfiguration<ServiceChange> fixture;
    private InMemoryGovernanceRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryGovernanceRegistry()
                .member(NORTH_CUMBRIA, RNN, true)
                .member(NORTH_CUMBRIA, CCG_01H, true)
                .withdrawnMember(NORTH_CUMBRIA, CUMBRIA_CC, true)
                .partnership("south-tees")
                .member("south-tees", SOUTH_TEES_CCG, true);
        fixture = new AggregateTestFixture<>(ServiceChange.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(
                new BusinessDay(Clock.systemUTC(), ZoneId.of(BusinessDay.DEFAULT_ZONE)));
    }

    // --- fixtures of history -------------------------------------------------------------------------------------

    private static ServiceChangeProposed proposed(ServiceChangeKind kind) {
        return new ServiceChangeProposed(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, kind, THEMES, CCG_01H, DESCRIPTION,
                kind.substantialByDefault(), PROPOSED_ON);
    }

    private static AssuranceTestRecorded assured(AssuranceTest test, AssuranceResult result) {
        return new AssuranceTestRecorded(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, test, result,
                "Evidence for " + test + ": see the pre-consultation business case, s.4", ASSESSED_ON, ASSESSOR);
    }

    private static ServiceChangeAdvanced advanced(Stage from, Stage to) {
        return new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, from, to, "Moved to " + to);
    }

    /** Every assurance test passed: MET, except BED_CLOSURE which is NOT_APPLICABLE. */
    private static List<Object> fullyAssured() {
        List<Object> events = new ArrayList<>();
        for (AssuranceTest test : AssuranceTest.values()) {
            events.add(assured(test, test == AssuranceTest.BED_CLOSURE ? AssuranceResult.NOT_APPLICABLE
                    : AssuranceResult.MET));
        }
        return events;
    }

    /** A service change of the kind that has moved one stage at a time to {@code stage}. */
    private static List<Object> historyTo(ServiceChangeKind kind, Stage stage) {
        List<Object> events = new ArrayList<>();
        events.add(proposed(kind));
        if (kind.needsFullAssurance() || kind.substantialByDefault()) {
            events.addAll(fullyAssured());
        }
        if (stage == Stage.WITHDRAWN) {
            events.add(advanced(Stage.PROPOSED, Stage.WITHDRAWN));
            return events;
        }
        for (int i = 1; i <= stage.ordinal(); i++) {
            events.add(advanced(Stage.values()[i - 1], Stage.values()[i]));
        }
        return events;
    }

    // --- proposal ------------------------------------------------------------------------------------------------

    @Test
    void aCurrentMemberProposesAServiceChange() {
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, ServiceChangeKind.BED_REDUCTION,
                        THEMES, CCG_01H, DESCRIPTION, true, PROPOSED_ON))
                .expectSuccessfulHandlerExecution()
                .expectEvents(proposed(ServiceChangeKind.BED_REDUCTION));
    }

    @Test
    void theLeadMustBeAMember() {
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, ServiceChangeKind.CLOSURE,
                        THEMES, SOUTH_TEES_CCG, DESCRIPTION, true, PROPOSED_ON))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "16C was not a member of partnership north-cumbria on 2016-09-19 (it has never been one)"));
    }

    @Test
    void theLeadCannotBeAMemberThatWithdrew() {
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE,
                        ServiceChangeKind.COMMUNITY_REDESIGN, THEMES, CUMBRIA_CC, DESCRIPTION, true, PROPOSED_ON))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("E10000006 was not a member of partnership "
                        + "north-cumbria on 2016-09-19"));
    }

    @Test
    void proposingInAnUnknownPartnershipIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, "west-cumbria", TITLE, ServiceChangeKind.EXPANSION,
                        THEMES, RNN, DESCRIPTION, true, PROPOSED_ON))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString("No partnership with id 'west-cumbria'"));
    }

    // --- stages --------------------------------------------------------------------------------------------------

    @Test
    void movesFromProposedToEngagement() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.PROPOSED))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.ENGAGEMENT, "Pre-consultation engagement begins"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.PROPOSED,
                        Stage.ENGAGEMENT, "Pre-consultation engagement begins"));
    }

    @Test
    void movesFromEngagementToConsultation() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.ENGAGEMENT))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.CONSULTATION,
                        "12-week public consultation, \"Healthcare for the Future\""))
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.ENGAGEMENT,
                        Stage.CONSULTATION, "12-week public consultation, \"Healthcare for the Future\""));
    }

    @Test
    void movesFromConsultationToDecided() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.CONSULTATION))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, "CCG governing body decided, 8 March"))
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.CONSULTATION,
                        Stage.DECIDED, "CCG governing body decided, 8 March"));
    }

    @Test
    void movesFromDecidedToImplementing() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.DECIDED))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.IMPLEMENTING, null))
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.DECIDED,
                        Stage.IMPLEMENTING, null));
    }

    @Test
    void movesFromImplementingToCompleted() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.IMPLEMENTING))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.COMPLETED, "Post-implementation review done"))
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.IMPLEMENTING,
                        Stage.COMPLETED, "Post-implementation review done"));
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @CsvSource({
            "PROPOSED, CONSULTATION",
            "PROPOSED, DECIDED",
            "PROPOSED, COMPLETED",
            "ENGAGEMENT, DECIDED",
            "CONSULTATION, IMPLEMENTING",
            "DECIDED, COMPLETED",
            "CONSULTATION, ENGAGEMENT",
            "IMPLEMENTING, DECIDED",
            "ENGAGEMENT, PROPOSED",
            "ENGAGEMENT, ENGAGEMENT"
    })
    void stagesCannotBeSkippedRepeatedOrReversed(Stage from, Stage to) {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, from))
                .when(new MoveServiceChange(SERVICE_CHANGE, to, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("cannot move from " + from + " to " + to))
                .expectExceptionMessage(Matchers.containsString("next allowed"));
    }

    static Stream<Stage> openStages() {
        return OPEN_STAGES.stream();
    }

    @ParameterizedTest(name = "withdrawn from {0}")
    @MethodSource("openStages")
    void canBeWithdrawnFromAnyOpenStage(Stage stage) {
        fixture.given(historyTo(ServiceChangeKind.CLOSURE, stage))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.WITHDRAWN, "Withdrawn after the IRP's advice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, stage,
                        Stage.WITHDRAWN, "Withdrawn after the IRP's advice"));
    }

    @Test
    void aClosureCanBeWithdrawnWithoutAnyAssurance() {
        fixture.given(proposed(ServiceChangeKind.CLOSURE),
                        advanced(Stage.PROPOSED, Stage.ENGAGEMENT),
                        advanced(Stage.ENGAGEMENT, Stage.CONSULTATION),
                        assured(AssuranceTest.PATIENT_CHOICE, AssuranceResult.NOT_MET))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.WITHDRAWN, "Did not meet the patient choice test"))
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.CONSULTATION,
                        Stage.WITHDRAWN, "Did not meet the patient choice test"));
    }

    static Stream<Arguments> movesOutOfClosedStages() {
        return Stream.of(Stage.COMPLETED, Stage.WITHDRAWN)
                .flatMap(closed -> Arrays.stream(Stage.values()).map(target -> Arguments.of(closed, target)));
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @MethodSource("movesOutOfClosedStages")
    void nothingMovesAfterCompletionOrWithdrawal(Stage closed, Stage target) {
        fixture.given(historyTo(ServiceChangeKind.NEW_SERVICE, closed))
                .when(new MoveServiceChange(SERVICE_CHANGE, target, "Reopen"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("cannot move from " + closed + " to " + target));
    }

    // --- assurance -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "recorded while {0}")
    @MethodSource("openStages")
    void assuranceIsRecordedInAnyOpenStage(Stage stage) {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, stage))
                .when(new RecordAssuranceTest(SERVICE_CHANGE, AssuranceTest.CLINICAL_EVIDENCE, AssuranceResult.MET,
                        "Northern Clinical Senate's review, para. 3.2", ASSESSED_ON, "Northern Clinical Senate"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AssuranceTestRecorded(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES,
                        AssuranceTest.CLINICAL_EVIDENCE, AssuranceResult.MET,
                        "Northern Clinical Senate's review, para. 3.2", ASSESSED_ON, "Northern Clinical Senate"));
    }

    @ParameterizedTest(name = "refused when {0}")
    @EnumSource(value = Stage.class, names = {"COMPLETED", "WITHDRAWN"})
    void assuranceCannotBeRecordedOnceClosed(Stage closed) {
        fixture.given(historyTo(ServiceChangeKind.CLOSURE, closed))
                .when(new RecordAssuranceTest(SERVICE_CHANGE, AssuranceTest.PUBLIC_ENGAGEMENT, AssuranceResult.MET,
                        "Late evidence", ASSESSED_ON, ASSESSOR))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is " + closed
                        + ": assurance can no longer be recorded"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServiceChangeKind.class, names = {"CLOSURE", "BED_REDUCTION"})
    void closuresAndBedReductionsCannotBeDecidedWithAnUnmetAssuranceTest(ServiceChangeKind kind) {
        List<Object> history = new ArrayList<>();
        history.add(proposed(kind));
        history.addAll(fullyAssured());
        history.add(assured(AssuranceTest.BED_CLOSURE, AssuranceResult.NOT_MET));
        history.add(advanced(Stage.PROPOSED, Stage.ENGAGEMENT));
        history.add(advanced(Stage.ENGAGEMENT, Stage.CONSULTATION));
        fixture.given(history)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("This substantial " + kind + " cannot be decided "
                        + "until these assurance tests are MET or NOT_APPLICABLE: [BED_CLOSURE]"));
    }

    /** A result dated ahead would count from that day: a mistyped year (2099) let a change be decided today. */
    @Test
    void anAssuranceTestCannotBeDatedAfterToday() {
        LocalDate ahead = LocalDate.now(ZoneId.of(BusinessDay.DEFAULT_ZONE)).plusDays(2);
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.CONSULTATION))
                .when(new RecordAssuranceTest(SERVICE_CHANGE, AssuranceTest.PATIENT_CHOICE, AssuranceResult.MET,
                        "Typo: meant the year before", ahead, ASSESSOR))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "An assurance test cannot be dated " + ahead + ", after today"));
    }

    /** Stored before such dates were refused: a result dated ahead is not in force today, so it does not pass. */
    @Test
    void aResultStoredWithALaterDateIsNotInForceWhenTheChangeIsDecided() {
        List<Object> history = new ArrayList<>(List.of(proposed(ServiceChangeKind.RECONFIGURATION)));
        history.addAll(fullyAssured());
        history.add(new AssuranceTestRecorded(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, AssuranceTest.PATIENT_CHOICE,
                AssuranceResult.NOT_MET, "Choice reduced for West Cumbria", ASSESSED_ON.plusDays(1), ASSESSOR));
        history.add(new AssuranceTestRecorded(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, AssuranceTest.PATIENT_CHOICE,
                AssuranceResult.MET, "Typo: meant 2019", LocalDate.of(2099, 1, 1), ASSESSOR));
        history.add(advanced(Stage.PROPOSED, Stage.ENGAGEMENT));
        history.add(advanced(Stage.ENGAGEMENT, Stage.CONSULTATION));
        fixture.given(history)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("[PATIENT_CHOICE]"));
    }

    /**
     * A test's result in force is the one assessed on the latest day, as ASSURANCE_NOT_MET judges it: the result
     * recorded last used to decide, so a back-loaded earlier assessment overturned a later one.
     */
    @Test
    void aBackLoadedEarlierAssessmentDoesNotOverturnALaterOne() {
        List<Object> history = new ArrayList<>(List.of(proposed(ServiceChangeKind.RECONFIGURATION)));
        history.addAll(fullyAssured());
        history.add(new AssuranceTestRecorded(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, AssuranceTest.PATIENT_CHOICE,
                AssuranceResult.NOT_MET, "An earlier draft", ASSESSED_ON.minusDays(30), ASSESSOR));
        history.add(advanced(Stage.PROPOSED, Stage.ENGAGEMENT));
        history.add(advanced(Stage.ENGAGEMENT, Stage.CONSULTATION));
        fixture.given(history)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.CONSULTATION,
                        Stage.DECIDED, null));

        List<Object> overturned = new ArrayList<>(List.of(proposed(ServiceChangeKind.RECONFIGURATION)));
        overturned.addAll(fullyAssured());
        overturned.set(overturned.size() - 2, new AssuranceTestRecorded(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES,
                AssuranceTest.PATIENT_CHOICE, AssuranceResult.NOT_MET, "Panel review", ASSESSED_ON.plusDays(30),
                ASSESSOR));
        overturned.add(new AssuranceTestRecorded(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, AssuranceTest.PATIENT_CHOICE,
                AssuranceResult.MET, "An earlier draft", ASSESSED_ON, ASSESSOR));
        overturned.add(advanced(Stage.PROPOSED, Stage.ENGAGEMENT));
        overturned.add(advanced(Stage.ENGAGEMENT, Stage.CONSULTATION));
        fixture.given(overturned)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("[PATIENT_CHOICE]"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServiceChangeKind.class, names = {"CLOSURE", "BED_REDUCTION"})
    void closuresAndBedReductionsCannotBeDecidedWithAMissingAssuranceTest(ServiceChangeKind kind) {
        fixture.given(proposed(kind),
                        assured(AssuranceTest.GP_COMMISSIONER_SUPPORT, AssuranceResult.MET),
                        assured(AssuranceTest.PUBLIC_ENGAGEMENT, AssuranceResult.MET),
                        assured(AssuranceTest.CLINICAL_EVIDENCE, AssuranceResult.MET),
                        advanced(Stage.PROPOSED, Stage.ENGAGEMENT),
                        advanced(Stage.ENGAGEMENT, Stage.CONSULTATION))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("NOT_APPLICABLE: [PATIENT_CHOICE, BED_CLOSURE]"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServiceChangeKind.class, names = {"CLOSURE", "BED_REDUCTION"})
    void closuresAndBedReductionsCannotBeDecidedWithNoAssuranceAtAll(ServiceChangeKind kind) {
        fixture.given(proposed(kind),
                        advanced(Stage.PROPOSED, Stage.ENGAGEMENT),
                        advanced(Stage.ENGAGEMENT, Stage.CONSULTATION))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "NOT_APPLICABLE: [GP_COMMISSIONER_SUPPORT, PUBLIC_ENGAGEMENT, CLINICAL_EVIDENCE, PATIENT_CHOICE, "
                                + "BED_CLOSURE]"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServiceChangeKind.class, names = {"CLOSURE", "BED_REDUCTION"})
    void closuresAndBedReductionsAreDecidedOnceEveryTestIsMetOrNotApplicable(ServiceChangeKind kind) {
        fixture.given(historyTo(kind, Stage.CONSULTATION))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, "All five tests assured by NHS England"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.CONSULTATION,
                        Stage.DECIDED, "All five tests assured by NHS England"));
    }

    @Test
    void aTestRecordedAgainReplacesItsEarlierResult() {
        List<Object> history = new ArrayList<>();
        history.add(proposed(ServiceChangeKind.CLOSURE));
        history.add(assured(AssuranceTest.GP_COMMISSIONER_SUPPORT, AssuranceResult.NOT_MET));
        history.addAll(fullyAssured());
        history.add(advanced(Stage.PROPOSED, Stage.ENGAGEMENT));
        history.add(advanced(Stage.ENGAGEMENT, Stage.CONSULTATION));
        fixture.given(history)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectEvents(advancedWithoutNote(Stage.CONSULTATION, Stage.DECIDED));
    }

    @Test
    void aTestThatLaterFailsBlocksTheDecisionAgain() {
        List<Object> history = new ArrayList<>(historyTo(ServiceChangeKind.BED_REDUCTION, Stage.CONSULTATION));
        history.add(assured(AssuranceTest.GP_COMMISSIONER_SUPPORT, AssuranceResult.NOT_MET));
        fixture.given(history)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("NOT_APPLICABLE: [GP_COMMISSIONER_SUPPORT]"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServiceChangeKind.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"CLOSURE", "BED_REDUCTION", "RECONFIGURATION"})
    void nonSubstantialKindsCanBeDecidedWithoutAssuranceTests(ServiceChangeKind kind) {
        fixture.given(historyTo(kind, Stage.CONSULTATION))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(advancedWithoutNote(Stage.CONSULTATION, Stage.DECIDED));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServiceChangeKind.class, mode = EnumSource.Mode.EXCLUDE,
            names = {"CLOSURE", "BED_REDUCTION", "RECONFIGURATION"})
    void nonSubstantialKindsCanBeDecidedEvenWithAnUnmetTest(ServiceChangeKind kind) {
        List<Object> history = new ArrayList<>(historyTo(kind, Stage.CONSULTATION));
        history.add(assured(AssuranceTest.PATIENT_CHOICE, AssuranceResult.NOT_MET));
        fixture.given(history)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectEvents(advancedWithoutNote(Stage.CONSULTATION, Stage.DECIDED));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServiceChangeKind.class, names = {"CLOSURE", "BED_REDUCTION"})
    void assuranceOnlyGatesTheMoveToDecided(ServiceChangeKind kind) {
        fixture.given(proposed(kind), assured(AssuranceTest.CLINICAL_EVIDENCE, AssuranceResult.NOT_MET))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.ENGAGEMENT, null))
                .expectEvents(advancedWithoutNote(Stage.PROPOSED, Stage.ENGAGEMENT));
    }

    private static ServiceChangeAdvanced advancedWithoutNote(Stage from, Stage to) {
        return new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, from, to, null);
    }

    // --- substantial or not; re-consultation; dates (issue 11) ----------------------------------------------------

    private static ServiceChangeProposed proposed(ServiceChangeKind kind, boolean substantial) {
        return new ServiceChangeProposed(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, kind, THEMES, CCG_01H, DESCRIPTION,
                substantial, PROPOSED_ON);
    }

    @Test
    void substantialDefaultsByKindButTheProposalMaySayOtherwise() {
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, ServiceChangeKind.RECONFIGURATION,
                        THEMES, CCG_01H, DESCRIPTION, false, PROPOSED_ON))
                .expectEvents(proposed(ServiceChangeKind.RECONFIGURATION, false));
    }

    @Test
    void aNonSubstantialChangeMayGoFromEngagementStraightToDecided() {
        fixture.given(proposed(ServiceChangeKind.COMMUNITY_REDESIGN, false), advanced(Stage.PROPOSED, Stage.ENGAGEMENT))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, "No formal consultation needed"))
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.ENGAGEMENT,
                        Stage.DECIDED, "No formal consultation needed"));
    }

    @Test
    void aSubstantialChangeCannotSkipConsultationEvenWhenFullyAssured() {
        List<Object> history = new ArrayList<>();
        history.add(proposed(ServiceChangeKind.COMMUNITY_REDESIGN, true));
        history.addAll(fullyAssured());
        history.add(advanced(Stage.PROPOSED, Stage.ENGAGEMENT));
        fixture.given(history)
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("(substantial) cannot move from ENGAGEMENT to DECIDED"));
    }

    @Test
    void aSubstantialReconfigurationNeedsTheFourTests() {
        fixture.given(proposed(ServiceChangeKind.RECONFIGURATION, true), advanced(Stage.PROPOSED, Stage.ENGAGEMENT),
                        advanced(Stage.ENGAGEMENT, Stage.CONSULTATION),
                        assured(AssuranceTest.PUBLIC_ENGAGEMENT, AssuranceResult.MET))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "NOT_APPLICABLE: [GP_COMMISSIONER_SUPPORT, CLINICAL_EVIDENCE, PATIENT_CHOICE]"));
    }

    @Test
    void aNonSubstantialClosureStillNeedsTheBedClosureTest() {
        fixture.given(proposed(ServiceChangeKind.CLOSURE, false), advanced(Stage.PROPOSED, Stage.ENGAGEMENT))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.DECIDED, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("CLOSURE cannot be decided until these assurance "
                        + "tests are MET or NOT_APPLICABLE: [BED_CLOSURE]"));
    }

    @Test
    void aDecidedChangeGoesBackToConsultationWithANote() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.DECIDED))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.CONSULTATION,
                        "Referred to the Secretary of State by the council's scrutiny committee"))
                .expectEvents(new ServiceChangeAdvanced(SERVICE_CHANGE, NORTH_CUMBRIA, THEMES, Stage.DECIDED,
                        Stage.CONSULTATION, "Referred to the Secretary of State by the council's scrutiny committee"));
    }

    @Test
    void goingBackToConsultationWithoutANoteIsRefused() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.DECIDED))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.CONSULTATION, " "))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("needs a note"));
    }

    @Test
    void anImplementingChangeCannotGoBackToConsultation() {
        fixture.given(historyTo(ServiceChangeKind.RECONFIGURATION, Stage.IMPLEMENTING))
                .when(new MoveServiceChange(SERVICE_CHANGE, Stage.CONSULTATION, "Referral"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void theLeadMayProposeOnTheDayItJoinedButNotTheDayBefore() {
        registry.memberBetween(NORTH_CUMBRIA, "RX7", true, PROPOSED_ON, null);
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, ServiceChangeKind.NEW_SERVICE,
                        THEMES, "RX7", DESCRIPTION, false, PROPOSED_ON.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, ServiceChangeKind.NEW_SERVICE,
                        THEMES, "RX7", DESCRIPTION, false, PROPOSED_ON))
                .expectSuccessfulHandlerExecution();
    }

    /** A back-loaded 2016 proposal may name a lead that withdrew in 2019. */
    @Test
    void aLeadThatLaterWithdrewMayLeadAnEarlierProposal() {
        registry.memberBetween(NORTH_CUMBRIA, "RNL", true, LocalDate.of(2016, 3, 1), LocalDate.of(2019, 9, 30));
        fixture.givenNoPriorActivity()
                .when(new ProposeServiceChange(SERVICE_CHANGE, NORTH_CUMBRIA, TITLE, ServiceChangeKind.NEW_SERVICE,
                        THEMES, "RNL", DESCRIPTION, false, PROPOSED_ON))
                .expectSuccessfulHandlerExecution();
    }
}
