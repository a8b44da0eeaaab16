package uk.nhs.stpgov.command.accountability;

import java.time.ZoneId;
import java.time.Clock;
import uk.nhs.stpgov.command.common.BusinessDay;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AcceptAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AssignAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.RelinquishAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.ReviewAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.registry.GovernanceRegistry.Holder;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityReviewed;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;

import java.time.LocalDate;
import java.util.Set;

/**
 * Issue 11's accountability rules: the one-ACCOUNTABLE rule judged by dates (a planned successor is accepted),
 * holders judged at the business date, reviews, and transfers and relinquishments dated ahead.
 */
class AccountabilityDatesTest {
    private static final String NC = "north-cumbria";
    private static final String ID = "acc00000-0000-4000-8000-0000000000b1";
    private static final String CURRENT = "acc00000-0000-4000-8000-0000000000b0";
    private static final Subject FINANCE = Subject.theme(ThemeCode.FINANCE);
    private static final String RNN = "RNN";
    private static final String CCG = "01H";
    private static final String ICB = "QHM";
    private static final LocalDate FROM = LocalDate.of(2018, 4, 1);
    private static final LocalDate HANDOVER = LocalDate.of(2019, 4, 1);

    private FixtureConfiguration<Accountability> fixture;
    private InMemoryGovernanceRegistry registry;

    @BeforeEach
    void setUp() {
        registry = new InMemoryGovernanceRegistry()
                .member(NC, RNN, true)
                .memberBetween(NC, CCG, true, LocalDate.of(2016, 3, 1), LocalDate.of(2022, 7, 1))
                .memberBetween(NC, ICB, true, LocalDate.of(2022, 7, 1), null);
        fixture = new AggregateTestFixture<>(Accountability.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(
                new BusinessDay(Clock.systemUTC(), ZoneId.of(BusinessDay.DEFAULT_ZONE)));
    }

    private static AssignAccountability assign(String ods, LocalDate from) {
        return new AssignAccountability(ID, NC, FINANCE, RaciRole.ACCOUNTABLE, ods, "Director of Finance", null,
                from, null, false);
    }

    private static AccountabilityAssigned assigned(String ods, LocalDate from) {
        return new AccountabilityAssigned(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE, ods,
                "Director of Finance", null, from, null, false);
    }

    private void currentHolderUntil(LocalDate endsOn) {
        registry.accountable(NC, FINANCE, new Holder(CURRENT, CCG, "Chief Finance Officer", null, FROM, endsOn));
    }

    @Test
    void aPlannedSuccessorStartingOnTheDayTheRelinquishmentTakesEffectIsAccepted() {
        currentHolderUntil(HANDOVER);
        fixture.givenNoPriorActivity()
                .when(assign(RNN, HANDOVER))
                .expectEvents(assigned(RNN, HANDOVER));
    }

    @Test
    void aSuccessorStartingTheDayBeforeTheRelinquishmentOverlapsAndIsRefused() {
        currentHolderUntil(HANDOVER);
        fixture.givenNoPriorActivity()
                .when(assign(RNN, HANDOVER.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H (Chief Finance Officer), the latest holder of "
                        + "accountability " + CURRENT + ", which runs from 2018-04-01 until 2019-04-01."));
    }

    @Test
    void anOpenEndedHolderStartingLaterStillOverlapsAnEarlierNewcomer() {
        registry.accountable(NC, FINANCE, new Holder(CURRENT, CCG, "Chief Finance Officer", null, HANDOVER, null));
        fixture.givenNoPriorActivity()
                .when(assign(RNN, FROM))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                // Outside tester: it said "a holder from 2018-04-01 ... the holder now", of one planned for 2019.
                .expectExceptionMessage(Matchers.containsString("Subject THEME:FINANCE already has an ACCOUNTABLE "
                        + "holder from 2019-04-01: 01H (Chief Finance Officer), the latest holder of accountability "
                        + CURRENT + ", which runs from 2019-04-01. An assignment from 2018-04-01 has no end, so it "
                        + "would overlap that one."));
    }

    @Test
    void theHolderMustBeAMemberOnEffectiveFrom() {
        fixture.givenNoPriorActivity()
                .when(assign(ICB, LocalDate.of(2022, 6, 30)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM was not a member of partnership north-cumbria "
                        + "on 2022-06-30"));
    }

    @Test
    void aBodyThatWasSucceededLaterMayBeAssignedForAnEarlierDate() {
        fixture.givenNoPriorActivity()
                .when(assign(CCG, FROM))
                .expectEvents(assigned(CCG, FROM));
    }

    @Test
    void aReviewIsRecordedWithTheNextReviewDate() {
        LocalDate on = LocalDate.of(2019, 3, 20);
        fixture.given(assigned(RNN, FROM))
                .when(new ReviewAccountability(ID, on, LocalDate.of(2020, 3, 31), "Reviewed with the 2019/20 plan"))
                .expectEvents(new AccountabilityReviewed(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), RNN, on,
                        LocalDate.of(2020, 3, 31), "Reviewed with the 2019/20 plan"));
    }

