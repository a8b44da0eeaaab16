package uk.nhs.stpgov.command.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.command.assessment.AssessmentCommands.AssessTheme;
import uk.nhs.stpgov.command.assessment.AssessmentCommands.RecordConfidence;
import uk.nhs.stpgov.command.common.BusinessDay;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** The assessments aggregate: its own stream per partnership, dated answers, respondents judged on their date. */
class AssessmentsTest {
    private static final String NC = "north-cumbria";
    private static final String ID = Assessments.idOf(NC);
    private static final String ANSWER = "7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b";
    private static final String QUESTION = "How confident are you that the system will deliver its financial plan?";
    /** BST began on 31 March 2019: 23:30 UTC that evening is 00:30 on 1 April in London. */
    private static final Instant LATE_EVENING_UTC = Instant.parse("2019-03-31T23:30:00Z");

    private FixtureConfiguration<Assessments> fixture;

    @BeforeEach
    void setUp() {
        InMemoryGovernanceRegistry registry = new InMemoryGovernanceRegistry()
                .memberBetween(NC, "01H", true, LocalDate.of(2016, 3, 1), LocalDate.of(2022, 7, 1));
        fixture = new AggregateTestFixture<>(Assessments.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(new BusinessDay(Clock.fixed(LATE_EVENING_UTC, ZoneOffset.UTC),
                ZoneId.of("Europe/London")));
    }

    private static List<ThemeAssessed.Answer> answers() {
        return List.of(new ThemeAssessed.Answer("FINANCE-1", "Is there one agreed system control total?",
                "Yes, since 2017/18"));
    }

    @Test
    void theFirstAssessmentCreatesThePartnershipsAssessmentStream() {
        LocalDate on = LocalDate.of(2019, 3, 15);
        fixture.givenNoPriorActivity()
                .when(new AssessTheme(ID, NC, ANSWER, ThemeCode.FINANCE, MaturityRating.DEVELOPING, answers(), on, null))
                .expectEvents(new ThemeAssessed(NC, ANSWER, ThemeCode.FINANCE, MaturityRating.DEVELOPING, answers(),
                        on));
    }

    /** A rating without one answer to its theme's questions says nothing (it was recorded with none). */
    @Test
    void anAssessmentAnswersAtLeastOneQuestionOfItsTheme() {
        LocalDate on = LocalDate.of(2019, 3, 15);
        for (List<ThemeAssessed.Answer> none : List.of(List.<ThemeAssessed.Answer>of(),
                List.of(new ThemeAssessed.Answer("FINANCE-1", "Is there one agreed system control total?", " ")))) {
            fixture.givenNoPriorActivity()
                    .when(new AssessTheme(ID, NC, ANSWER, ThemeCode.FINANCE, MaturityRating.DEVELOPING, none, on, null))
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(Matchers.containsString("answers at least one of its questions"));
        }
    }

    @Test
    void laterRecordsAppendToTheSameStream() {
        LocalDate on = LocalDate.of(2019, 3, 18);
        fixture.given(new ThemeAssessed(NC, ANSWER, ThemeCode.FINANCE, MaturityRating.DEVELOPING, answers(),
                        LocalDate.of(2019, 3, 15)))
                .when(new RecordConfidence(ID, NC, "8f9a0b1c-2d3e-4f50-9b6c-7d8e9f0a1b2c", QUESTION, "01H",
                        "Chief Finance Officer", ConfidenceLevel.LOW, "No agreed risk share", on, null))
                .expectEvents(new ConfidenceRecorded(NC, "8f9a0b1c-2d3e-4f50-9b6c-7d8e9f0a1b2c",
                        "Chief Finance Officer", ConfidenceLevel.LOW, "No agreed risk share", on, QUESTION, "01H"));
    }

    /** "Today" is the London day: 1 April 2019 at 00:30 BST, though it is still 31 March in UTC. */
    @Test
    void todayIsTheBusinessDayInLondonNotUtc() {
        fixture.givenNoPriorActivity()
                .when(new RecordConfidence(ID, NC, ANSWER, QUESTION, "01H", "Chief Finance Officer",
                        ConfidenceLevel.LOW, "r", LocalDate.of(2019, 4, 1), null))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(new RecordConfidence(ID, NC, ANSWER, QUESTION, "01H", "Chief Finance Officer",
                        ConfidenceLevel.LOW, "r", LocalDate.of(2019, 4, 2), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("after today (2019-04-01)"));
    }

    @Test
    void theRespondentsOrganisationMustHaveBeenAMemberThatDay() {
        fixture.givenNoPriorActivity()
                .when(new RecordConfidence(ID, NC, ANSWER, QUESTION, "QHM", "Chief Executive", ConfidenceLevel.HIGH,
                        "r", LocalDate.of(2019, 3, 1), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM was not a member"));
    }

    @Test
    void anUnknownPartnershipIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(new AssessTheme(Assessments.idOf("nowhere"), "nowhere", ANSWER, ThemeCode.FINANCE,
                        MaturityRating.EMERGING, answers(), LocalDate.of(2019, 3, 1), null))
                .expectNoEvents()
                .expectException(UnknownEntity.class);
    }
}
