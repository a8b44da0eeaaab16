package uk.nhs.stpgov.command.accountability;

import java.time.ZoneId;
import java.time.Clock;
import uk.nhs.stpgov.command.common.BusinessDay;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AcceptAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AssignAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.RelinquishAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.ReviewAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.registry.GovernanceRegistry.Holder;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.SubjectType;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;

import java.time.LocalDate;
import java.util.Set;

/**
 * Rules of the {@link Accountability} aggregate: one ACCOUNTABLE per subject (unless knowingly joint), holders who
 * are current members, and the accept / relinquish / transfer lifecycle.
 */
class AccountabilityTest {

    private static final String NORTH_CUMBRIA = "north-cumbria";
    private static final String SOUTH_TEES = "south-tees";
    private static final String ACCOUNTABILITY = "acc00000-0000-4000-8000-000000000001";
    private static final String EXISTING = "acc00000-0000-4000-8000-000000000000";

    private static final String SERVICE_CHANGE = "c0ffee00-1234-4abc-8def-0123456789ab";
    private static final String DECISION = "d1e2c3a4-0000-4000-8000-000000000001";
    private static final String OTHER_PARTNERSHIPS_CHANGE = "5e5e5e5e-0000-4000-8000-000000000002";

    /** North Cumbria Integrated Care NHS Foundation Trust. */
    private static final String RNN = "RNN";
    /** NHS North Cumbria CCG. */
    private static final String CCG_01H = "01H";
    /** Cumbria County Council, which has left the partnership. */
    private static final String CUMBRIA_CC = "E10000006";
    /** NHS South Tees CCG: a member of another partnership only. */
    private static final String SOUTH_TEES_CCG = "16C";

    private static final Subject FINANCE = Subject.theme(ThemeCode.FINANCE);
    private static final String DIRECTOR_OF_FINANCE = "Director of Finance";
    private static final String FINANCE_PERSON = "Siobhan O'Neill";
    private static final String CHIEF_FINANCE_OFFICER = "Chief Finance Officer";
    private static final LocalDate FROM = LocalDate.of(2018, 4, 1);
    private static final LocalDate REVIEW_BY = LocalDate.of(2019, 3, 31);

    private FixtureConfiguration<Accountability> fixture;
    private InMemoryGovernanceRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryGovernanceRegistry()
                .member(NORTH_CUMBRIA, RNN, true)
                .member(NORTH_CUMBRIA, CCG_01H, true)
                .withdrawnMember(NORTH_CUMBRIA, CUMBRIA_CC, true)
                .serviceChange(NORTH_CUMBRIA, SERVICE_CHANGE, ThemeCode.ENGAGEMENT, ThemeCode.FINANCE)
                .decision(NORTH_CUMBRIA, DECISION, DecisionStatus.ACTIVE, ThemeCode.DECISIONS)
                .member(SOUTH_TEES, SOUTH_TEES_CCG, true)
                .serviceChange(SOUTH_TEES, OTHER_PARTNERSHIPS_CHANGE, ThemeCode.FINANCE);
        fixture = new AggregateTestFixture<>(Accountability.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(
                new BusinessDay(Clock.systemUTC(), ZoneId.of(BusinessDay.DEFAULT_ZONE)));
    }

    // --- fixtures of history -------------------------------------------------------------------------------------

    private static AssignAccountability assign(Subject subject, RaciRole role, String odsCode, boolean joint) {
        return new AssignAccountability(ACCOUNTABILITY, NORTH_CUMBRIA, subject, role, odsCode, DIRECTOR_OF_FINANCE,
                FINANCE_PERSON, FROM, REVIEW_BY, joint);
    }

    private static AccountabilityAssigned assigned(Subject subject, Set<ThemeCode> themes, RaciRole role,
                                                   String odsCode, boolean joint) {
        return new AccountabilityAssigned(ACCOUNTABILITY, NORTH_CUMBRIA, subject, themes, role, odsCode,
                DIRECTOR_OF_FINANCE, FINANCE_PERSON, FROM, REVIEW_BY, joint);
    }

