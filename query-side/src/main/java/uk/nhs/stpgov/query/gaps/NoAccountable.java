package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code NO_ACCOUNTABLE}: a theme in any forum's remit, an open service change, or an approved active decision with
 * no ACCOUNTABLE. It shows from the day the subject needed one, or from the day its last holder left; a theme
 * needs one only while it is in some forum's remit.
 */
final class NoAccountable implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.NO_ACCOUNTABLE;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        java.util.function.Predicate<LocalDate> nobody = d -> facts.needsAccountable().since(d) != null
                && facts.accountableOn(d).isEmpty();
        if (!nobody.test(day)) {
            return List.of();
        }
        // Since the day this stretch with nobody began, judged by the days: a relinquishment dated after the day
        // asked about (of an assignment handed on before it took effect) has not happened yet.
        return List.of(gap(facts, "Nobody is ACCOUNTABLE for " + facts.describe(), since(facts, day, nobody), null));
    }

    @Override
    public Stream<SubjectFacts> parts(SubjectFacts facts) {
        return Stream.of(facts.accountableOnly());
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        return Stream.concat(facts.needsAccountable().turningDays(),
                facts.assignments().stream().flatMap(Assignment::turningDays))
                .filter(Objects::nonNull);
    }
}
