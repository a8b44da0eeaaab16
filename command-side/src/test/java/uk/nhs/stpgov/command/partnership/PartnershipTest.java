package uk.nhs.stpgov.command.partnership;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.command.common.BusinessDay;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.DelegateAuthority;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RegisterPartnership;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RevokeDelegation;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.WithdrawMember;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.command.registry.MemberAct;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Rules of the {@link Partnership} aggregate: members, forums and delegations (see also {@link PartnershipHistoryTest}). */
class PartnershipTest {

    private static final String NORTH_CUMBRIA = "north-cumbria";
    private static final String NAME = "North Cumbria Health & Care System";
    private static final String REGION = "North East and North Cumbria";

    /** North Cumbria Integrated Care NHS Foundation Trust. */
    private static final String RNN = "RNN";
    /** NHS North Cumbria CCG. */
    private static final String CCG_01H = "01H";
    /** Cumbria County Council. */
    private static final String CUMBRIA_CC = "E10000006";
    /** Healthwatch Cumbria: a member, but not a statutory body. */
    private static final String HEALTHWATCH = "HWCUMB";
    /** NHS South Tees CCG: not a member of this partnership. */
    private static final String SOUTH_TEES_CCG = "16C";

    private static final String BOARD = "6f1d2c3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
    private static final String JOINT_COMMITTEE = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final String DELEGATION = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091";
    private static final String OTHER_DELEGATION = "3c4d5e6f-7081-4923-8b4c-5d6e7f8091a2";

    private static final LocalDate APRIL_2017 = LocalDate.of(2017, 4, 1);
    private static final LocalDate JUNE_2017 = LocalDate.of(2017, 6, 19);
    private static final LocalDate OCTOBER_2018 = LocalDate.of(2018, 10, 1);
    /** The forums are established after every member has joined. */
    private static final LocalDate JULY_2017 = LocalDate.of(2017, 7, 1);

