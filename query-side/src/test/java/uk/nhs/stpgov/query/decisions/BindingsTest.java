package uk.nhs.stpgov.query.decisions;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.query.decisions.Bindings.Answer;
import uk.nhs.stpgov.query.decisions.Bindings.Basis;
import uk.nhs.stpgov.query.decisions.Bindings.Binding;
import uk.nhs.stpgov.query.decisions.Bindings.Delegation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding per body (DESIGN §1), without a database. */
class BindingsTest {
    private static final LocalDate D = LocalDate.of(2019, 6, 1);
    private static final Set<String> STATUTORY = Set.of("RR8", "15F", "E08000035", "QWO");
    private static final Delegation CCG_FINANCE = new Delegation("cic", "15F", Set.of(ThemeCode.FINANCE),
            D.minusDays(10), null, null);

    @Test
    void delegationInForceOnDecidedOnBindsWithoutRatification() {
        List<Binding> bindings = Bindings.of(ThemeCode.FINANCE, "cic", "APPROVED", D, List.of("RR8", "15F", "Y05986"),
                Map.of(), STATUTORY, List.of(CCG_FINANCE), List.of(new Answer("RR8", D.plusDays(3), false)));
        assertThat(bindings).containsExactly(new Binding("RR8", Basis.RATIFICATION, D.plusDays(3), null),
                new Binding("15F", Basis.DELEGATION, D, null));
    }

    @Test
    void aDelegationOfAnotherThemeOrForumOrOutOfForceDoesNotBind() {
        Delegation later = new Delegation("cic", "15F", Set.of(ThemeCode.FINANCE), D.plusDays(1), null, null);
        Delegation revoked = new Delegation("cic", "15F", Set.of(ThemeCode.FINANCE), D.minusDays(10), null, D);
        for (List<Delegation> delegations : List.of(List.of(later), List.of(revoked))) {
            assertThat(Bindings.of(ThemeCode.FINANCE, "cic", "REJECTED", D, List.of("15F"), Map.of(), STATUTORY,
                    delegations, List.of())).containsExactly(new Binding("15F", Basis.PENDING, D, null));
        }
        assertThat(Bindings.of(ThemeCode.RISK, "cic", "APPROVED", D, List.of("15F"), Map.of(), STATUTORY,
                List.of(CCG_FINANCE), List.of())).extracting(Binding::basis).containsExactly(Basis.PENDING);
        assertThat(Bindings.of(ThemeCode.FINANCE, "other", "APPROVED", D, List.of("15F"), Map.of(), STATUTORY,
                List.of(CCG_FINANCE), List.of())).extracting(Binding::basis).containsExactly(Basis.PENDING);
    }

    @Test
    void notedAndDeferredNeedNoRatificationAndADeclineIsShown() {
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "NOTED", D, List.of("RR8"), Map.of(), STATUTORY, List.of(),
                List.of())).isEmpty();
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", D, List.of("E08000035"), Map.of(), STATUTORY,
                List.of(), List.of(new Answer("E08000035", D.plusDays(9), true))))
                .containsExactly(new Binding("E08000035", Basis.DECLINED, D.plusDays(9), null));
    }

    @Test
    void aSuccessorOwesThePredecessorsRatification() {
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", D, List.of("15F"), Map.of("15F", "QWO"),
                STATUTORY, List.of(), List.of())).containsExactly(new Binding("QWO", Basis.PENDING, D, "15F"));
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", D, List.of("15F"), Map.of("15F", "QWO"),
                STATUTORY, List.of(), List.of(new Answer("QWO", D.plusDays(400), false))))
                .containsExactly(new Binding("QWO", Basis.RATIFICATION, D.plusDays(400), "15F"));
    }

    /**
     * Bradford CCG and the West Yorkshire ICB decided together on 2022-07-01, the CCG's last day: the CCG's part passed
     * to the ICB, which decided it itself, so the ICB is listed once (it was listed twice, once as inheriting).
     */
    @Test
    void aSuccessorThatDecidedItItselfIsListedOnceAsItself() {
        LocalDate day = LocalDate.of(2022, 7, 1);
        Set<String> statutory = Set.of("36J", "QWO");
        List<String> deciding = List.of("36J", "QWO");
        Map<String, String> passedTo = Map.of("36J", "QWO");
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", day, deciding, passedTo, statutory, List.of(),
                List.of())).containsExactly(new Binding("QWO", Basis.PENDING, day, null));
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", day, deciding, passedTo, statutory, List.of(),
                List.of(new Answer("QWO", day, false))))
                .containsExactly(new Binding("QWO", Basis.RATIFICATION, day, null));
        // The CCG answered on its last day: its own binding, and the ICB still owes its own.
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", day, deciding, passedTo, statutory, List.of(),
                List.of(new Answer("36J", day, false)))).containsExactly(
                new Binding("36J", Basis.RATIFICATION, day, null), new Binding("QWO", Basis.PENDING, day, null));
    }

    @Test
    void aPredecessorsOwnAnswerBeforeItsSuccessionIsTheBindingEvenWhenRecordedAfter() {
        // The CCG ratified in 2019; the minute was loaded after its ratification had passed to the ICB.
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", D, List.of("15F"), Map.of("15F", "QWO"),
                STATUTORY, List.of(), List.of(new Answer("15F", D.plusDays(20), false))))
                .containsExactly(new Binding("15F", Basis.RATIFICATION, D.plusDays(20), null));
    }

    @Test
    void aBodyBoundByDelegationStaysBoundAsItDecidedWhateverItsSuccession() {
        // The CCG had delegated FINANCE to the committees in common: the ICB that succeeded it owes nothing.
        assertThat(Bindings.of(ThemeCode.FINANCE, "cic", "APPROVED", D, List.of("15F"), Map.of("15F", "QWO"),
                STATUTORY, List.of(CCG_FINANCE), List.of(new Answer("QWO", D.plusDays(400), false))))
                .containsExactly(new Binding("15F", Basis.DELEGATION, D, null));
    }

    @Test
    void bodiesThatMergedIntoOneAreBoundByTheirSuccessorsAnswer() {
        // Leeds CCG and two Bradford CCGs decided; the Bradford CCGs merged (36J), and both successors into the ICB.
        Map<String, String> passedTo = Map.of("03C", "36J", "02R", "36J", "36J", "QWO", "15F", "QWO");
        Set<String> statutory = Set.of("15F", "03C", "02R", "36J", "QWO");
        List<String> deciding = List.of("15F", "03C", "02R");
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", D, deciding, passedTo, statutory, List.of(),
                List.of())).containsExactly(new Binding("QWO", Basis.PENDING, D, "15F"),
                new Binding("QWO", Basis.PENDING, D, "36J"));
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", D, deciding, passedTo, statutory, List.of(),
                List.of(new Answer("QWO", D.plusDays(1200), false)))).extracting(Binding::basis)
                .containsOnly(Basis.RATIFICATION);
        // One Bradford CCG had ratified before the merger: only the other's part passed on.
        assertThat(Bindings.of(ThemeCode.FINANCE, null, "APPROVED", D, deciding, passedTo, statutory, List.of(),
                List.of(new Answer("03C", D.plusDays(5), false)))).contains(
                new Binding("03C", Basis.RATIFICATION, D.plusDays(5), null),
                new Binding("QWO", Basis.PENDING, D, "36J"));
    }
}
