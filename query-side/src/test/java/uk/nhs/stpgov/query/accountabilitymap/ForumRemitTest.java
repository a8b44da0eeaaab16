package uk.nhs.stpgov.query.accountabilitymap;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.query.accountabilitymap.WorkingSet.ForumTerms;
import uk.nhs.stpgov.query.gaps.Needs;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The days a theme is in some forum's remit, from the forums' terms, each from its business day; no database. */
class ForumRemitTest {
    private static final LocalDate D = LocalDate.of(2016, 5, 5);

    @Test
    void aThemeIsInRemitFromTheBusinessDayOfTheTermsThatNameItUntilTermsWithoutIt() {
        List<ForumTerms> terms = List.of(
                // The joint committee, established with FINANCE, drops it on D+400; a board takes it on D+700.
                new ForumTerms("jc", Set.of("FINANCE", "RISK"), D, 3),
                new ForumTerms("jc", Set.of("RISK"), D.plusDays(400), 9),
                new ForumTerms("board", Set.of("FINANCE"), D.plusDays(700), 12),
                // Terms back-loaded after a later change: in force by their day, not by when they were recorded.
                new ForumTerms("board", Set.of("VISION"), D.plusDays(650), 20));
        assertThat(WorkingSet.remit(terms, "FINANCE").periods()).containsExactly(
                new Needs.Period(D, D.plusDays(400)), new Needs.Period(D.plusDays(700), null));
        assertThat(WorkingSet.remit(terms, "RISK").periods()).containsExactly(new Needs.Period(D, null));
        assertThat(WorkingSet.remit(terms, "VISION").periods())
                .containsExactly(new Needs.Period(D.plusDays(650), D.plusDays(700)));
        assertThat(WorkingSet.remit(terms, "ENGAGEMENT").periods()).isEmpty();
    }

    @Test
    void termsOfTheSameDayReplaceEachOtherInTheOrderRecorded() {
        List<ForumTerms> terms = List.of(new ForumTerms("jc", Set.of("FINANCE"), D, 3),
                new ForumTerms("jc", Set.of("RISK"), D, 4));
        assertThat(WorkingSet.remit(terms, "FINANCE").periods()).isEmpty();
        assertThat(WorkingSet.remit(terms, "RISK").periods()).containsExactly(new Needs.Period(D, null));
    }
}
