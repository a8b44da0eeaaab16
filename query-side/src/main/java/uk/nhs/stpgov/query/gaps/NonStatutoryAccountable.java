package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code NON_STATUTORY_ACCOUNTABLE}: every ACCOUNTABLE holder is a non-statutory body, so nobody who can be held to
 * account in law answers for the subject.
 */
final class NonStatutoryAccountable implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.NON_STATUTORY_ACCOUNTABLE;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        List<Assignment> holders = facts.accountableOn(day);
        boolean anyStatutory = holders.stream().map(a -> facts.bodies().get(a.odsCode()))
                .anyMatch(body -> body != null && body.statutory());
        if (holders.isEmpty() || anyStatutory) {
            return List.of();
        }
        return List.of(gap(facts, "No statutory body is ACCOUNTABLE for " + facts.describe() + ": "
                        + holders.stream().map(a -> a.holder() + bodyName(facts.bodies().get(a.odsCode())))
                        .collect(Collectors.joining("; ")),
                holders.stream().map(Assignment::effectiveFrom).max(Comparator.naturalOrder()).orElseThrow(), null));
    }

    private static String bodyName(Body body) {
        return body == null ? "" : ", " + body.name();
    }

    @Override
    public Stream<SubjectFacts> parts(SubjectFacts facts) {
        return Stream.of(facts.accountableOnly());
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        return facts.assignments().stream().flatMap(Assignment::turningDays);
    }
}