    private FixtureConfiguration<Partnership> fixture;
    /** What other aggregates' records say about the members (the acts that name them on a day). */
    private InMemoryGovernanceRegistry registry;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partnership.class);
        registry = new InMemoryGovernanceRegistry();
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(new BusinessDay(Clock.fixed(Instant.parse("2023-06-01T12:00:00Z"),
                ZoneOffset.UTC), ZoneId.of(BusinessDay.DEFAULT_ZONE)));
    }

    // --- fixtures of history -------------------------------------------------------------------------------------

    private static PartnershipRegistered registered() {
        return new PartnershipRegistered(NORTH_CUMBRIA, NAME, REGION);
    }

    private static MemberAdmitted trustAdmitted() {
        return new MemberAdmitted(NORTH_CUMBRIA, RNN, "North Cumbria Integrated Care NHS Foundation Trust",
                Sector.FOUNDATION_TRUST, true, APRIL_2017);
    }

    private static MemberAdmitted ccgAdmitted() {
        return new MemberAdmitted(NORTH_CUMBRIA, CCG_01H, "NHS North Cumbria CCG", Sector.CCG, true, APRIL_2017);
    }

    private static MemberAdmitted councilAdmitted() {
        return new MemberAdmitted(NORTH_CUMBRIA, CUMBRIA_CC, "Cumbria County Council", Sector.LOCAL_AUTHORITY, true,
                APRIL_2017);
    }

    private static MemberAdmitted healthwatchAdmitted() {
        return new MemberAdmitted(NORTH_CUMBRIA, HEALTHWATCH, "Healthwatch Cumbria (People First, Carlisle)",
                Sector.HEALTHWATCH, false, JUNE_2017);
    }

    private static ForumEstablished boardEstablished() {
        return new ForumEstablished(NORTH_CUMBRIA, BOARD, "North Cumbria Health & Care Partnership Board",
                ForumKind.PARTNERSHIP_BOARD, List.of(RNN, CCG_01H, CUMBRIA_CC),
                Set.of(ThemeCode.VISION, ThemeCode.DECISIONS, ThemeCode.FINANCE), JULY_2017);
    }

    private static ForumEstablished jointCommitteeEstablished() {
        return new ForumEstablished(NORTH_CUMBRIA, JOINT_COMMITTEE, "Joint Committee for Women's & Children's Services",
                ForumKind.JOINT_COMMITTEE, List.of(RNN, CCG_01H), Set.of(ThemeCode.DECISIONS), JULY_2017);
    }

    private static AuthorityDelegated delegated() {
        return new AuthorityDelegated(NORTH_CUMBRIA, BOARD, DELEGATION, CCG_01H,
                Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE), OCTOBER_2018, LocalDate.of(2020, 3, 31));
    }

    // --- registration --------------------------------------------------------------------------------------------

    @Test
    void registersAPartnership() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnership(NORTH_CUMBRIA, NAME, REGION))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PartnershipRegistered(NORTH_CUMBRIA, NAME, REGION));
    }

    /**
     * The aggregate has no check of its own: the partnership id is the event stream's id, so the store refuses a
     * second stream with it (answered 409 by the web layer).
     */
    @Test
    void aPartnershipIdCannotBeRegisteredTwice() {
        fixture.given(registered())
                .when(new RegisterPartnership(NORTH_CUMBRIA, "North Cumbria STP", REGION))
                .expectNoEvents()
                .expectException(EventStoreException.class);
    }

    @Test
    void commandsToAnUnregisteredPartnershipFindNothing() {
        fixture.givenNoPriorActivity()
                .when(new AdmitMember(NORTH_CUMBRIA, RNN, "North Cumbria Integrated Care NHS Foundation Trust",
                        Sector.FOUNDATION_TRUST, true, APRIL_2017))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // --- members -------------------------------------------------------------------------------------------------

    @Test
    void admitsAMember() {
        fixture.given(registered())
                .when(new AdmitMember(NORTH_CUMBRIA, RNN, "North Cumbria Integrated Care NHS Foundation Trust",
                        Sector.FOUNDATION_TRUST, true, APRIL_2017))
                .expectSuccessfulHandlerExecution()
                .expectEvents(trustAdmitted());
    }

    @Test
    void admitsANonStatutoryMember() {
        fixture.given(registered(), trustAdmitted())
                .when(new AdmitMember(NORTH_CUMBRIA, HEALTHWATCH, "Healthwatch Cumbria (People First, Carlisle)",
                        Sector.HEALTHWATCH, false, JUNE_2017))
                .expectEvents(healthwatchAdmitted());
    }

    @Test
    void cannotAdmitACurrentMemberTwice() {
        fixture.given(registered(), trustAdmitted())
                .when(new AdmitMember(NORTH_CUMBRIA, RNN, "North Cumbria Integrated Care NHS Foundation Trust",
                        Sector.FOUNDATION_TRUST, true, JUNE_2017))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("RNN is already a member of north-cumbria"));
    }

    @Test
    void aMemberThatWithdrewCanBeAdmittedAgain() {
        LocalDate rejoined = LocalDate.of(2019, 4, 1);
        fixture.given(registered(), ccgAdmitted(),
                        new MemberWithdrew(NORTH_CUMBRIA, CCG_01H, OCTOBER_2018, "Merged into the ICS footprint"))
                .when(new AdmitMember(NORTH_CUMBRIA, CCG_01H, "NHS North Cumbria CCG", Sector.CCG, true, rejoined))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberAdmitted(NORTH_CUMBRIA, CCG_01H, "NHS North Cumbria CCG", Sector.CCG, true,
                        rejoined));
    }

    @Test
    void aMemberWithdraws() {
        fixture.given(registered(), councilAdmitted())
                .when(new WithdrawMember(NORTH_CUMBRIA, CUMBRIA_CC, OCTOBER_2018,
                        "Council's cabinet resolved to leave, pending review of the S75 agreement"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberWithdrew(NORTH_CUMBRIA, CUMBRIA_CC, OCTOBER_2018,
                        "Council's cabinet resolved to leave, pending review of the S75 agreement"));
    }

    @Test
    void aMemberMayWithdrawOnTheDayItJoined() {
        fixture.given(registered(), trustAdmitted())
                .when(new WithdrawMember(NORTH_CUMBRIA, RNN, APRIL_2017, "Admitted in error"))
                .expectEvents(new MemberWithdrew(NORTH_CUMBRIA, RNN, APRIL_2017, "Admitted in error"));
    }

    @Test
    void withdrawingAnOrganisationThatNeverJoinedIsUnknown() {
        fixture.given(registered(), trustAdmitted())
                .when(new WithdrawMember(NORTH_CUMBRIA, SOUTH_TEES_CCG, OCTOBER_2018, "Not ours"))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString("'16C'"));
    }

    @Test
    void aMemberCannotWithdrawTwice() {
        fixture.given(registered(), trustAdmitted(),
                        new MemberWithdrew(NORTH_CUMBRIA, RNN, OCTOBER_2018, "Left the partnership"))
                .when(new WithdrawMember(NORTH_CUMBRIA, RNN, LocalDate.of(2018, 11, 1), "Left again"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("RNN left north-cumbria on 2018-10-01"));
    }

    @Test
    void aMemberCannotWithdrawBeforeItJoined() {
        fixture.given(registered(), healthwatchAdmitted())
                .when(new WithdrawMember(NORTH_CUMBRIA, HEALTHWATCH, APRIL_2017, "Back-dated withdrawal"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("before it joined on 2017-06-19"));
    }

    @Test
    void aReadmittedMemberCannotWithdrawBeforeItRejoined() {
        LocalDate rejoined = LocalDate.of(2019, 4, 1);
        fixture.given(registered(), ccgAdmitted(),
                        new MemberWithdrew(NORTH_CUMBRIA, CCG_01H, OCTOBER_2018, "Left"),
                        new MemberAdmitted(NORTH_CUMBRIA, CCG_01H, "NHS North Cumbria CCG", Sector.CCG, true,
                                rejoined))
                .when(new WithdrawMember(NORTH_CUMBRIA, CCG_01H, LocalDate.of(2019, 1, 1), "Left again"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("before it joined on 2019-04-01"));
    }

    /**
     * Found by an outside tester: a withdrawal dated before a decision already on record that the body took was
     * accepted, and the decision could then not have been recorded. Its leaving day is its last as a member.
     */
    @Test
    void aMemberCannotWithdrawBeforeADayAnActOnRecordNamesItAsAMember() {
        String decision = "0c6f5a4e-2d1b-4c3a-9e8f-7a6b5c4d3e2f";
        registry.act(NORTH_CUMBRIA, CUMBRIA_CC, new MemberAct(LocalDate.of(2019, 6, 1), MemberAct.Kind.DECIDED,
                decision, "JC/2019/014"));
        fixture.given(registered(), councilAdmitted())
                .when(new WithdrawMember(NORTH_CUMBRIA, CUMBRIA_CC, OCTOBER_2018, "Cabinet resolved to leave"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("E10000006 cannot withdraw on 2018-10-01: E10000006 is "
                        + "named as a member on 2019-06-01 by decision " + decision + " (JC/2019/014), as a deciding "
                        + "body"));
        fixture.given(registered(), councilAdmitted())
                .when(new WithdrawMember(NORTH_CUMBRIA, CUMBRIA_CC, LocalDate.of(2019, 6, 1), "Left after the vote"))
                .expectEvents(new MemberWithdrew(NORTH_CUMBRIA, CUMBRIA_CC, LocalDate.of(2019, 6, 1),
                        "Left after the vote"));
    }

    /** An accountability held from a later day names a member too: a withdrawal (unlike a succession) passes none. */
    @Test
    void aMemberCannotWithdrawBeforeAnAccountabilityItHoldsFromALaterDay() {
        registry.act(NORTH_CUMBRIA, CUMBRIA_CC, new MemberAct(LocalDate.of(2019, 4, 1), MemberAct.Kind.HELD,
                "acc-1", null));
        fixture.given(registered(), councilAdmitted())
                .when(new WithdrawMember(NORTH_CUMBRIA, CUMBRIA_CC, OCTOBER_2018, "Cabinet resolved to leave"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("E10000006 is named as a member on 2019-04-01 by "
                        + "accountability acc-1, as its holder from that day"));
    }

    /** The partnership's own records: a forum's terms that seat the body, a delegation it gave, from a later day. */
    @Test
    void aMemberCannotWithdrawBeforeAForumSeatsItOrItDelegates() {
        fixture.given(registered(), ccgAdmitted(), trustAdmitted(), councilAdmitted(), boardEstablished())
                .when(new WithdrawMember(NORTH_CUMBRIA, CCG_01H, JUNE_2017, "Left"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H is named as a member on 2017-07-01 by the terms "
                        + "of forum " + BOARD + " from that day, which seat it"));
        fixture.given(registered(), ccgAdmitted(), trustAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new WithdrawMember(NORTH_CUMBRIA, CCG_01H, OCTOBER_2018.minusDays(1), "Left"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H is named as a member on 2018-10-01 by delegation "
                        + DELEGATION + " to forum " + BOARD + ", as the delegating body"));
        fixture.given(registered(), ccgAdmitted(), trustAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new WithdrawMember(NORTH_CUMBRIA, CCG_01H, OCTOBER_2018, "Left on the day it delegated"))
                .expectEvents(new MemberWithdrew(NORTH_CUMBRIA, CCG_01H, OCTOBER_2018, "Left on the day it delegated"));
    }

    // --- forums --------------------------------------------------------------------------------------------------

    @Test
    void establishesAForumOfCurrentMembers() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted())
                .when(new EstablishForum(NORTH_CUMBRIA, BOARD, "North Cumbria Health & Care Partnership Board",
                        ForumKind.PARTNERSHIP_BOARD, List.of(RNN, CCG_01H, CUMBRIA_CC),
                        Set.of(ThemeCode.VISION, ThemeCode.DECISIONS, ThemeCode.FINANCE), JULY_2017))
                .expectSuccessfulHandlerExecution()
                .expectEvents(boardEstablished());
    }

    @Test
    void aForumMayIncludeNonStatutoryMembers() {
        ForumEstablished advisory = new ForumEstablished(NORTH_CUMBRIA, JOINT_COMMITTEE,
                "Patients' & Carers' Advisory Group", ForumKind.ADVISORY_GROUP, List.of(HEALTHWATCH, RNN),
                Set.of(ThemeCode.ENGAGEMENT), JULY_2017);
        fixture.given(registered(), trustAdmitted(), healthwatchAdmitted())
                .when(new EstablishForum(NORTH_CUMBRIA, JOINT_COMMITTEE, "Patients' & Carers' Advisory Group",
                        ForumKind.ADVISORY_GROUP, List.of(HEALTHWATCH, RNN), Set.of(ThemeCode.ENGAGEMENT), JULY_2017))
                .expectEvents(advisory);
    }

    @Test
    void aForumCannotIncludeAnOrganisationThatIsNotAMember() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted())
                .when(new EstablishForum(NORTH_CUMBRIA, JOINT_COMMITTEE, "Joint Committee of CCGs",
                        ForumKind.JOINT_COMMITTEE, List.of(CCG_01H, SOUTH_TEES_CCG), Set.of(ThemeCode.DECISIONS),
                        JULY_2017))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString(
                        "16C was not a member of partnership north-cumbria on 2017-07-01 (it has never been one)"));
    }

    @Test
    void aForumCannotIncludeAMemberThatHadWithdrawnByItsDate() {
        fixture.given(registered(), trustAdmitted(), councilAdmitted(),
                        new MemberWithdrew(NORTH_CUMBRIA, CUMBRIA_CC, OCTOBER_2018, "Left"))
                .when(new EstablishForum(NORTH_CUMBRIA, JOINT_COMMITTEE, "Health & Wellbeing Committee in Common",
                        ForumKind.COMMITTEES_IN_COMMON, List.of(RNN, CUMBRIA_CC), Set.of(ThemeCode.ENGAGEMENT),
                        OCTOBER_2018.plusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("E10000006 was not a member of partnership "
                        + "north-cumbria on 2018-10-02; its membership: [2017-04-01 to 2018-10-01]"));
    }

    /** Back-loading: a forum of 2017 may name a body that left in 2018. */
    @Test
    void aForumBeforeAMemberWithdrewMayIncludeIt() {
        fixture.given(registered(), trustAdmitted(), councilAdmitted(),
                        new MemberWithdrew(NORTH_CUMBRIA, CUMBRIA_CC, OCTOBER_2018, "Left"))
                .when(new EstablishForum(NORTH_CUMBRIA, JOINT_COMMITTEE, "Health & Wellbeing Committee in Common",
                        ForumKind.COMMITTEES_IN_COMMON, List.of(RNN, CUMBRIA_CC), Set.of(ThemeCode.ENGAGEMENT),
                        OCTOBER_2018))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aForumCannotIncludeABodyBeforeItJoined() {
        fixture.given(registered(), trustAdmitted(), healthwatchAdmitted())
                .when(new EstablishForum(NORTH_CUMBRIA, JOINT_COMMITTEE, "Patients' & Carers' Advisory Group",
                        ForumKind.ADVISORY_GROUP, List.of(HEALTHWATCH, RNN), Set.of(ThemeCode.ENGAGEMENT),
                        JUNE_2017.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("HWCUMB was not a member of partnership "
                        + "north-cumbria on 2017-06-18"));
    }

    @Test
    void aForumIdCannotBeUsedTwice() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished())
                .when(new EstablishForum(NORTH_CUMBRIA, BOARD, "Clinical Strategy Group", ForumKind.CLINICAL_GROUP,
                        List.of(RNN), Set.of(ThemeCode.ASSURANCE), JULY_2017))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("Forum " + BOARD + " already exists"));
    }

    // --- delegations ---------------------------------------------------------------------------------------------

    @Test
    void aStatutoryMemberDelegatesAuthorityToAForum() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished())
                .when(new DelegateAuthority(NORTH_CUMBRIA, BOARD, DELEGATION, CCG_01H,
                        Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE), OCTOBER_2018, LocalDate.of(2020, 3, 31)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(delegated());
    }

    @Test
    void aDelegationMayBeOpenEnded() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished())
                .when(new DelegateAuthority(NORTH_CUMBRIA, BOARD, DELEGATION, CUMBRIA_CC, Set.of(ThemeCode.VISION),
                        OCTOBER_2018, null))
                .expectEvents(new AuthorityDelegated(NORTH_CUMBRIA, BOARD, DELEGATION, CUMBRIA_CC,
                        Set.of(ThemeCode.VISION), OCTOBER_2018, null));
    }

    @Test
    void aNonStatutoryMemberHasNoAuthorityToDelegate() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), healthwatchAdmitted(),
                        boardEstablished())
                .when(new DelegateAuthority(NORTH_CUMBRIA, BOARD, DELEGATION, HEALTHWATCH,
                        Set.of(ThemeCode.ENGAGEMENT), OCTOBER_2018, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("HWCUMB is not a statutory body"));
    }

    @Test
    void anOrganisationThatIsNotAMemberCannotDelegate() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished())
                .when(new DelegateAuthority(NORTH_CUMBRIA, BOARD, DELEGATION, SOUTH_TEES_CCG,
                        Set.of(ThemeCode.DECISIONS), OCTOBER_2018, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("16C was not a member of partnership north-cumbria "
                        + "on 2018-10-01"));
    }

    @Test
    void aMemberThatWithdrewCannotDelegate() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        new MemberWithdrew(NORTH_CUMBRIA, CCG_01H, OCTOBER_2018, "CCG merger"))
                .when(new DelegateAuthority(NORTH_CUMBRIA, BOARD, DELEGATION, CCG_01H, Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2018, 11, 1), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H was not a member of partnership north-cumbria "
                        + "on 2018-11-01"));
    }

    @Test
    void delegatingToAnUnknownForumIsUnknown() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished())
                .when(new DelegateAuthority(NORTH_CUMBRIA, JOINT_COMMITTEE, DELEGATION, CCG_01H,
                        Set.of(ThemeCode.DECISIONS), OCTOBER_2018, null))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString(JOINT_COMMITTEE));
    }

    @Test
    void aDelegationIdCannotBeUsedTwice() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new DelegateAuthority(NORTH_CUMBRIA, BOARD, DELEGATION, RNN, Set.of(ThemeCode.RISK),
                        OCTOBER_2018, null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("Delegation " + DELEGATION + " already exists"));
    }

    @Test
    void revokesADelegationNamingItsThemes() {
        LocalDate revokedOn = LocalDate.of(2019, 7, 1);
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new RevokeDelegation(NORTH_CUMBRIA, BOARD, DELEGATION, revokedOn,
                        "Governing body's review, following the CQC's well-led inspection"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DelegationRevoked(NORTH_CUMBRIA, BOARD, DELEGATION,
                        Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE), revokedOn,
                        "Governing body's review, following the CQC's well-led inspection"));
    }

    @Test
    void aDelegationMayBeRevokedOnTheDayItTookEffect() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new RevokeDelegation(NORTH_CUMBRIA, BOARD, DELEGATION, OCTOBER_2018, "Made in error"))
                .expectEvents(new DelegationRevoked(NORTH_CUMBRIA, BOARD, DELEGATION,
                        Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE), OCTOBER_2018, "Made in error"));
    }

    @Test
    void aDelegationMayBeRevokedAfterItsDelegatorWithdrew() {
        LocalDate revokedOn = LocalDate.of(2019, 1, 1);
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated(), new MemberWithdrew(NORTH_CUMBRIA, CCG_01H, LocalDate.of(2018, 12, 31), "Merger"))
                .when(new RevokeDelegation(NORTH_CUMBRIA, BOARD, DELEGATION, revokedOn, "Delegator has left"))
                .expectEvents(new DelegationRevoked(NORTH_CUMBRIA, BOARD, DELEGATION,
                        Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE), revokedOn, "Delegator has left"));
    }

    @Test
    void aDelegationCannotBeRevokedTwice() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated(),
                        new DelegationRevoked(NORTH_CUMBRIA, BOARD, DELEGATION,
                                Set.of(ThemeCode.DECISIONS, ThemeCode.FINANCE), LocalDate.of(2019, 7, 1), "Review"))
                .when(new RevokeDelegation(NORTH_CUMBRIA, BOARD, DELEGATION, LocalDate.of(2019, 8, 1), "Again"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("is already revoked"));
    }

    @Test
    void aDelegationCannotBeRevokedBeforeItTookEffect() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new RevokeDelegation(NORTH_CUMBRIA, BOARD, DELEGATION, LocalDate.of(2018, 9, 30), "Early"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("before it took effect on 2018-10-01"));
    }

    @Test
    void revokingAnUnknownDelegationIsUnknown() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new RevokeDelegation(NORTH_CUMBRIA, BOARD, OTHER_DELEGATION, LocalDate.of(2019, 7, 1),
                        "Review"))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString(OTHER_DELEGATION));
    }

    @Test
    void revokingADelegationThroughAnotherForumIsUnknown() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        jointCommitteeEstablished(), delegated())
                .when(new RevokeDelegation(NORTH_CUMBRIA, JOINT_COMMITTEE, DELEGATION, LocalDate.of(2019, 7, 1),
                        "Review"))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString("delegation of forum " + JOINT_COMMITTEE));
    }

    @Test
    void revokingADelegationOfAnUnknownForumIsUnknown() {
        fixture.given(registered(), trustAdmitted(), ccgAdmitted(), councilAdmitted(), boardEstablished(),
                        delegated())
                .when(new RevokeDelegation(NORTH_CUMBRIA, JOINT_COMMITTEE, DELEGATION, LocalDate.of(2019, 7, 1),
                        "Review"))
                .expectNoEvents()
                .expectException(UnknownEntity.class)
                .expectExceptionMessage(Matchers.containsString("forum in partnership north-cumbria"));
    }

}