    @Test
    void aReviewCannotPrecedeTheAssignment() {
        fixture.given(assigned(RNN, FROM))
                .when(new ReviewAccountability(ID, FROM.minusDays(1), null, "Early"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("cannot be reviewed on 2018-03-31"));
    }

    @Test
    void aReviewOnOrAfterTheRelinquishmentIsRefusedButNotBefore() {
        AccountabilityRelinquished relinquished = new AccountabilityRelinquished(ID, NC, FINANCE,
                Set.of(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE, RNN, HANDOVER, "Post deleted");
        fixture.given(assigned(RNN, FROM), relinquished)
                .when(new ReviewAccountability(ID, HANDOVER, null, "Too late"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(assigned(RNN, FROM), relinquished)
                .when(new ReviewAccountability(ID, HANDOVER.minusDays(1), null, "Last review"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRelinquishmentDatedAheadLeavesTheAssignmentInForceUntilThen() {
        fixture.given(assigned(RNN, FROM), new AccountabilityRelinquished(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                        RaciRole.ACCOUNTABLE, RNN, HANDOVER, "Retiring"))
                .when(new AcceptAccountability(ID, HANDOVER.minusDays(1)))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), RNN,
                        HANDOVER.minusDays(1)));
    }

    @Test
    void aHolderAcceptsAsAMemberNotAfterItsOrganisationLeft() {
        // The CCG left on 2022-07-01 (its last day as a member): it can accept that day, not the day after.
        LocalDate left = LocalDate.of(2022, 7, 1);
        fixture.given(assigned(CCG, FROM))
                .when(new AcceptAccountability(ID, left.plusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(assigned(CCG, FROM))
                .when(new AcceptAccountability(ID, left))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), CCG, left));
    }

    @Test
    void aRelinquishmentCannotPrecedeTheAssignment() {
        fixture.given(assigned(RNN, FROM))
                .when(new RelinquishAccountability(ID, FROM.minusDays(1), "Never started"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aTransferDatedAheadLeavesTheFormerHolderToAcceptUntilThen() {
        AccountabilityTransferred transfer = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, RNN, "Director of Finance", CCG, "Chief Finance Officer", null, HANDOVER);
        fixture.given(assigned(RNN, FROM), transfer)
                .when(new AcceptAccountability(ID, HANDOVER.minusDays(1)))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), RNN,
                        HANDOVER.minusDays(1)));
        fixture.given(assigned(RNN, FROM), transfer)
                .when(new AcceptAccountability(ID, HANDOVER))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), CCG, HANDOVER));
    }

    @Test
    void aTransferCannotPrecedeItsHoldersAcceptance() {
        // RNN accepted on the handover day's tenth day; a transfer dated before that, loaded afterwards, would leave
        // the acceptance with a body that no longer held the office (found by exploring a reversed load).
        fixture.given(assigned(RNN, FROM), new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), RNN,
                        HANDOVER.plusDays(10)))
                .when(new TransferAccountability(ID, CCG, "Chief Finance Officer", null, HANDOVER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("accepted it on "
                        + HANDOVER.plusDays(10)));
    }

    @Test
    void aSecondTransferMustBeLaterThanTheFirst() {
        AccountabilityTransferred transfer = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, RNN, "Director of Finance", CCG, "Chief Finance Officer", null, HANDOVER);
        fixture.given(assigned(RNN, FROM), transfer)
                .when(new TransferAccountability(ID, RNN, "Chief Executive", null, HANDOVER))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void theTransfereeMustBeAMemberOnTheTransferDate() {
        fixture.given(assigned(RNN, FROM))
                .when(new TransferAccountability(ID, CCG, "Chief Finance Officer", null, LocalDate.of(2022, 7, 2)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H was not a member"));
    }

    @Test
    void aSuccessionTransferKeepsTheAcceptanceAndNamesThePredecessor() {
        LocalDate on = LocalDate.of(2022, 7, 1);
        fixture.given(assigned(CCG, FROM), new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), CCG,
                        FROM))
                .when(new TransferAccountability(ID, ICB, "Director of Finance", null, on, CCG, null))
                .expectEvents(new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                        RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null, on, CCG));
        fixture.given(assigned(CCG, FROM), new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), CCG,
                        FROM), new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                        RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null, on, CCG))
                .when(new AcceptAccountability(ID, on))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("already accepted by QHM"));
    }

    @Test
    void anAcceptanceRecordedAfterTheSuccessionPassedTheOfficeOnCarriesOnWithIt() {
        // A back-loaded log: the assignment passed to the ICB when it was loaded; the CCG's 2018 acceptance comes
        // after. It is the CCG's, and the ICB holds the office as accepted, as if it had been recorded first.
        LocalDate on = LocalDate.of(2022, 7, 1);
        AccountabilityTransferred passed = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null, on, CCG);
        fixture.given(assigned(CCG, FROM), passed)
                .when(new AcceptAccountability(ID, FROM.plusDays(10)))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), CCG,
                        FROM.plusDays(10)));
        fixture.given(assigned(CCG, FROM), passed, new AccountabilityAccepted(ID, NC, FINANCE,
                        Set.of(ThemeCode.FINANCE), CCG, FROM.plusDays(10)))
                .when(new AcceptAccountability(ID, on.plusDays(3)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("already accepted by QHM"));
    }

    @Test
    void anAcceptanceSignedBeforeTheOfficeBeganIsTheFirstHoldersAndCarriesOnAfterTheSuccession() {
        // Signed ahead of the start and back-loaded after the succession: it is the CCG's, for the office from its
        // first day, so the ICB holds it as accepted (the read side counts it from effectiveFrom, as here).
        LocalDate on = LocalDate.of(2022, 7, 1);
        AccountabilityTransferred passed = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null, on, CCG);
        fixture.given(assigned(CCG, FROM), passed)
                .when(new AcceptAccountability(ID, FROM.minusDays(31)))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), CCG,
                        FROM.minusDays(31)));
        fixture.given(assigned(CCG, FROM), passed, new AccountabilityAccepted(ID, NC, FINANCE,
                        Set.of(ThemeCode.FINANCE), CCG, FROM.minusDays(31)))
                .when(new AcceptAccountability(ID, on.plusDays(3)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("already accepted by QHM"));
    }

    @Test
    void aFormerHoldersLateAcceptanceDoesNotCarryOverAnOrdinaryTransfer() {
        AccountabilityTransferred moved = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, CCG, "Director of Finance", RNN, "Director of Finance", null, HANDOVER, null);
        fixture.given(assigned(CCG, FROM), moved, new AccountabilityAccepted(ID, NC, FINANCE,
                        Set.of(ThemeCode.FINANCE), CCG, FROM.plusDays(10)))
                .when(new AcceptAccountability(ID, HANDOVER.plusDays(3)))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), RNN,
                        HANDOVER.plusDays(3)));
    }

    @Test
    void aRelinquishmentDatedBeforeTheSuccessionThatPassedTheOfficeOnEndsItThere() {
        // A back-loaded log: the CCG's lead left the post in 2020; the assignment had passed to the ICB in 2022 when
        // it was loaded. The relinquishment is the CCG's, and the succession passed nothing on.
        LocalDate left = LocalDate.of(2020, 6, 30);
        AccountabilityTransferred passed = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null,
                LocalDate.of(2022, 7, 1), CCG);
        fixture.given(assigned(CCG, FROM), passed)
                .when(new RelinquishAccountability(ID, left, "Post abolished"))
                .expectEvents(new AccountabilityRelinquished(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                        RaciRole.ACCOUNTABLE, CCG, left, "Post abolished"));
        // An ordinary transfer still bounds it: the new holder's office starts at the transfer.
        AccountabilityTransferred moved = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, CCG, "Director of Finance", RNN, "Director of Finance", null, HANDOVER, null);
        fixture.given(assigned(CCG, FROM), moved)
                .when(new RelinquishAccountability(ID, HANDOVER.minusDays(1), "Too early"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("before its current holder's start on " + HANDOVER));
    }

    /**
     * The outside tester's second find: the CCG's 2021 transfer to a trust, back-loaded after the CCG's 2022
     * succession had passed the office to the ICB, was refused. It is the CCG's, as if it had been recorded first: the
     * succession passed nothing, and the trust holds the office from the transfer (a later transfer is from the trust).
     */
    @Test
    void aTransferDatedBeforeTheSuccessionThatPassedTheOfficeOnIsThePredecessorsAndTheSuccessionPassedNothing() {
        LocalDate transferred = LocalDate.of(2021, 4, 1);
        AccountabilityTransferred passed = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null,
                LocalDate.of(2022, 7, 1), CCG);
        AccountabilityTransferred toTheTrust = new AccountabilityTransferred(ID, NC, FINANCE,
                Set.of(ThemeCode.FINANCE), RaciRole.ACCOUNTABLE, CCG, "Director of Finance", RNN,
                "Director of Finance", null, transferred, null);
        fixture.given(assigned(CCG, FROM), passed)
                .when(new TransferAccountability(ID, RNN, "Director of Finance", null, transferred))
                .expectEvents(toTheTrust);
        fixture.given(assigned(CCG, FROM), passed, toTheTrust)
                .when(new TransferAccountability(ID, ICB, "Chief Finance Officer", null, LocalDate.of(2023, 1, 1)))
                .expectEvents(new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                        RaciRole.ACCOUNTABLE, RNN, "Director of Finance", ICB, "Chief Finance Officer", null,
                        LocalDate.of(2023, 1, 1), null));
        // The trust holds it from the transfer, not accepted yet: its acceptance in 2022 is its own.
        fixture.given(assigned(CCG, FROM), passed, toTheTrust)
                .when(new AcceptAccountability(ID, LocalDate.of(2022, 8, 1)))
                .expectEvents(new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), RNN,
                        LocalDate.of(2022, 8, 1)));
    }

    @Test
    void aTransferBeforeASuccessionIsRefusedOnceTheSuccessorAcceptedTheOffice() {
        LocalDate succession = LocalDate.of(2022, 7, 1);
        fixture.given(assigned(CCG, FROM), new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                        RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null, succession,
                        CCG), new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), ICB,
                        succession.plusDays(30)))
                .when(new TransferAccountability(ID, RNN, "Director of Finance", null, LocalDate.of(2021, 4, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("it passed to QHM by succession on 2022-07-01, which "
                        + "accepted it on 2022-07-31"));
    }

    @Test
    void aTransferBeforeASuccessionIsStillJudgedAgainstThePredecessorsOwnStartAndAcceptance() {
        AccountabilityTransferred passed = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, CCG, "Director of Finance", ICB, "Director of Finance", null,
                LocalDate.of(2022, 7, 1), CCG);
        fixture.given(assigned(CCG, FROM), new AccountabilityAccepted(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE), CCG,
                        HANDOVER), passed)
                .when(new TransferAccountability(ID, RNN, "Director of Finance", null, HANDOVER.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("its holder 01H accepted it on " + HANDOVER));
        // An ordinary transfer to the CCG stands in the way: the office was the CCG's from it.
        AccountabilityTransferred moved = new AccountabilityTransferred(ID, NC, FINANCE, Set.of(ThemeCode.FINANCE),
                RaciRole.ACCOUNTABLE, RNN, "Director of Finance", CCG, "Director of Finance", null, HANDOVER, null);
        fixture.given(assigned(RNN, FROM), moved, passed)
                .when(new TransferAccountability(ID, RNN, "Chief Executive", null, HANDOVER.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("its holder 01H holds it from " + HANDOVER));
    }
}
