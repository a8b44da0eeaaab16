package uk.nhs.stpgov.command.partnership;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.command.common.BusinessDay;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.ChangeForumTerms;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.ChangeStatus;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.DelegateAuthority;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.WithdrawMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RevokeDelegation;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.SucceedMember;
import uk.nhs.stpgov.command.registry.InMemoryGovernanceRegistry;
import uk.nhs.stpgov.command.registry.MemberAct;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.Sector;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.ForumTermsChanged;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.events.partnership.PartnershipStatusChanged;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Issue 11's partnership rules: succession, status, forum terms over time and the delegation rules. */
class PartnershipHistoryTest {
    private static final String NC = "north-cumbria";
    private static final String JC = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    private static final String ADVISORY = "6f1d2c3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
    private static final String DELEGATION = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091";
    private static final LocalDate FORMED = LocalDate.of(2016, 3, 1);
    private static final LocalDate ICB_DAY = LocalDate.of(2022, 7, 1);

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

    private static List<Object> history() {
        return List.of(new PartnershipRegistered(NC, "West, North and East Cumbria STP", "North East and Cumbria"),
                new MemberAdmitted(NC, "RNL", "North Cumbria University Hospitals NHS Trust", Sector.NHS_TRUST, true,
                        FORMED),
                new MemberAdmitted(NC, "RNN", "Cumbria Partnership NHS FT", Sector.FOUNDATION_TRUST, true, FORMED),
                new MemberAdmitted(NC, "01H", "NHS North Cumbria CCG", Sector.CCG, true, FORMED),
                new MemberAdmitted(NC, "HWC", "Healthwatch Cumbria", Sector.HEALTHWATCH, false, FORMED),
                new ForumEstablished(NC, JC, "Joint Committee", ForumKind.JOINT_COMMITTEE, List.of("RNL", "RNN", "01H"),
                        Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS), LocalDate.of(2016, 5, 5)),
                new ForumEstablished(NC, ADVISORY, "Patients' Advisory Group", ForumKind.ADVISORY_GROUP,
                        List.of("01H", "HWC"), Set.of(ThemeCode.ENGAGEMENT), LocalDate.of(2016, 5, 5)));
    }

    private static List<Object> with(Object... more) {
        List<Object> events = new java.util.ArrayList<>(history());
        events.addAll(List.of(more));
        return events;
    }

    /** The CCG's delegation, revoked on the ICB's day as it passes ({@link #carriedToIcb}). */
    private static DelegationRevoked passedOnIcbDay() {
        return new DelegationRevoked(NC, JC, DELEGATION, Set.of(ThemeCode.FINANCE), ICB_DAY,
                "Passed to QHM on the succession of 01H");
    }

    /** The CCG's delegation, delegated again from the ICB from its day, naming what it replaces. */
    private static AuthorityDelegated carriedToIcb() {
        String carried = UUID.nameUUIDFromBytes((DELEGATION + "|QHM").getBytes(StandardCharsets.UTF_8)).toString();
        return new AuthorityDelegated(NC, JC, carried, "QHM", Set.of(ThemeCode.FINANCE), ICB_DAY, null, "01H",
                DELEGATION);
    }

    private static AuthorityDelegated ccgDelegation() {
        return new AuthorityDelegated(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE), LocalDate.of(2017, 4, 1),
                null);
    }

    // --- succession ----------------------------------------------------------------------------------------------

    @Test
    void aSeatPassedBySuccessionLeavesOutABodyThatHasLeftSince() {
        // The acute trust left in 2021; its seat was never changed. The ICB's terms name that day's members only.
        fixture.given(with(new MemberWithdrew(NC, "RNL", LocalDate.of(2021, 3, 31), "Merged into RNN")))
                .when(new SucceedMember(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB, true,
                        ICB_DAY, "Health and Care Act 2022"))
                .expectEvents(
                        new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB, true,
                                ICB_DAY, "Health and Care Act 2022", false),
                        new ForumTermsChanged(NC, JC, List.of("RNN", "QHM"),
                                Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS), ICB_DAY, "01H"),
                        new ForumTermsChanged(NC, ADVISORY, List.of("QHM", "HWC"), Set.of(ThemeCode.ENGAGEMENT),
                                ICB_DAY, "01H"));
    }

    @Test
    void aWithdrawalBackLoadedBeforeASuccessionThatCarriedItsSeatLeavesThoseTermsAsIfRecordedFirst() {
        // Recorded first: the ICB's succession of 2022, which carried the acute trust's seat with the CCG's. Loaded
        // after: the trust's withdrawal in 2021. The seat the succession carried is not the trust's own act; the
        // ICB's terms are written again without it, as the succession writes them when the withdrawal came first
        // (aSeatPassedBySuccessionLeavesOutABodyThatHasLeftSince), and the terms after them too, in date order.
        Set<ThemeCode> remit = Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS);
        LocalDate renewed = LocalDate.of(2023, 4, 1);
        fixture.given(with(new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB,
                                true, ICB_DAY, "Health and Care Act 2022", false),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM"), remit, ICB_DAY, "01H"),
                        new ForumTermsChanged(NC, ADVISORY, List.of("QHM", "HWC"), Set.of(ThemeCode.ENGAGEMENT),
                                ICB_DAY, "01H"),
                        new ForumTermsChanged(NC, JC, List.of("RNN", "QHM"), Set.of(ThemeCode.FINANCE), renewed, null)))
                .when(new WithdrawMember(NC, "RNL", LocalDate.of(2021, 3, 31), "Merged into RNN"))
                .expectEvents(new MemberWithdrew(NC, "RNL", LocalDate.of(2021, 3, 31), "Merged into RNN"),
                        new ForumTermsChanged(NC, JC, List.of("RNN", "QHM"), remit, ICB_DAY, "01H"),
                        new ForumTermsChanged(NC, JC, List.of("RNN", "QHM"), Set.of(ThemeCode.FINANCE), renewed, null));
    }

    @Test
    void aSeatTheProgrammeOfficeGaveAfterTheDayStillRefusesTheWithdrawalEvenBehindASuccession() {
        // Terms the programme office set in 2023 seat the trust: its own act as a member, whatever a succession
        // carried before them.
        Set<ThemeCode> remit = Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS);
        fixture.given(with(new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB,
                                true, ICB_DAY, "Health and Care Act 2022", false),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM"), remit, ICB_DAY, "01H"),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "QHM"), remit, LocalDate.of(2023, 4, 1), null)))
                .when(new WithdrawMember(NC, "RNL", LocalDate.of(2021, 3, 31), "Merged into RNN"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("2023-04-01 by the terms of forum"));
    }

    @Test
    void termsBackLoadedBeforeSuccessionsAlreadyRecordedPassTheirSeatsOnEachSuccessionDay() {
        // Recorded first: the acute trust RNL merged into RNN (already a member) in 2019, and the CCG's succession
        // by the ICB in 2022, which passed the CCG's seat on the advisory group. Loaded after: 2019 terms seating RNL.
        // As in date order, RNL's seat passes to RNN on the merger's day, and the ICB's terms are written again
        // from those (before, RNL stayed seated after it had gone and RNN was never seated).
        LocalDate merger = LocalDate.of(2019, 10, 1);
        Set<ThemeCode> remit = Set.of(ThemeCode.ENGAGEMENT);
        fixture.given(with(new MemberSucceeded(NC, "RNL", "RNN", "North Cumbria Integrated Care NHS FT",
                                Sector.FOUNDATION_TRUST, true, merger, "Merger of the two trusts", true),
                        new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB,
                                true, ICB_DAY, "Health and Care Act 2022", false),
                        new ForumTermsChanged(NC, ADVISORY, List.of("QHM", "HWC"), remit, ICB_DAY, "01H")))
                .when(new ChangeForumTerms(NC, ADVISORY, List.of("RNL", "01H", "HWC"), remit,
                        LocalDate.of(2019, 1, 1)))
                .expectEvents(
                        new ForumTermsChanged(NC, ADVISORY, List.of("RNL", "01H", "HWC"), remit,
                                LocalDate.of(2019, 1, 1), null),
                        new ForumTermsChanged(NC, ADVISORY, List.of("RNN", "01H", "HWC"), remit, merger, "RNL"),
                        new ForumTermsChanged(NC, ADVISORY, List.of("RNN", "QHM", "HWC"), remit, ICB_DAY, "01H"));
    }

    @Test
    void aMergerBackLoadedAfterTheMergedBodysOwnSuccessionSeatsItsPlaceHolderOnEachDay() {
        // Recorded first: the CCG 01H succeeded by the ICB in 2022, while Morecambe Bay CCG (01K) still sat. Loaded
        // after: 01K merged into 01H in 2020. 01H sat that day (it left only in 2022), so it can absorb 01K; the seat
        // passes to 01H in 2020 and, in the terms the ICB's succession wrote, to the ICB that held 01H's place.
        Set<ThemeCode> remit = Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS);
        LocalDate merger = LocalDate.of(2020, 4, 1);
        fixture.given(with(new MemberAdmitted(NC, "01K", "NHS Morecambe Bay CCG", Sector.CCG, true, FORMED),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "01H", "01K"), remit,
                                LocalDate.of(2017, 1, 1), null),
                        new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB, true,
                                ICB_DAY, "Health and Care Act 2022", false),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM", "01K"), remit, ICB_DAY, "01H")))
                .when(new SucceedMember(NC, "01K", "01H", "NHS North Cumbria CCG", Sector.CCG, true, merger,
                        "CCG merger"))
                .expectEvents(
                        new MemberSucceeded(NC, "01K", "01H", "NHS North Cumbria CCG", Sector.CCG, true, merger,
                                "CCG merger", true),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "01H"), remit, merger, "01K"),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM"), remit, ICB_DAY, "01K"));
    }

    @Test
    void aCcgSucceededByTheIcbPassesItsForumSeatsAndLiveDelegations() {
        fixture.given(with(ccgDelegation()))
                .when(new SucceedMember(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB, true,
                        ICB_DAY, "Health and Care Act 2022"))
                .expectEvents(
                        new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB, true,
                                ICB_DAY, "Health and Care Act 2022", false),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM"),
                                Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS), ICB_DAY, "01H"),
                        new ForumTermsChanged(NC, ADVISORY, List.of("QHM", "HWC"), Set.of(ThemeCode.ENGAGEMENT),
                                ICB_DAY, "01H"),
                        passedOnIcbDay(), carriedToIcb());
    }

    @Test
    void aDelegationBackLoadedAfterItsBodysSuccessionPassesOnTheSuccessionDay() {
        // The CCG's 2017 delegation is loaded after its succession by the ICB was recorded: it passes as it would
        // have, had it been recorded first.
        fixture.given(with(new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB,
                        true, ICB_DAY, "Health and Care Act 2022", false)))
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2017, 4, 1), null, null))
                .expectEvents(ccgDelegation(), passedOnIcbDay(), carriedToIcb());
    }

    @Test
    void aBackLoadedDelegationPassesDownAChainOfSuccessionsOrLapsesAtANonStatutoryOne() {
        LocalDate merger = LocalDate.of(2019, 10, 1);
        String toRnn = UUID.nameUUIDFromBytes((DELEGATION + "|RNN").getBytes(StandardCharsets.UTF_8)).toString();
        fixture.given(with(new MemberSucceeded(NC, "RNL", "RNN", "North Cumbria Integrated Care NHS FT",
                                Sector.FOUNDATION_TRUST, true, merger, "Merger", true),
                        new MemberSucceeded(NC, "RNN", "GPF", "Cumbria GP Federation", Sector.GP_FEDERATION, false,
                                ICB_DAY, "Community services moved", false)))
                .when(new DelegateAuthority(NC, JC, DELEGATION, "RNL", Set.of(ThemeCode.DECISIONS),
                        LocalDate.of(2018, 1, 1), null, null))
                .expectEvents(
                        new AuthorityDelegated(NC, JC, DELEGATION, "RNL", Set.of(ThemeCode.DECISIONS),
                                LocalDate.of(2018, 1, 1), null),
                        new DelegationRevoked(NC, JC, DELEGATION, Set.of(ThemeCode.DECISIONS), merger,
                                "Passed to RNN on the succession of RNL"),
                        new AuthorityDelegated(NC, JC, toRnn, "RNN", Set.of(ThemeCode.DECISIONS), merger, null, "RNL",
                                DELEGATION),
                        new DelegationRevoked(NC, JC, toRnn, Set.of(ThemeCode.DECISIONS), ICB_DAY,
                                "Lapsed: RNN was succeeded by GPF, which is not a statutory body"));
    }

    @Test
    void aForumBackLoadedAfterItsMembersSuccessionsPassesTheirSeatsInDateOrder() {
        // A 2016 board loaded after the acute trust merged into RNN (2019) and the CCG became the ICB (2022).
        String board = "5b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c9d";
        LocalDate merger = LocalDate.of(2019, 10, 1);
        fixture.given(with(new MemberSucceeded(NC, "RNL", "RNN", "North Cumbria Integrated Care NHS FT",
                                Sector.FOUNDATION_TRUST, true, merger, "Merger", true),
                        new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act", false)))
                .when(new EstablishForum(NC, board, "Partnership Board", ForumKind.PARTNERSHIP_BOARD,
                        List.of("RNL", "01H", "HWC"), Set.of(ThemeCode.VISION), LocalDate.of(2016, 6, 1), null))
                .expectEvents(new ForumEstablished(NC, board, "Partnership Board", ForumKind.PARTNERSHIP_BOARD,
                                List.of("RNL", "01H", "HWC"), Set.of(ThemeCode.VISION), LocalDate.of(2016, 6, 1)),
                        new ForumTermsChanged(NC, board, List.of("RNN", "01H", "HWC"), Set.of(ThemeCode.VISION),
                                merger, "RNL"),
                        new ForumTermsChanged(NC, board, List.of("RNN", "QHM", "HWC"), Set.of(ThemeCode.VISION),
                                ICB_DAY, "01H"));
    }

    @Test
    void backLoadedTermsBeforeASuccessionPassTheSeatOnItsDay() {
        fixture.given(with(new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act", false)))
                .when(new ChangeForumTerms(NC, JC, List.of("RNN", "01H"), Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2018, 1, 1), null))
                .expectEvents(new ForumTermsChanged(NC, JC, List.of("RNN", "01H"), Set.of(ThemeCode.FINANCE),
                                LocalDate.of(2018, 1, 1), null),
                        new ForumTermsChanged(NC, JC, List.of("RNN", "QHM"), Set.of(ThemeCode.FINANCE), ICB_DAY,
                                "01H"));
    }

    @Test
    void termsBackLoadedBeforeTermsASuccessionWroteAreWrittenAgainOnItsDay() {
        // The ICB's succession passed the CCG's seat in 2022 (its own terms); a 2019 remit change loaded afterwards
        // was refused ("has terms from 2022-07-01"). Now the 2019 terms stand, and the ICB's day keeps their remit.
        Set<ThemeCode> before = Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS);
        Set<ThemeCode> remit = Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS, ThemeCode.RISK);
        fixture.given(with(new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act", false),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM"), before, ICB_DAY, "01H")))
                .when(new ChangeForumTerms(NC, JC, List.of("RNL", "RNN", "01H"), remit, LocalDate.of(2019, 4, 1),
                        null))
                .expectEvents(new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "01H"), remit,
                                LocalDate.of(2019, 4, 1), null),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM"), remit, ICB_DAY, "01H"));
    }

    @Test
    void termsCannotStartBeforeTermsTheProgrammeOfficeSetLater() {
        fixture.given(with(new ForumTermsChanged(NC, JC, List.of("RNL", "RNN"), Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2020, 1, 1), null)))
                .when(new ChangeForumTerms(NC, JC, List.of("RNL", "RNN", "01H"), Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2019, 4, 1), null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has terms from 2020-01-01"));
    }

    @Test
    void aBackLoadedDelegationThatEndedBeforeTheSuccessionStaysWithItsBody() {
        fixture.given(with(new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act", false)))
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2017, 4, 1), LocalDate.of(2020, 3, 31), null))
                .expectEvents(new AuthorityDelegated(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2017, 4, 1), LocalDate.of(2020, 3, 31)));
    }

    @Test
    void aMergerIntoAnExistingMemberKeepsItsMembershipAndSeat() {
        LocalDate merger = LocalDate.of(2019, 10, 1);
        fixture.given(history())
                .when(new SucceedMember(NC, "RNL", "RNN", "North Cumbria Integrated Care NHS FT",
                        Sector.NHS_TRUST, true, merger, "Merger"))
                .expectEvents(
                        new MemberSucceeded(NC, "RNL", "RNN", "North Cumbria Integrated Care NHS FT",
                                Sector.FOUNDATION_TRUST, true, merger, "Merger", true),
                        new ForumTermsChanged(NC, JC, List.of("RNN", "01H"),
                                Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS), merger, "RNL"));
    }

    @Test
    void anExpiredOrRevokedDelegationIsNotPassedOn() {
        fixture.given(with(new AuthorityDelegated(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2017, 4, 1), LocalDate.of(2020, 3, 31))))
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act"))
                .expectEvents(
                        new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act", false),
                        new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "QHM"),
                                Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS), ICB_DAY, "01H"),
                        new ForumTermsChanged(NC, ADVISORY, List.of("QHM", "HWC"), Set.of(ThemeCode.ENGAGEMENT),
                                ICB_DAY, "01H"));
    }

    /**
     * Found by an outside tester: a succession dated before a decision already on record that the predecessor took
     * was accepted, and the decision could then not have been recorded. The succession day is its last as a member.
     */
    @Test
    void aSuccessionCannotPrecedeADayThePredecessorItselfActed() {
        String decision = "0c6f5a4e-2d1b-4c3a-9e8f-7a6b5c4d3e2f";
        registry.act(NC, "01H", new MemberAct(ICB_DAY.plusDays(1), MemberAct.Kind.DECIDED, decision, "JC/2022/031"));
        fixture.given(history())
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H cannot be succeeded on 2022-07-01: 01H is named "
                        + "as a member on 2022-07-02 by decision " + decision + " (JC/2022/031), as a deciding body"));
        // Acts of the succession day itself are the predecessor's last as a member.
        fixture.given(history())
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY.plusDays(1), "Act"))
                .expectSuccessfulHandlerExecution();
    }

    /** What the predecessor itself did: answered a ratification, accepted an accountability, gave a delegation. */
    @Test
    void aSuccessionCannotPrecedeThePredecessorsOwnAnswersAcceptancesOrDelegations() {
        registry.act(NC, "01H", new MemberAct(LocalDate.of(2022, 9, 1), MemberAct.Kind.RATIFIED, "d-1", null));
        registry.act(NC, "01H", new MemberAct(LocalDate.of(2022, 8, 1), MemberAct.Kind.ACCEPTED, "acc-1", null));
        fixture.given(history())
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H is named as a member on 2022-08-01 by "
                        + "accountability acc-1, which it accepted that day"));
        fixture.given(with(new AuthorityDelegated(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2022, 7, 15), null)))
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H is named as a member on 2022-07-15 by delegation "
                        + DELEGATION + " to forum " + JC + ", as the delegating body"));
    }

    /**
     * What a succession passes on does not stop it, however late it starts: an accountability the predecessor holds
     * (or was passed by an earlier succession), a forum's later terms that seat it, a delegation passed to it. Only
     * one of its own acts after the day does.
     */
    @Test
    void whatTheSuccessionPassesOnDoesNotStopItButThePredecessorsOwnActDoes() {
        registry.act(NC, "01H", new MemberAct(LocalDate.of(2023, 4, 1), MemberAct.Kind.HELD, "acc-1", null));
        registry.act(NC, "01H", new MemberAct(LocalDate.of(2022, 9, 1), MemberAct.Kind.PASSED, "acc-2", null));
        String passed = UUID.nameUUIDFromBytes((DELEGATION + "|01H").getBytes(StandardCharsets.UTF_8)).toString();
        List<Object> holding = with(
                new ForumTermsChanged(NC, JC, List.of("RNL", "01H"), Set.of(ThemeCode.FINANCE), LocalDate.of(2022, 9, 1),
                        null),
                new AuthorityDelegated(NC, JC, passed, "01H", Set.of(ThemeCode.FINANCE), LocalDate.of(2022, 9, 1), null,
                        "RNN", DELEGATION));
        fixture.given(holding)
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act"))
                .expectSuccessfulHandlerExecution();
        registry.act(NC, "01H", new MemberAct(LocalDate.of(2022, 10, 3), MemberAct.Kind.CONFIDENCE, "c-1", null));
        fixture.given(holding)
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H is named as a member on 2022-10-03 by confidence "
                        + "answer c-1, as the respondent's organisation"));
    }

    @Test
    void aMemberThatWithdrewCannotBeSucceeded() {
        fixture.given(with(new MemberWithdrew(NC, "01H", LocalDate.of(2021, 3, 31), "Left")))
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H left north-cumbria on 2021-03-31"));
    }

    @Test
    void aSuccessionCannotPrecedeThePredecessorsJoining() {
        fixture.given(history())
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, FORMED.minusDays(1), "Early"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("before it joined on 2016-03-01"));
    }

    @Test
    void aBodyCannotSucceedItself() {
        fixture.given(history())
                .when(new SucceedMember(NC, "01H", "01H", "CCG", Sector.CCG, true, ICB_DAY, "Rename"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void anExistingMemberThatJoinedLaterCannotSucceedEarlier() {
        fixture.given(with(new MemberAdmitted(NC, "QHM", "ICB", Sector.ICB, true, ICB_DAY)))
                .when(new SucceedMember(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY.minusDays(1), "Act"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM joined on 2022-07-01"));
    }

    @Test
    void thePredecessorIsAMemberOnTheSuccessionDayButNotAfter() {
        List<Object> succeeded = with(new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act",
                false));
        fixture.given(succeeded)
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE), ICB_DAY.plusDays(1),
                        null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("01H was not a member of partnership north-cumbria "
                        + "on 2022-07-02; its membership: [2016-03-01 to 2022-07-01]"));
        fixture.given(succeeded)
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2018, 4, 1), LocalDate.of(2019, 3, 31)))
                .expectSuccessfulHandlerExecution();
    }

    // --- status --------------------------------------------------------------------------------------------------

    @Test
    void anStpBecomesAnIcsWithANewName() {
        LocalDate on = LocalDate.of(2020, 4, 1);
        fixture.given(history())
                .when(new ChangeStatus(NC, PartnershipStatus.ICS, "North Cumbria ICS", on))
                .expectEvents(new PartnershipStatusChanged(NC, PartnershipStatus.STP, PartnershipStatus.ICS,
                        "North Cumbria ICS", on));
    }

    @Test
    void statusNeverMovesBack() {
        fixture.given(with(new PartnershipStatusChanged(NC, PartnershipStatus.STP, PartnershipStatus.ICS, null,
                        LocalDate.of(2020, 4, 1))))
                .when(new ChangeStatus(NC, PartnershipStatus.STP, null, LocalDate.of(2021, 1, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("can only move forward"));
    }

    @Test
    void aStatutoryIcsNeedsTheDateAndAStatutoryIcb() {
        fixture.given(history())
                .when(new ChangeStatus(NC, PartnershipStatus.STATUTORY_ICS, null, ICB_DAY.minusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("exist from 2022-07-01"));
        fixture.given(history())
                .when(new ChangeStatus(NC, PartnershipStatus.STATUTORY_ICS, null, ICB_DAY))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("needs a statutory ICB"));
        fixture.given(with(new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act", false)))
                .when(new ChangeStatus(NC, PartnershipStatus.STATUTORY_ICS, "NENC ICS", ICB_DAY))
                .expectEvents(new PartnershipStatusChanged(NC, PartnershipStatus.STP, PartnershipStatus.STATUTORY_ICS,
                        "NENC ICS", ICB_DAY));
    }

    @Test
    void anEarlierStatusIsBackLoadedAfterALaterOneByItsDay() {
        // The statutory ICS of 2022 was recorded first; the 2020 ICS is loaded from the old log afterwards.
        List<Object> statutory = with(new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act",
                false), new PartnershipStatusChanged(NC, PartnershipStatus.STP, PartnershipStatus.STATUTORY_ICS,
                "North East and North Cumbria ICS", ICB_DAY));
        LocalDate ics = LocalDate.of(2020, 4, 1);
        fixture.given(statutory)
                .when(new ChangeStatus(NC, PartnershipStatus.ICS, "North Cumbria ICS", ics))
                .expectEvents(new PartnershipStatusChanged(NC, PartnershipStatus.STP, PartnershipStatus.ICS,
                        "North Cumbria ICS", ics));
        fixture.given(statutory)
                .when(new ChangeStatus(NC, PartnershipStatus.ICS, null, ICB_DAY.plusDays(1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("can only move forward"));
    }

    @Test
    void aLaterStatusCannotStartBeforeTheCurrentOne() {
        fixture.given(with(new PartnershipStatusChanged(NC, PartnershipStatus.STP, PartnershipStatus.ICS, null,
                                LocalDate.of(2020, 4, 1)),
                        new MemberSucceeded(NC, "01H", "QHM", "ICB", Sector.ICB, true, ICB_DAY, "Act", false)))
                .when(new ChangeStatus(NC, PartnershipStatus.STATUTORY_ICS, null, LocalDate.of(2020, 3, 31)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    // --- forum terms ---------------------------------------------------------------------------------------------

    @Test
    void forumTermsChangeFromADate() {
        LocalDate on = LocalDate.of(2018, 1, 1);
        fixture.given(history())
                .when(new ChangeForumTerms(NC, JC, List.of("RNN", "01H"), Set.of(ThemeCode.FINANCE), on))
                .expectEvents(new ForumTermsChanged(NC, JC, List.of("RNN", "01H"), Set.of(ThemeCode.FINANCE), on,
                        null));
    }

    @Test
    void termsCannotNameABodyThatWasNotAMemberThatDay() {
        fixture.given(history())
                .when(new ChangeForumTerms(NC, JC, List.of("RNN", "QHM"), Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2018, 1, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("QHM was not a member"));
    }

    @Test
    void termsCannotStartBeforeTheForumsLatestTerms() {
        fixture.given(history())
                .when(new ChangeForumTerms(NC, JC, List.of("RNN"), Set.of(ThemeCode.FINANCE), LocalDate.of(2016, 5, 4)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("has terms from 2016-05-05"));
    }

    @Test
    void termsThatWouldStrandALiveDelegationAreRefused() {
        fixture.given(with(ccgDelegation()))
                .when(new ChangeForumTerms(NC, JC, List.of("RNL", "RNN", "01H"), Set.of(ThemeCode.DECISIONS),
                        LocalDate.of(2018, 1, 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("revoke it first"));
    }

    /**
     * A body that withdrew no longer delegates: terms from after its leaving day may leave it out without its
     * delegation being revoked first (an outside tester's Hull CCG was refused so), but not terms from before.
     */
    @Test
    void termsAfterADelegatingBodyWithdrewMayLeaveItOut() {
        MemberWithdrew left = new MemberWithdrew(NC, "01H", LocalDate.of(2019, 3, 31), "Left the footprint");
        fixture.given(with(ccgDelegation(), left))
                .when(new ChangeForumTerms(NC, JC, List.of("RNL", "RNN"), Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2019, 4, 1)))
                .expectEvents(new ForumTermsChanged(NC, JC, List.of("RNL", "RNN"), Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2019, 4, 1), null));
        fixture.given(with(ccgDelegation(), left))
                .when(new ChangeForumTerms(NC, JC, List.of("RNL", "RNN"), Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2019, 3, 31)))
                .expectNoEvents()
                .expectExceptionMessage(Matchers.containsString("revoke it first"));
    }

    /** A forum recorded without its date: members as of today (2023-06-01 here), first terms from any date. */
    @Test
    void aForumWithoutADateChecksTodaysMembersAndItsTermsCountFromAnyDate() {
        fixture.given(with(new MemberWithdrew(NC, "HWC", LocalDate.of(2018, 3, 31), "Left")))
                .when(new uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum(NC,
                        "7a7a7a7a-0000-4000-8000-000000000001", "Board", ForumKind.PARTNERSHIP_BOARD,
                        List.of("RNN", "HWC"), Set.of(ThemeCode.VISION), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("HWC was not a member of partnership north-cumbria "
                        + "on 2023-06-01"));
        fixture.given(with(new ForumEstablished(NC, "7a7a7a7a-0000-4000-8000-000000000001", "Board",
                        ForumKind.PARTNERSHIP_BOARD, List.of("RNN"), Set.of(ThemeCode.VISION), null)))
                .when(new DelegateAuthority(NC, "7a7a7a7a-0000-4000-8000-000000000001", DELEGATION, "RNN",
                        Set.of(ThemeCode.VISION), LocalDate.of(2016, 4, 1), null))
                .expectSuccessfulHandlerExecution();
    }

    // --- delegation rules ----------------------------------------------------------------------------------------

    @Test
    void aDelegationMustComeFromABodyThatSitsOnTheForum() {
        fixture.given(with(new MemberAdmitted(NC, "16C", "Cumbria County Council", Sector.LOCAL_AUTHORITY, true,
                        FORMED)))
                .when(new DelegateAuthority(NC, JC, DELEGATION, "16C", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2017, 4, 1), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("16C does not sit on forum"));
    }

    @Test
    void aDelegationMayOnlyCoverThemesInTheForumsRemit() {
        fixture.given(history())
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE, ThemeCode.RISK),
                        LocalDate.of(2017, 4, 1), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("Themes [RISK] are not in forum"));
    }

    @Test
    void theRemitIsJudgedOnTheDelegationsStartDate() {
        fixture.given(with(new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "01H"),
                        Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS, ThemeCode.RISK), LocalDate.of(2018, 1, 1), null)))
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.RISK),
                        LocalDate.of(2017, 12, 31), null))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        fixture.given(with(new ForumTermsChanged(NC, JC, List.of("RNL", "RNN", "01H"),
                        Set.of(ThemeCode.FINANCE, ThemeCode.DECISIONS, ThemeCode.RISK), LocalDate.of(2018, 1, 1), null)))
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.RISK),
                        LocalDate.of(2018, 1, 1), null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anAdvisoryGroupCannotReceiveDelegations() {
        fixture.given(history())
                .when(new DelegateAuthority(NC, ADVISORY, DELEGATION, "01H", Set.of(ThemeCode.ENGAGEMENT),
                        LocalDate.of(2017, 4, 1), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("advisory group"));
    }

    @Test
    void aDelegationCannotStartBeforeTheForumWasEstablished() {
        fixture.given(history())
                .when(new DelegateAuthority(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2016, 5, 4), null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("was not established until 2016-05-05"));
    }

    @Test
    void aRevocationBackLoadedBeforeTheSuccessionThatPassedTheDelegationStandsAndThePassWasNeverInForce() {
        String carried = carriedToIcb().delegationId();
        fixture.given(with(ccgDelegation(),
                        new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB, true,
                                ICB_DAY, "Health and Care Act 2022", false),
                        passedOnIcbDay(), carriedToIcb()))
                .when(new RevokeDelegation(NC, JC, DELEGATION, LocalDate.of(2020, 1, 1), "Joint committee wound up"))
                .expectEvents(new DelegationRevoked(NC, JC, DELEGATION, Set.of(ThemeCode.FINANCE),
                                LocalDate.of(2020, 1, 1), "Joint committee wound up"),
                        new DelegationRevoked(NC, JC, carried, Set.of(ThemeCode.FINANCE), ICB_DAY, "Never in force: "
                                + DELEGATION + " was revoked on 2020-01-01, before it passed on"));
        // A revocation after the pass, or of a delegation revoked by its body, is still refused.
        fixture.given(with(ccgDelegation(),
                        new MemberSucceeded(NC, "01H", "QHM", "NHS North East and North Cumbria ICB", Sector.ICB, true,
                                ICB_DAY, "Health and Care Act 2022", false),
                        passedOnIcbDay(), carriedToIcb()))
                .when(new RevokeDelegation(NC, JC, DELEGATION, ICB_DAY.plusDays(1), "Late"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("already revoked, from 2022-07-01"));
    }

    @Test
    void aDelegationCannotBeRevokedAfterItEnded() {
        fixture.given(with(new AuthorityDelegated(NC, JC, DELEGATION, "01H", Set.of(ThemeCode.FINANCE),
                        LocalDate.of(2017, 4, 1), LocalDate.of(2020, 3, 31))))
                .when(new RevokeDelegation(NC, JC, DELEGATION, LocalDate.of(2020, 4, 1), "Late"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.containsString("already ended on 2020-03-31"));
    }
}