    /** RNN's Director of Finance is ACCOUNTABLE for the FINANCE theme. */
    private static AccountabilityAssigned assigned() {
        return assigned(FINANCE, Set.of(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE, RNN, false);
    }

    private static AccountabilityAccepted accepted(String odsCode, LocalDate on) {
        return new AccountabilityAccepted(ACCOUNTABILITY, NORTH_CUMBRIA, FINANCE, Set.of(ThemeCode.FINANCE), odsCode,
                on);
    }

    private static AccountabilityTransferred transferredToCcg() {
        return new AccountabilityTransferred(ACCOUNTABILITY, NORTH_CUMBRIA, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, RNN, DIRECTOR_OF_FINANCE, CCG_01H, CHIEF_FINANCE_OFFICER, "Dr A. McKenzie-Smith",
                LocalDate.of(2018, 10, 1));
    }

    private static AccountabilityRelinquished relinquished() {
        return new AccountabilityRelinquished(ACCOUNTABILITY, NORTH_CUMBRIA, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, RNN, LocalDate.of(2018, 12, 31), "Post deleted in the trust's restructure");
    }

    /** CCG's Chief Finance Officer already holds ACCOUNTABLE for FINANCE. */
    private void ccgAlreadyAccountableForFinance() {
        registry.accountable(NORTH_CUMBRIA, FINANCE,
                new Holder(EXISTING, CCG_01H, CHIEF_FINANCE_OFFICER, "Mary-Anne D'Souza",
                        LocalDate.of(2016, 4, 1), null));
    }

    // --- assignment ----------------------------------------------------------------------------------------------

    @Test
    void assignsAccountabilityForATheme() {
        fixture.givenNoPriorActivity()
                .when(assign(FINANCE, RaciRole.ACCOUNTABLE, RNN, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(assigned());
    }

    @Test
    void aSecondAccountableHolderIsRefusedNamingTheCurrentOne() {
        ccgAlreadyAccountableForFinance();
        fixture.givenNoPriorActivity()
                .when(assign(FINANCE, RaciRole.ACCOUNTABLE, RNN, false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("Subject THEME:FINANCE already has an ACCOUNTABLE "
                        + "holder from 2018-04-01: 01H (Chief Finance Officer, Mary-Anne D'Souza), the latest holder of "
                        + "accountability " + EXISTING + ", which runs from 2016-04-01."))
                .expectExceptionMessage(Matchers.containsString("\"joint\": true"));
    }

    @Test
    void aJointAccountableHolderIsRecordedWhenAskedFor() {
        ccgAlreadyAccountableForFinance();
        fixture.givenNoPriorActivity()
                .when(assign(FINANCE, RaciRole.ACCOUNTABLE, RNN, true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(assigned(FINANCE, Set.of(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE, RNN, true));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RaciRole.class, mode = EnumSource.Mode.EXCLUDE, names = "ACCOUNTABLE")
    void otherRolesNeverConflictWithTheAccountableHolder(RaciRole role) {
        ccgAlreadyAccountableForFinance();
        fixture.givenNoPriorActivity()
                .when(assign(FINANCE, role, RNN, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(assigned(FINANCE, Set.of(ThemeCode.FINANCE), role, RNN, false));
    }

    @Test
    void anAccountableHolderOfAnotherSubjectDoesNotConflict() {
        ccgAlreadyAccountableForFinance();
        Subject risk = Subject.theme(ThemeCode.RISK);
        fixture.givenNoPriorActivity()
                .when(assign(risk, RaciRole.ACCOUNTABLE, RNN, false))
                .expectEvents(assigned(risk, Set.of(ThemeCode.RISK), RaciRole.ACCOUNTABLE, RNN, false));
    }

    @Test
    void theSameHolderCannotBeMadeAccountableTwiceWithoutSayingJoint() {
        registry.accountable(NORTH_CUMBRIA, FINANCE, new Holder(EXISTING, RNN, DIRECTOR_OF_FINANCE, FINANCE_PERSON,
                LocalDate.of(2016, 4, 1), null));
        fixture.givenNoPriorActivity()
                .when(assign(FINANCE, RaciRole.ACCOUNTABLE, RNN, false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("RNN (Director of Finance, Siobhan O'Neill"));
    }

    @Test
    void theHolderMustBeAMember() {
        fixture.givenNoPriorActivity()
                .when(assign(FINANCE, RaciRole.RESPONSIBLE, SOUTH_TEES_CCG, false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "16C was not a member of partnership north-cumbria"));
    }

    @Test
    void theHolderCannotBeAMemberThatWithdrew() {
        fixture.givenNoPriorActivity()
                .when(assign(FINANCE, RaciRole.ACCOUNTABLE, CUMBRIA_CC, false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("E10000006 was not a member of partnership"));
    }

    @Test
    void assigningInAnUnknownPartnershipIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(new AssignAccountability(ACCOUNTABILITY, "west-cumbria", FINANCE, RaciRole.ACCOUNTABLE, RNN,
                        DIRECTOR_OF_FINANCE, null, FROM, null, false))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString("No partnership with id 'west-cumbria'"));
    }

    @Test
    void aServiceChangeSubjectCarriesTheServiceChangesThemes() {
        Subject change = new Subject(SubjectType.SERVICE_CHANGE, SERVICE_CHANGE);
        fixture.givenNoPriorActivity()
                .when(assign(change, RaciRole.ACCOUNTABLE, CCG_01H, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(assigned(change, Set.of(ThemeCode.ENGAGEMENT, ThemeCode.FINANCE), RaciRole.ACCOUNTABLE,
                        CCG_01H, false));
    }

    @Test
    void aDecisionSubjectCarriesTheDecisionsTheme() {
        Subject decision = new Subject(SubjectType.DECISION, DECISION);
        fixture.givenNoPriorActivity()
                .when(assign(decision, RaciRole.RESPONSIBLE, RNN, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(assigned(decision, Set.of(ThemeCode.DECISIONS), RaciRole.RESPONSIBLE, RNN, false));
    }

    @Test
    void anUnknownServiceChangeSubjectIsRefused() {
        String unknown = "0e0e0e0e-0000-4000-8000-000000000000";
        fixture.givenNoPriorActivity()
                .when(assign(new Subject(SubjectType.SERVICE_CHANGE, unknown), RaciRole.ACCOUNTABLE, RNN, false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Service change " + unknown + " is not part of north-cumbria"));
    }

    @Test
    void aServiceChangeOfAnotherPartnershipIsRefused() {
        fixture.givenNoPriorActivity()
                .when(assign(new Subject(SubjectType.SERVICE_CHANGE, OTHER_PARTNERSHIPS_CHANGE), RaciRole.INFORMED,
                        RNN, false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is not part of north-cumbria"));
    }

    @Test
    void anUnknownDecisionSubjectIsRefused() {
        String unknown = "0d0d0d0d-0000-4000-8000-000000000000";
        fixture.givenNoPriorActivity()
                .when(assign(new Subject(SubjectType.DECISION, unknown), RaciRole.ACCOUNTABLE, RNN, false))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("Decision " + unknown + " is not part of north-cumbria"));
    }

    // --- acceptance ----------------------------------------------------------------------------------------------

    @Test
    void theHolderAcceptsTheAssignment() {
        LocalDate on = LocalDate.of(2018, 4, 9);
        fixture.given(assigned())
                .when(new AcceptAccountability(ACCOUNTABILITY, on))
                .expectSuccessfulHandlerExecution()
                .expectEvents(accepted(RNN, on));
    }

    /** An acceptance or a review records what happened: not dated ahead (a planned start may be). */
    @Test
    void anAcceptanceOrAReviewCannotBeDatedAfterToday() {
        LocalDate ahead = LocalDate.now(ZoneId.of(BusinessDay.DEFAULT_ZONE)).plusDays(2);
        fixture.given(assigned())
                .when(new AcceptAccountability(ACCOUNTABILITY, ahead))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("An acceptance cannot be dated " + ahead));
        fixture.given(assigned())
                .when(new ReviewAccountability(ACCOUNTABILITY, ahead, null, "Reviewed"))
                .expectNoEvents()
                .expectExceptionMessage(Matchers.containsString("A review cannot be dated " + ahead));
    }

    @Test
    void anAssignmentIsAcceptedOnlyOnce() {
        fixture.given(assigned(), accepted(RNN, LocalDate.of(2018, 4, 9)))
                .when(new AcceptAccountability(ACCOUNTABILITY, LocalDate.of(2018, 4, 10)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Accountability " + ACCOUNTABILITY + " is already accepted by RNN"));
    }

    // --- relinquishment ------------------------------------------------------------------------------------------

    @Test
    void theHolderRelinquishesTheAssignment() {
        fixture.given(assigned(), accepted(RNN, LocalDate.of(2018, 4, 9)))
                .when(new RelinquishAccountability(ACCOUNTABILITY, LocalDate.of(2018, 12, 31),
                        "Post deleted in the trust's restructure"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(relinquished());
    }

    @Test
    void anUnacceptedAssignmentCanBeRelinquished() {
        fixture.given(assigned())
                .when(new RelinquishAccountability(ACCOUNTABILITY, LocalDate.of(2018, 12, 31),
                        "Post deleted in the trust's restructure"))
                .expectEvents(relinquished());
    }

    @Test
    void nothingCanBeRelinquishedTwice() {
        fixture.given(assigned(), relinquished())
                .when(new RelinquishAccountability(ACCOUNTABILITY, LocalDate.of(2019, 1, 31), "Again"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is already relinquished from 2018-12-31"));
    }

    @Test
    void aRelinquishedAssignmentCannotBeAccepted() {
        fixture.given(assigned(), relinquished())
                .when(new AcceptAccountability(ACCOUNTABILITY, LocalDate.of(2019, 1, 31)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("was relinquished from 2018-12-31 and cannot be accepted"));
    }

    @Test
    void aRelinquishedAssignmentCannotBeTransferred() {
        fixture.given(assigned(), relinquished())
                .when(new TransferAccountability(ACCOUNTABILITY, CCG_01H, CHIEF_FINANCE_OFFICER, null,
                        LocalDate.of(2019, 1, 31)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("was relinquished from 2018-12-31 and cannot be transferred"));
    }

    // --- transfer ------------------------------------------------------------------------------------------------

    @Test
    void anAssignmentIsTransferredToAnotherMember() {
        fixture.given(assigned(), accepted(RNN, LocalDate.of(2018, 4, 9)))
                .when(new TransferAccountability(ACCOUNTABILITY, CCG_01H, CHIEF_FINANCE_OFFICER,
                        "Dr A. McKenzie-Smith", LocalDate.of(2018, 10, 1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(transferredToCcg());
    }

    @Test
    void aTransferIsNotRefusedByTheOneAccountableRule() {
        registry.accountable(NORTH_CUMBRIA, FINANCE, new Holder(ACCOUNTABILITY, RNN, DIRECTOR_OF_FINANCE,
                FINANCE_PERSON, LocalDate.of(2016, 4, 1), null));
        fixture.given(assigned())
                .when(new TransferAccountability(ACCOUNTABILITY, CCG_01H, CHIEF_FINANCE_OFFICER,
                        "Dr A. McKenzie-Smith", LocalDate.of(2018, 10, 1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(transferredToCcg());
    }

    @Test
    void anAssignmentMayPassToAnotherPostInTheSameOrganisation() {
        LocalDate on = LocalDate.of(2018, 10, 1);
        fixture.given(assigned())
                .when(new TransferAccountability(ACCOUNTABILITY, RNN, "Deputy Director of Finance", null, on))
                .expectEvents(new AccountabilityTransferred(ACCOUNTABILITY, NORTH_CUMBRIA, FINANCE,
                        Set.of(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE, RNN, DIRECTOR_OF_FINANCE, RNN,
                        "Deputy Director of Finance", null, on));
    }

    @Test
    void anAssignmentCannotBeTransferredToItsCurrentHolder() {
        fixture.given(assigned())
                .when(new TransferAccountability(ACCOUNTABILITY, RNN, DIRECTOR_OF_FINANCE, "Someone else",
                        LocalDate.of(2018, 10, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "Accountability " + ACCOUNTABILITY + " is already held by RNN Director of Finance"));
    }

    @Test
    void anAssignmentCannotBeTransferredToANonMember() {
        fixture.given(assigned())
                .when(new TransferAccountability(ACCOUNTABILITY, SOUTH_TEES_CCG, CHIEF_FINANCE_OFFICER, null,
                        LocalDate.of(2018, 10, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "16C was not a member of partnership north-cumbria"));
    }

    @Test
    void anAssignmentCannotBeTransferredToAMemberThatWithdrew() {
        fixture.given(assigned())
                .when(new TransferAccountability(ACCOUNTABILITY, CUMBRIA_CC, "Director of Public Health", null,
                        LocalDate.of(2018, 10, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("E10000006 was not a member of partnership"));
    }

    @Test
    void aTransferredAssignmentMustBeAcceptedByItsNewHolder() {
        LocalDate on = LocalDate.of(2018, 10, 8);
        fixture.given(assigned(), accepted(RNN, LocalDate.of(2018, 4, 9)), transferredToCcg())
                .when(new AcceptAccountability(ACCOUNTABILITY, on))
                .expectSuccessfulHandlerExecution()
                .expectEvents(accepted(CCG_01H, on));
    }

    @Test
    void aTransferredAssignmentIsRelinquishedByItsNewHolder() {
        LocalDate on = LocalDate.of(2019, 3, 31);
        fixture.given(assigned(), transferredToCcg())
                .when(new RelinquishAccountability(ACCOUNTABILITY, on, "CCG's functions moved to the ICB"))
                .expectEvents(new AccountabilityRelinquished(ACCOUNTABILITY, NORTH_CUMBRIA, FINANCE,
                        Set.of(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE, CCG_01H, on,
                        "CCG's functions moved to the ICB"));
    }

    @Test
    void anAssignmentCannotBeTransferredBackToTheHolderItJustLeft() {
        fixture.given(assigned(), transferredToCcg())
                .when(new TransferAccountability(ACCOUNTABILITY, CCG_01H, CHIEF_FINANCE_OFFICER, null,
                        LocalDate.of(2018, 11, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is already held by 01H Chief Finance Officer"));
    }
}
