package uk.nhs.stpgov.query.gaps;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DelegationFacts;
import uk.nhs.stpgov.query.support.MemberPeriod;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.stpgov.query.gaps.Facts.D;

/** Every gap rule of DESIGN §1, allowed and flagged, the date-dependent ones at their edge days; no database. */
class GapRulesTest {

    private static List<GapKind> kinds(SubjectFacts facts, LocalDate day) {
        return GapRules.on(facts, day).stream().map(Gap::kind).toList();
    }

    @Test
    void aSubjectThatNeedsAnAccountableHasNoneUntilOneTakesEffect() {
        SubjectFacts facts = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D.plusDays(10),
                null, D.plusDays(10), null).build();
        assertThat(kinds(facts, D.minusDays(1))).as("not yet needed").isEmpty();
        assertThat(kinds(facts, D)).containsExactly(GapKind.NO_ACCOUNTABLE);
        assertThat(kinds(facts, D.plusDays(9))).containsExactly(GapKind.NO_ACCOUNTABLE);
        assertThat(kinds(facts, D.plusDays(10))).as("the holder takes effect").isEmpty();
    }

    @Test
    void aThemeNeedsAnAccountableOnlyWhileItIsInAForumsRemit() {
        SubjectFacts facts = Facts.theme().needs(new Needs(List.of(new Needs.Period(D, D.plusDays(50)),
                new Needs.Period(D.plusDays(100), null)))).build();
        assertThat(kinds(facts, D.minusDays(1))).isEmpty();
        assertThat(GapRules.on(facts, D.plusDays(49))).extracting(Gap::since).containsExactly(D);
        assertThat(kinds(facts, D.plusDays(50))).as("out of every forum's remit").isEmpty();
        assertThat(GapRules.on(facts, D.plusDays(100))).extracting(Gap::since).containsExactly(D.plusDays(100));
        assertThat(GapRules.windows(facts)).extracting(GapWindow::from, GapWindow::until).containsExactly(
                org.assertj.core.groups.Tuple.tuple(D, D.plusDays(50)),
                org.assertj.core.groups.Tuple.tuple(D.plusDays(100), null));
    }

    @Test
    void noAccountableShowsSinceTheLastHolderLeft() {
        SubjectFacts facts = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D, null, D,
                D.plusDays(40)).build();
        Gap gap = GapRules.on(facts, D.plusDays(50)).get(0);
        assertThat(gap.kind()).isEqualTo(GapKind.NO_ACCOUNTABLE);
        assertThat(gap.since()).isEqualTo(D.plusDays(40));
    }

    @Test
    void twoAccountableHoldersAreJointFromTheDayTheSecondTakesEffect() {
        SubjectFacts facts = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D, null, D, null)
                .assign("b", RaciRole.ACCOUNTABLE, "15F", D.plusDays(5), null, D.plusDays(5), null).build();
        assertThat(kinds(facts, D.plusDays(4))).isEmpty();
        assertThat(kinds(facts, D.plusDays(5))).containsExactly(GapKind.JOINT_ACCOUNTABLE);
        assertThat(GapRules.on(facts, D.plusDays(5)).get(0).detail()).contains("RR8 Director").contains("15F Director");
    }

    /** Two joint holders merged into one body hold it twice: one body is accountable, not two (outside tester). */
    @Test
    void oneBodyHoldingTwoAccountableAssignmentsIsNotJoint() {
        SubjectFacts merged = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "15F", D, null, D, null)
                .assign("b", RaciRole.ACCOUNTABLE, "15F", D, null, D, null).build();
        assertThat(kinds(merged, D.plusDays(1))).isEmpty();
    }

    @Test
    void anAccountableThatIsOnlyANonStatutoryBodyIsAGap() {
        SubjectFacts nonStatutory = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "Y05986", D, null, D,
                null).build();
        assertThat(kinds(nonStatutory, D)).containsExactly(GapKind.NON_STATUTORY_ACCOUNTABLE);
        SubjectFacts withStatutory = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "Y05986", D, null, D,
                null).assign("b", RaciRole.ACCOUNTABLE, "RR8", D, null, D, null).build();
        assertThat(kinds(withStatutory, D)).containsExactly(GapKind.JOINT_ACCOUNTABLE);
    }

    /**
     * NON_STATUTORY_ACCOUNTABLE shows since the day nobody statutory was left ACCOUNTABLE, not since the assignment's
     * effectiveFrom: a transfer to a non-statutory body, a spell with a statutory one in between and a statutory joint
     * holder leaving each begin it anew (outside tester: St Helen's Council handing ENGAGEMENT to a voluntary body).
     */
    @Test
    void nonStatutoryAccountableShowsSinceTheDayTheConditionBegan() {
        Body council = new Body("E08000013", "St Helen's Council", true, LocalDate.of(2016, 6, 1), null);
        Body voluntary = new Body("VS002", "Halton and St Helens Voluntary and Community Action", false,
                LocalDate.of(2016, 6, 1), null);
        LocalDate transfer = D.plusDays(100);
        SubjectFacts handed = Facts.theme().needs(D).body(council).body(voluntary).held("a", RaciRole.ACCOUNTABLE,
                null, new Facts.Spell("E08000013", D), new Facts.Spell("VS002", transfer)).build();
        assertThat(kinds(handed, transfer.minusDays(1))).doesNotContain(GapKind.NON_STATUTORY_ACCOUNTABLE);
        assertThat(since(handed, GapKind.NON_STATUTORY_ACCOUNTABLE, transfer)).isEqualTo(transfer);
        assertThat(since(handed, GapKind.NON_STATUTORY_ACCOUNTABLE, transfer.plusDays(400))).isEqualTo(transfer);

        // Voluntary, then the CCG, then voluntary again: the gap now is the one that began with the second spell.
        SubjectFacts back = Facts.theme().needs(D).body(voluntary).held("b", RaciRole.ACCOUNTABLE, null,
                new Facts.Spell("VS002", D), new Facts.Spell("15F", D.plusDays(300)),
                new Facts.Spell("VS002", D.plusDays(600))).build();
        assertThat(since(back, GapKind.NON_STATUTORY_ACCOUNTABLE, D.plusDays(299))).isEqualTo(D);
        assertThat(kinds(back, D.plusDays(450))).doesNotContain(GapKind.NON_STATUTORY_ACCOUNTABLE);
        assertThat(since(back, GapKind.NON_STATUTORY_ACCOUNTABLE, D.plusDays(700))).isEqualTo(D.plusDays(600));

        // From one non-statutory body to another: still nobody statutory, since the first took it.
        SubjectFacts unbroken = Facts.theme().needs(D).body(voluntary).held("c", RaciRole.ACCOUNTABLE, null,
                new Facts.Spell("Y05986", D), new Facts.Spell("VS002", transfer)).build();
        assertThat(since(unbroken, GapKind.NON_STATUTORY_ACCOUNTABLE, transfer.plusDays(10))).isEqualTo(D);

        // The GP confederation held it jointly with the trust until the trust relinquished.
        SubjectFacts left = Facts.theme().needs(D).assign("d", RaciRole.ACCOUNTABLE, "Y05986", D, null, D, null)
                .assign("e", RaciRole.ACCOUNTABLE, "RR8", D.plusDays(10), null, D.plusDays(10), D.plusDays(50))
                .build();
        assertThat(since(left, GapKind.NON_STATUTORY_ACCOUNTABLE, D.plusDays(5))).isEqualTo(D);
        assertThat(kinds(left, D.plusDays(49))).containsExactly(GapKind.JOINT_ACCOUNTABLE);
        assertThat(since(left, GapKind.NON_STATUTORY_ACCOUNTABLE, D.plusDays(60))).isEqualTo(D.plusDays(50));
    }

    /** JOINT_ACCOUNTABLE shows since more than one body became ACCOUNTABLE, whoever joins or leaves meanwhile. */
    @Test
    void jointAccountableShowsSinceTheSecondHolderTookEffectWhileItLasts() {
        SubjectFacts facts = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D, null, D, null)
                .assign("b", RaciRole.ACCOUNTABLE, "15F", D.plusDays(10), null, D.plusDays(10), D.plusDays(30))
                .assign("c", RaciRole.ACCOUNTABLE, "E08000035", D.plusDays(20), null, D.plusDays(20), null)
                .body(new Body("E08000035", "Leeds City Council", true, LocalDate.of(2016, 4, 1), null)).build();
        assertThat(since(facts, GapKind.JOINT_ACCOUNTABLE, D.plusDays(25))).isEqualTo(D.plusDays(10));
        assertThat(since(facts, GapKind.JOINT_ACCOUNTABLE, D.plusDays(40))).as("the CCG left, two are still joint")
                .isEqualTo(D.plusDays(10));

        // One of two joint holders hands its part on: still joint, since the second took effect.
        SubjectFacts handed = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D, null, D, null)
                .held("b", RaciRole.ACCOUNTABLE, null, new Facts.Spell("15F", D.plusDays(10)),
                        new Facts.Spell("Y05986", D.plusDays(40))).build();
        assertThat(since(handed, GapKind.JOINT_ACCOUNTABLE, D.plusDays(50))).isEqualTo(D.plusDays(10));
    }

    /**
     * NO_ACCOUNTABLE before an assignment that changed hands took effect shows since the subject needed one: a
     * relinquishment dated after the day asked about has not happened yet (it showed since the relinquishment).
     */
    @Test
    void noAccountableBeforeAHandedOnAssignmentTookEffectIsNotDatedByItsLaterRelinquishment() {
        SubjectFacts facts = Facts.theme().needs(D).held("a", RaciRole.ACCOUNTABLE, D.plusDays(200),
                new Facts.Spell("RR8", D.plusDays(50)), new Facts.Spell("15F", D.plusDays(100))).build();
        assertThat(since(facts, GapKind.NO_ACCOUNTABLE, D.plusDays(10))).isEqualTo(D);
        assertThat(kinds(facts, D.plusDays(150))).doesNotContain(GapKind.NO_ACCOUNTABLE);
        assertThat(since(facts, GapKind.NO_ACCOUNTABLE, D.plusDays(250))).isEqualTo(D.plusDays(200));
    }

    /** The {@code since} of the one gap of this kind on the day (null: none), and the windows agree with it. */
    private static LocalDate since(SubjectFacts facts, GapKind kind, LocalDate day) {
        List<Gap> gaps = GapRules.on(facts, day).stream().filter(g -> g.kind() == kind).toList();
        assertThat(gaps).as(kind + " on " + day).hasSizeLessThanOrEqualTo(1);
        assertThat(GapRules.windows(facts).stream().filter(w -> w.showsOn(day) && w.gap().kind() == kind)
                .map(GapWindow::gap).toList()).as("windows on " + day).isEqualTo(gaps);
        return gaps.isEmpty() ? null : gaps.get(0).since();
    }

    @Test
    void accountableAndResponsibleMustBeAcceptedWithinFourteenDays() {
        SubjectFacts facts = Facts.theme().assign("r", RaciRole.RESPONSIBLE, "RR8", D, null, D.plusDays(20), null)
                .assign("i", RaciRole.INFORMED, "15F", D).assign("c", RaciRole.CONSULTED, "15F", D).build();
        assertThat(kinds(facts, D.plusDays(13))).isEmpty();
        assertThat(kinds(facts, D.plusDays(14))).as("only the RESPONSIBLE one").containsExactly(GapKind.NOT_ACCEPTED);
        assertThat(GapRules.on(facts, D.plusDays(14)).get(0).accountabilityId()).isEqualTo("r");
        assertThat(kinds(facts, D.plusDays(19))).containsExactly(GapKind.NOT_ACCEPTED);
        assertThat(kinds(facts, D.plusDays(20))).as("accepted that day").isEmpty();
    }

    @Test
    void aHolderWhoseOrganisationLeftIsAGapFromTheDayAfterItsLastDay() {
        Body left = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), D.plusDays(30));
        SubjectFacts facts = Facts.theme().body(left).assign("c", RaciRole.CONSULTED, "15F", D).build();
        assertThat(kinds(facts, D.plusDays(30))).as("its last day as a member").isEmpty();
        assertThat(kinds(facts, D.plusDays(31))).containsExactly(GapKind.HOLDER_WITHDRAWN);
        assertThat(GapRules.on(facts, D.plusDays(40)).get(0).since()).isEqualTo(D.plusDays(31));
        SubjectFacts relinquished = Facts.theme().body(left).assign("c", RaciRole.CONSULTED, "15F", D, null, null,
                D.plusDays(1)).build();
        assertThat(kinds(relinquished, D.plusDays(30))).isEmpty();
    }

    @Test
    void aBodyAdmittedAgainIsJudgedOnEachDayByThePeriodCoveringIt() {
        // A council withdrew on 2018-03-31 and was admitted again on 2019-01-01: a member, a statutory decider and a
        // holder in 2016-2018 and again from 2019; a HOLDER_WITHDRAWN gap only between its periods.
        Body council = Body.of("E10000006", "Cumbria County Council", true, List.of(
                new MemberPeriod(LocalDate.of(2016, 4, 1), LocalDate.of(2018, 3, 31), "Left", null),
                new MemberPeriod(LocalDate.of(2019, 1, 1), null, null, null)));
        assertThat(council.memberOn(LocalDate.of(2017, 6, 1))).isTrue();
        assertThat(council.memberOn(LocalDate.of(2018, 3, 31))).as("its last day").isTrue();
        assertThat(council.memberOn(LocalDate.of(2018, 4, 1))).isFalse();
        assertThat(council.memberOn(LocalDate.of(2019, 1, 1))).isTrue();

        SubjectFacts decision = Facts.theme().body(council).decision(DecisionOutcome.NOTED, LocalDate.of(2017, 6, 1),
                List.of("E10000006"), Map.of(), List.of(), Set.of()).build();
        assertThat(kinds(decision, LocalDate.of(2020, 1, 1))).as("a statutory member on decidedOn").isEmpty();
        SubjectFacts between = Facts.theme().body(council).decision(DecisionOutcome.NOTED, LocalDate.of(2018, 6, 1),
                List.of("E10000006"), Map.of(), List.of(), Set.of()).build();
        assertThat(kinds(between, LocalDate.of(2020, 1, 1))).containsExactly(GapKind.NO_STATUTORY_DECIDER);

        SubjectFacts held = Facts.theme().body(council).assign("c", RaciRole.CONSULTED, "E10000006",
                LocalDate.of(2017, 1, 1)).build();
        assertThat(kinds(held, LocalDate.of(2018, 3, 31))).isEmpty();
        Gap gap = GapRules.on(held, LocalDate.of(2018, 6, 1)).get(0);
        assertThat(gap.kind()).isEqualTo(GapKind.HOLDER_WITHDRAWN);
        assertThat(gap.since()).isEqualTo(LocalDate.of(2018, 4, 1));
        assertThat(gap.detail()).contains("left the partnership on 2018-03-31");
        assertThat(kinds(held, LocalDate.of(2019, 1, 1))).as("admitted again").isEmpty();
        assertThat(GapRules.windows(held)).extracting(GapWindow::from, GapWindow::until).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2018, 4, 1), LocalDate.of(2019, 1, 1)));
    }

    @Test
    void aBodySucceededAndAdmittedAgainStillPassedWhatItOwedThenAndOwesItsNewDecisionsItself() {
        // RNL merged into RNN (a member since 2016) on 2019-10-01 and was admitted again on 2023-01-01.
        Body rnl = Body.of("RNL", "North Cumbria University Hospitals NHS Trust", true, List.of(
                new MemberPeriod(LocalDate.of(2016, 4, 1), LocalDate.of(2019, 10, 1), "Merged", "RNN"),
                new MemberPeriod(LocalDate.of(2023, 1, 1), null, null, null)));
        Body rnn = new Body("RNN", "Cumbria Partnership NHS Foundation Trust", true, LocalDate.of(2016, 4, 1), null);
        SubjectFacts old = Facts.theme().body(rnl).body(rnn).decision(DecisionOutcome.APPROVED,
                LocalDate.of(2019, 6, 1), List.of("RNL"), Map.of(), List.of(), Set.of()).build();
        assertThat(kinds(old, LocalDate.of(2024, 1, 1))).as("a statutory member on decidedOn")
                .containsExactly(GapKind.RATIFICATION_PENDING);
        assertThat(GapRules.on(old, LocalDate.of(2024, 1, 1)).get(0).detail())
                .contains("[RNN (successor of RNL)]");
        assertThat(GapRules.on(old, LocalDate.of(2019, 9, 30)).get(0).detail()).contains("[RNL]");
        SubjectFacts renewed = Facts.theme().body(rnl).body(rnn).decision(DecisionOutcome.APPROVED,
                LocalDate.of(2023, 6, 1), List.of("RNL"), Map.of(), List.of(), Set.of()).build();
        assertThat(GapRules.on(renewed, LocalDate.of(2024, 1, 1)).get(0).detail()).contains("[RNL]");
        SubjectFacts held = Facts.theme().body(rnl).body(rnn).assign("c", RaciRole.CONSULTED, "RNL",
                LocalDate.of(2017, 1, 1)).build();
        assertThat(GapRules.windows(held)).as("a succeeded holder is no HOLDER_WITHDRAWN gap").isEmpty();
    }

    @Test
    void aSucceededHolderOrLeadIsNoGapItsSuccessorHoldsIt() {
        Body succeeded = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), D, "15F00");
        SubjectFacts holder = Facts.theme().body(succeeded).assign("c", RaciRole.CONSULTED, "15F", D.minusDays(5))
                .build();
        assertThat(kinds(holder, D.plusDays(1))).doesNotContain(GapKind.HOLDER_WITHDRAWN);
        assertThat(GapRules.windows(holder)).isEmpty();
        assertThat(kinds(Facts.theme().body(succeeded).serviceChange(Stage.CONSULTATION, "15F").build(), D))
                .doesNotContain(GapKind.NO_LEAD);
    }

    @Test
    void aDeclinedRatificationIsAGapFromTheDayItWasDeclinedAndNoLongerPending() {
        SubjectFacts facts = Facts.theme().decision(DecisionOutcome.APPROVED, D, List.of("RR8", "15F"),
                Map.of("RR8", D.plusDays(2)), List.of(), Set.of()).declined(Map.of("15F", D.plusDays(10))).build();
        assertThat(kinds(facts, D.plusDays(9))).doesNotContain(GapKind.RATIFICATION_DECLINED);
        Gap declined = GapRules.on(facts, D.plusDays(10)).stream()
                .filter(g -> g.kind() == GapKind.RATIFICATION_DECLINED).findFirst().orElseThrow();
        assertThat(declined.detail()).contains("NHS Leeds CCG (15F)");
        assertThat(declined.since()).isEqualTo(D.plusDays(10));
        assertThat(kinds(facts, D.plusDays(40))).contains(GapKind.RATIFICATION_DECLINED)
                .doesNotContain(GapKind.RATIFICATION_PENDING);
        SubjectFacts noted = Facts.theme().decision(DecisionOutcome.NOTED, D, List.of("15F"), Map.of(), List.of(),
                Set.of()).declined(Map.of("15F", D)).build();
        assertThat(kinds(noted, D.plusDays(40))).as("NOTED needs no ratification").isEmpty();
    }

    @Test
    void aRelinquishmentDatedAheadTakesEffectOnItsDay() {
        SubjectFacts facts = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D, null, D, D.plusDays(60))
                .build();
        assertThat(kinds(facts, D.plusDays(59))).isEmpty();
        assertThat(kinds(facts, D.plusDays(60))).containsExactly(GapKind.NO_ACCOUNTABLE);
        assertThat(GapRules.on(facts, D.plusDays(60)).get(0).since()).isEqualTo(D.plusDays(60));
    }

    @Test
    void aPastDayIsJudgedOnTheHolderOfThatDay() {
        // The trust held it from D and never accepted; the CCG took it over on D+100 and accepted at once.
        LocalDate handover = D.plusDays(100);
        SubjectFacts facts = Facts.theme().needs(D).handedOver("a", RaciRole.ACCOUNTABLE, "RR8", D, null, handover,
                "15F", handover).build();
        assertThat(kinds(facts, D.plusDays(13))).isEmpty();
        List<Gap> unaccepted = GapRules.on(facts, D.plusDays(14));
        assertThat(unaccepted).extracting(Gap::kind).containsExactly(GapKind.NOT_ACCEPTED);
        assertThat(unaccepted.get(0).detail()).contains("RR8");
        assertThat(kinds(facts, handover.minusDays(1))).containsExactly(GapKind.NOT_ACCEPTED);
        assertThat(kinds(facts, handover)).as("one holder each day: no joint, no gap").isEmpty();
        assertThat(kinds(facts, handover.plusDays(400))).isEmpty();

        // The holder's body is that day's: a GP federation held it until D+100, the trust after.
        SubjectFacts federation = Facts.theme().needs(D).handedOver("b", RaciRole.ACCOUNTABLE, "Y05986", D, D,
                handover, "RR8", handover).build();
        assertThat(kinds(federation, D.plusDays(50))).containsExactly(GapKind.NON_STATUTORY_ACCOUNTABLE);
        assertThat(kinds(federation, handover)).isEmpty();
    }

    @Test
    void aReviewIsOverdueTheDayAfterReviewBy() {
        SubjectFacts facts = Facts.theme().assign("c", RaciRole.CONSULTED, "RR8", D, D.plusDays(10), null, null)
                .build();
        assertThat(kinds(facts, D.plusDays(10))).isEmpty();
        assertThat(kinds(facts, D.plusDays(11))).containsExactly(GapKind.REVIEW_OVERDUE);
        assertThat(GapRules.on(facts, D.plusDays(40)).get(0).since()).as("the first day it shows")
                .isEqualTo(D.plusDays(11));
    }

    @Test
    void aReviewClearsAnOverdueReviewFromItsOwnDay() {
        // Due by D+10, reviewed a month late on D+40 with the next review by D+400.
        SubjectFacts facts = Facts.theme().assign("a", RaciRole.ACCOUNTABLE, "RR8", D, D.plusDays(10), D, null)
                .review("a", D.plusDays(40), D.plusDays(400)).build();
        assertThat(kinds(facts, D.plusDays(39))).as("overdue until the review").containsExactly(GapKind.REVIEW_OVERDUE);
        assertThat(kinds(facts, D.plusDays(40))).isEmpty();
        assertThat(kinds(facts, D.plusDays(401))).containsExactly(GapKind.REVIEW_OVERDUE);
        assertThat(GapRules.windows(facts)).extracting(GapWindow::from, GapWindow::until).containsExactly(
                org.assertj.core.groups.Tuple.tuple(D.plusDays(11), D.plusDays(40)),
                org.assertj.core.groups.Tuple.tuple(D.plusDays(401), null));
    }

    @Test
    void aDecisionNeedsAStatutoryDeciderThatWasAMemberOnDecidedOn() {
        SubjectFacts none = Facts.theme().decision(DecisionOutcome.NOTED, D, List.of("Y05986"), Map.of(), List.of(),
                Set.of()).build();
        assertThat(kinds(none, D)).containsExactly(GapKind.NO_STATUTORY_DECIDER);
        assertThat(kinds(none, D.minusDays(1))).as("not taken yet").isEmpty();
        assertThat(GapRules.windows(none)).extracting(GapWindow::from).containsExactly(D);
        Body notYet = new Body("RX7", "North West Ambulance Service", true, D.plusDays(1), null);
        SubjectFacts joinedLater = Facts.theme().body(notYet).decision(DecisionOutcome.NOTED, D, List.of("RX7"),
                Map.of(), List.of(), Set.of()).build();
        assertThat(kinds(joinedLater, D)).containsExactly(GapKind.NO_STATUTORY_DECIDER);
        SubjectFacts statutory = Facts.theme().decision(DecisionOutcome.NOTED, D, List.of("RR8"), Map.of(), List.of(),
                Set.of()).build();
        assertThat(kinds(statutory, D)).isEmpty();
        // The day a body withdraws is its last day as a member, as the command side judges acts (DESIGN §1): a
        // decision it takes that day has a statutory decider; one the day after does not.
        Body leaving = new Body("15F", "NHS Leeds CCG", true, D.minusYears(2), D);
        assertThat(kinds(Facts.theme().body(leaving).decision(DecisionOutcome.NOTED, D, List.of("15F"), Map.of(),
                List.of(), Set.of()).build(), D)).isEmpty();
        Body left = new Body("15F", "NHS Leeds CCG", true, D.minusYears(2), D.minusDays(1));
        assertThat(kinds(Facts.theme().body(left).decision(DecisionOutcome.NOTED, D, List.of("15F"), Map.of(),
                List.of(), Set.of()).build(), D)).containsExactly(GapKind.NO_STATUTORY_DECIDER);
    }

    @Test
    void ratificationIsPendingThirtyDaysAfterTheDecisionOnlyFromStatutoryBodiesNotBoundByDelegation() {
        DelegationFacts ccgDelegated = new DelegationFacts("15F", Set.of(ThemeCode.FINANCE), D.minusDays(1), null, null);
        SubjectFacts facts = Facts.theme().decision(DecisionOutcome.APPROVED, D, List.of("RR8", "15F", "Y05986"),
                Map.of(), List.of(ccgDelegated), Set.of()).build();
        assertThat(kinds(facts, D.plusDays(29))).doesNotContain(GapKind.RATIFICATION_PENDING);
        Gap pending = GapRules.on(facts, D.plusDays(30)).stream()
                .filter(g -> g.kind() == GapKind.RATIFICATION_PENDING).findFirst().orElseThrow();
        assertThat(pending.detail()).contains("[RR8]");
        assertThat(pending.since()).isEqualTo(D.plusDays(30));

        SubjectFacts ratified = Facts.theme().decision(DecisionOutcome.APPROVED, D, List.of("RR8", "15F"),
                Map.of("RR8", D.plusDays(40)), List.of(ccgDelegated), Set.of()).build();
        assertThat(kinds(ratified, D.plusDays(39))).contains(GapKind.RATIFICATION_PENDING);
        assertThat(kinds(ratified, D.plusDays(40))).doesNotContain(GapKind.RATIFICATION_PENDING);
    }

    @Test
    void aPendingRatificationNamesTheSuccessorThatOwesItOnTheDay() {
        // The CCG decided on D; the ICB took its place on D+100 and owes its ratification from then.
        Body ccg = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), D.plusDays(99), "QWO");
        Body icb = new Body("QWO", "NHS West Yorkshire ICB", true, D.plusDays(100), null);
        SubjectFacts facts = Facts.theme().body(ccg).body(icb).decision(DecisionOutcome.APPROVED, D,
                List.of("15F", "RR8"), Map.of(), List.of(), Set.of()).build();
        Gap before = GapRules.on(facts, D.plusDays(50)).stream()
                .filter(g -> g.kind() == GapKind.RATIFICATION_PENDING).findFirst().orElseThrow();
        assertThat(before.detail()).contains("[15F, RR8]");
        Gap after = GapRules.on(facts, D.plusDays(100)).stream()
                .filter(g -> g.kind() == GapKind.RATIFICATION_PENDING).findFirst().orElseThrow();
        assertThat(after.detail()).contains("[QWO (successor of 15F), RR8]");
        assertThat(after.since()).as("still due since thirty days after the decision").isEqualTo(D.plusDays(30));
        assertThat(GapRules.windows(facts)).filteredOn(w -> w.gap().kind() == GapKind.RATIFICATION_PENDING)
                .extracting(GapWindow::from, GapWindow::until).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(D.plusDays(30), D.plusDays(100)),
                        org.assertj.core.groups.Tuple.tuple(D.plusDays(100), null));
    }

    @Test
    void aRatificationPassesToABodyThatWasAlreadyAMemberOnlyOnTheSuccessionDay() {
        // RNL and RNN both decided on D; RNL merged into RNN (a member since 2016) on D+400. Before that day RNL
        // still owes its own ratification, and RNN only its own.
        Body rnl = new Body("RNL", "North Cumbria University Hospitals NHS Trust", true, LocalDate.of(2016, 4, 1),
                D.plusDays(400), "RNN");
        Body rnn = new Body("RNN", "Cumbria Partnership NHS Foundation Trust", true, LocalDate.of(2016, 4, 1), null);
        SubjectFacts facts = Facts.theme().body(rnl).body(rnn).decision(DecisionOutcome.APPROVED, D,
                List.of("RNL", "RNN"), Map.of(), List.of(), Set.of()).build();
        Gap before = GapRules.on(facts, D.plusDays(399)).stream()
                .filter(g -> g.kind() == GapKind.RATIFICATION_PENDING).findFirst().orElseThrow();
        assertThat(before.detail()).contains("[RNL, RNN]");
        Gap after = GapRules.on(facts, D.plusDays(400)).stream()
                .filter(g -> g.kind() == GapKind.RATIFICATION_PENDING).findFirst().orElseThrow();
        assertThat(after.detail()).as("named once, as itself, as the bindings list it").contains("[RNN]");
        assertThat(GapRules.windows(facts)).filteredOn(w -> w.gap().kind() == GapKind.RATIFICATION_PENDING)
                .extracting(GapWindow::from, GapWindow::until).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(D.plusDays(30), D.plusDays(400)),
                        org.assertj.core.groups.Tuple.tuple(D.plusDays(400), null));
    }

    @Test
    void notedAndDeferredDecisionsAndDelegationsOutOfForceDecideWhoMustRatify() {
        for (DecisionOutcome outcome : List.of(DecisionOutcome.NOTED, DecisionOutcome.DEFERRED)) {
            SubjectFacts facts = Facts.theme().decision(outcome, D, List.of("RR8"), Map.of(), List.of(), Set.of())
                    .build();
            assertThat(kinds(facts, D.plusDays(60))).as(outcome.name()).isEmpty();
        }
        DelegationFacts revoked = new DelegationFacts("RR8", Set.of(ThemeCode.FINANCE), D.minusDays(100), null, D);
        SubjectFacts facts = Facts.theme().decision(DecisionOutcome.REJECTED, D, List.of("RR8"), Map.of(),
                List.of(revoked), Set.of()).build();
        assertThat(kinds(facts, D.plusDays(30))).as("revoked on decidedOn: not bound")
                .contains(GapKind.RATIFICATION_PENDING);
    }

    @Test
    void anAssuranceTestIsJudgedByItsResultOnTheDay() {
        // NOT_MET when the decision was approved (D), assessed MET from D+120; another test NOT_MET from D+200.
        SubjectFacts facts = Facts.theme().decision(DecisionOutcome.APPROVED, D, List.of("RR8"), Map.of("RR8", D),
                List.of(), Set.of()).build();
        SubjectFacts.DecisionFacts d = facts.decision();
        SubjectFacts judged = new SubjectFacts(facts.partnershipId(), facts.subject(), facts.needsAccountable(),
                facts.assignments(), facts.bodies(), new SubjectFacts.DecisionFacts(d.theme(), d.outcome(), d.status(),
                d.decidedOn(), d.decidingOdsCodes(), d.forumId(), d.forumName(), d.forumDelegations(), d.ratifiedOn(),
                List.of(new SubjectFacts.Assessment(AssuranceTest.CLINICAL_EVIDENCE,
                                uk.nhs.stpgov.events.AssuranceResult.NOT_MET, D.minusDays(12)),
                        new SubjectFacts.Assessment(AssuranceTest.CLINICAL_EVIDENCE,
                                uk.nhs.stpgov.events.AssuranceResult.MET, D.plusDays(120)),
                        new SubjectFacts.Assessment(AssuranceTest.PUBLIC_ENGAGEMENT,
                                uk.nhs.stpgov.events.AssuranceResult.NOT_MET, D.plusDays(200))),
                d.declinedOn(), null), facts.serviceChange());
        assertThat(kinds(judged, D.minusDays(1))).as("not taken yet").isEmpty();
        assertThat(GapRules.on(judged, D.plusDays(28))).extracting(Gap::kind, Gap::since)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GapKind.ASSURANCE_NOT_MET, D));
        assertThat(kinds(judged, D.plusDays(120))).as("assessed MET").isEmpty();
        assertThat(GapRules.on(judged, D.plusDays(200))).extracting(Gap::since).containsExactly(D.plusDays(200));
        assertThat(GapRules.windows(judged)).extracting(GapWindow::from, GapWindow::until).containsExactly(
                org.assertj.core.groups.Tuple.tuple(D, D.plusDays(120)),
                org.assertj.core.groups.Tuple.tuple(D.plusDays(200), null));
    }

    @Test
    void anApprovedDecisionOnAServiceChangeWithAnAssuranceTestNotMet() {
        SubjectFacts notMet = Facts.theme().decision(DecisionOutcome.APPROVED, D, List.of("RR8"), Map.of("RR8", D),
                List.of(), Set.of(AssuranceTest.BED_CLOSURE)).build();
        assertThat(kinds(notMet, D)).containsExactly(GapKind.ASSURANCE_NOT_MET);
        assertThat(kinds(notMet, D.minusDays(1))).as("not taken yet").isEmpty();
        SubjectFacts rejected = Facts.theme().decision(DecisionOutcome.REJECTED, D, List.of("RR8"), Map.of("RR8", D),
                List.of(), Set.of(AssuranceTest.BED_CLOSURE)).build();
        assertThat(kinds(rejected, D)).isEmpty();
    }

    @Test
    void aRescindedDecisionShowsItsGapsOnTheDaysItStoodOnly() {
        // Approved on D, not ratified by the trust, an ACCOUNTABLE from D+5 never accepted; rescinded on D+45.
        SubjectFacts facts = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D.plusDays(5))
                .decision(DecisionOutcome.APPROVED, D, List.of("RR8"), Map.of(), List.of(), Set.of())
                .rescinded(D.plusDays(45)).build();
        assertThat(kinds(facts, D.plusDays(30))).containsExactlyInAnyOrder(GapKind.NOT_ACCEPTED,
                GapKind.RATIFICATION_PENDING);
        assertThat(kinds(facts, D.plusDays(44))).contains(GapKind.RATIFICATION_PENDING);
        assertThat(kinds(facts, D.plusDays(45))).as("rescinded that day").isEmpty();
        assertThat(kinds(facts, D.minusDays(1))).as("not taken yet").isEmpty();
        assertThat(GapRules.windows(facts)).extracting(w -> w.gap().kind(), GapWindow::from, GapWindow::until)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GapKind.NO_ACCOUNTABLE, D, D.plusDays(5)),
                        org.assertj.core.groups.Tuple.tuple(GapKind.NOT_ACCEPTED, D.plusDays(19), D.plusDays(45)),
                        org.assertj.core.groups.Tuple.tuple(GapKind.RATIFICATION_PENDING, D.plusDays(30),
                                D.plusDays(45)));
        assertThat(facts.exists()).isEqualTo(new Needs.Period(D, D.plusDays(45)));
    }

    @Test
    void aServiceChangeExistsFromTheDayItWasProposed() {
        SubjectFacts facts = Facts.theme().needs(D).assign("a", RaciRole.ACCOUNTABLE, "RR8", D.minusDays(20))
                .serviceChange(Stage.CONSULTATION, "RR8", D).build();
        assertThat(kinds(facts, D.minusDays(1))).as("not proposed yet").isEmpty();
        assertThat(GapRules.windows(facts)).extracting(GapWindow::from).containsOnly(D);
    }

    @Test
    void anOpenServiceChangeWhoseLeadLeftHasNoLead() {
        Body left = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), D);
        assertThat(kinds(Facts.theme().body(left).serviceChange(Stage.CONSULTATION, "15F").build(), D.plusDays(1)))
                .containsExactly(GapKind.NO_LEAD);
        assertThat(kinds(Facts.theme().body(left).serviceChange(Stage.CONSULTATION, "15F").build(), D))
                .as("its last day as a member").isEmpty();
        assertThat(kinds(Facts.theme().body(left).serviceChange(Stage.WITHDRAWN, "15F").build(), D.plusDays(1)))
                .isEmpty();
    }

    @Test
    void aServiceChangeClosedLaterShowsItsGapsOnTheDaysItWasOpenOnly() {
        // Proposed on D with nobody ACCOUNTABLE, its lead left on D+100, closed on D+200 (withdrawn, or completed).
        Body left = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), D.plusDays(100));
        for (Stage closed : List.of(Stage.WITHDRAWN, Stage.COMPLETED)) {
            SubjectFacts facts = Facts.theme().body(left).serviceChange(closed, "15F", D, D.plusDays(200)).build();
            assertThat(GapRules.on(facts, D.plusDays(150))).as(closed + ": open then")
                    .extracting(Gap::kind, Gap::since).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(GapKind.NO_ACCOUNTABLE, D),
                            org.assertj.core.groups.Tuple.tuple(GapKind.NO_LEAD, D.plusDays(101)));
            assertThat(kinds(facts, D.plusDays(199))).as(closed + ": its last open day")
                    .containsExactly(GapKind.NO_ACCOUNTABLE, GapKind.NO_LEAD);
            assertThat(kinds(facts, D.plusDays(200))).as(closed + " that day").isEmpty();
            assertThat(kinds(facts, D.plusDays(400))).as(closed.name()).isEmpty();
            assertThat(kinds(facts, D.minusDays(1))).as("not proposed yet").isEmpty();
            assertThat(GapRules.windows(facts)).extracting(w -> w.gap().kind(), GapWindow::from, GapWindow::until)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(GapKind.NO_ACCOUNTABLE, D, D.plusDays(200)),
                            org.assertj.core.groups.Tuple.tuple(GapKind.NO_LEAD, D.plusDays(101), D.plusDays(200)));
            assertThat(facts.exists()).isEqualTo(new Needs.Period(D, D.plusDays(200)));
            assertThat(GapRules.on(facts, D.plusDays(150)).get(1).detail())
                    .as("its stage now is not the one it was in then")
                    .endsWith("while the change was open (it was " + closed + " on " + D.plusDays(200) + ")");
            List<GapWindow> windows = GapRules.windows(facts);
            for (LocalDate day = D.minusDays(2); day.isBefore(D.plusDays(210)); day = day.plusDays(1)) {
                LocalDate on = day;
                assertThat(windows.stream().filter(w -> w.showsOn(on)).map(GapWindow::gap).toList())
                        .as("on " + on).containsExactlyInAnyOrderElementsOf(GapRules.on(facts, on));
            }
        }
    }

    @Test
    void aServiceChangeSentBackToConsultationIsStillOpen() {
        // DECIDED back to CONSULTATION is a move between open stages: it never closed.
        Body left = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), D.plusDays(100));
        SubjectFacts facts = Facts.theme().body(left).serviceChange(Stage.CONSULTATION, "15F", D, null).build();
        assertThat(kinds(facts, D.plusDays(400))).containsExactly(GapKind.NO_ACCOUNTABLE, GapKind.NO_LEAD);
        assertThat(facts.exists()).isEqualTo(new Needs.Period(D, null));
        assertThat(GapRules.on(facts, D.plusDays(400)).get(1).detail()).endsWith("while the change is CONSULTATION");
    }

    @Test
    void aServiceChangeClosedBeforeTheDayItNamesAsProposedWasOpenOnNoDay() {
        SubjectFacts facts = Facts.theme().serviceChange(Stage.WITHDRAWN, "15F", D, D.minusDays(10)).build();
        assertThat(facts.exists()).isEqualTo(new Needs.Period(D, D));
        assertThat(GapRules.windows(facts)).isEmpty();
        assertThat(kinds(facts, D)).isEmpty();
    }

    @Test
    void windowsAgreeWithTheRulesOnEveryDay() {
        Body left = new Body("15F", "NHS Leeds CCG", true, LocalDate.of(2016, 4, 1), D.plusDays(50));
        SubjectFacts facts = Facts.theme().needs(D).body(left)
                .assign("a", RaciRole.ACCOUNTABLE, "15F", D.plusDays(3), D.plusDays(30), D.plusDays(20), null)
                .assign("b", RaciRole.ACCOUNTABLE, "RR8", D.plusDays(10), null, null, null)
                .build();
        List<GapWindow> windows = GapRules.windows(facts);
        for (LocalDate day = D.minusDays(5); day.isBefore(D.plusDays(70)); day = day.plusDays(1)) {
            LocalDate on = day;
            assertThat(windows.stream().filter(w -> w.showsOn(on)).map(GapWindow::gap).toList())
                    .as("on " + on).containsExactlyInAnyOrderElementsOf(GapRules.on(facts, on));
        }
        assertThat(windows).extracting(w -> w.gap().kind()).contains(GapKind.NO_ACCOUNTABLE, GapKind.JOINT_ACCOUNTABLE,
                GapKind.NOT_ACCEPTED, GapKind.REVIEW_OVERDUE, GapKind.HOLDER_WITHDRAWN);
    }

    /**
     * Random long histories (each rule judged on its own parts and turning days): on every day the windows show
     * exactly the gaps the rules find on the whole facts, and a gap's windows never abut (each is as long as it can be).
     */
    @Test
    void windowsOfRandomHistoriesAgreeWithTheRulesOnEveryDay() {
        java.util.Random random = new java.util.Random(20261129);
        RaciRole[] roles = RaciRole.values();
        String[] bodies = {"RR8", "15F", "Y05986", "RAE"};
        for (int subject = 0; subject < 150; subject++) {
            Body leaving = new Body("RAE", "Bradford Teaching Hospitals NHS Foundation Trust", random.nextBoolean(),
                    LocalDate.of(2016, 4, 1), D.plusDays(random.nextInt(150)), random.nextInt(3) == 0 ? "RR8" : null);
            Facts facts = Facts.theme().needs(random.nextBoolean() ? D.plusDays(random.nextInt(30)) : null).body(leaving);
            if (random.nextInt(3) == 0) {
                // A theme in and out of forums' remits.
                LocalDate in = D.plusDays(random.nextInt(60));
                LocalDate out = in.plusDays(1 + random.nextInt(80));
                facts.needs(new Needs(List.of(new Needs.Period(in, out),
                        new Needs.Period(out.plusDays(random.nextInt(40)), random.nextBoolean() ? null
                                : out.plusDays(60 + random.nextInt(60))))));
            }
            int assignments = random.nextInt(16);
            for (int n = 0; n < assignments; n++) {
                LocalDate from = D.plusDays(random.nextInt(150));
                facts.assign("a" + n, roles[random.nextInt(roles.length)], bodies[random.nextInt(bodies.length)], from,
                        random.nextInt(3) == 0 ? from.plusDays(random.nextInt(60)) : null,
                        random.nextBoolean() ? from.plusDays(random.nextInt(40)) : null,
                        random.nextBoolean() ? from.plusDays(1 + random.nextInt(80)) : null);
                if (random.nextInt(3) == 0) {
                    LocalDate reviewed = from.plusDays(random.nextInt(90));
                    facts.review("a" + n, reviewed, random.nextBoolean() ? reviewed.plusDays(random.nextInt(60)) : null);
                }
            }
            // Assignments that changed hands: one fact per holder's period (a past day is judged on that day's holder).
            for (int n = random.nextInt(3); n > 0; n--) {
                LocalDate from = D.plusDays(random.nextInt(150));
                LocalDate handover = from.plusDays(1 + random.nextInt(120));
                facts.handedOver("h" + n, roles[random.nextInt(roles.length)], bodies[random.nextInt(bodies.length)],
                        from, random.nextBoolean() ? from.plusDays(random.nextInt(40)) : null, handover,
                        bodies[random.nextInt(bodies.length)],
                        random.nextBoolean() ? handover.plusDays(random.nextInt(40)) : null);
            }
            if (random.nextInt(3) == 0) {
                // A decision, some of them rescinded while their gaps show.
                LocalDate decided = D.plusDays(random.nextInt(60));
                facts.decision(random.nextBoolean() ? DecisionOutcome.APPROVED : DecisionOutcome.REJECTED, decided,
                        List.of("RR8", "RAE"), random.nextBoolean() ? Map.of("RR8", decided.plusDays(random.nextInt(60)))
                                : Map.of(), List.of(), random.nextBoolean() ? Set.of(AssuranceTest.BED_CLOSURE) : Set.of());
                if (random.nextBoolean()) {
                    facts.rescinded(decided.plusDays(random.nextInt(120)));
                }
            }
            SubjectFacts built = facts.build();
            List<GapWindow> windows = GapRules.windows(built);
            for (LocalDate day = D.minusDays(2); day.isBefore(D.plusDays(320)); day = day.plusDays(1)) {
                LocalDate on = day;
                assertThat(windows.stream().filter(w -> w.showsOn(on)).map(GapWindow::gap).toList())
                        .as("subject " + subject + " on " + on).containsExactlyInAnyOrderElementsOf(GapRules.on(built, on));
            }
            for (GapWindow w : windows) {
                assertThat(windows).as("subject " + subject + ": a window of the same gap starts where " + w + " ends")
                        .noneMatch(other -> other.gap().equals(w.gap()) && other.from().equals(w.until()));
            }
        }
    }
}
