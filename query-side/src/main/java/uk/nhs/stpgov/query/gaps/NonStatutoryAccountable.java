package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;

import java.time.LocalDate;
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
        if (!nobodyStatutory(facts, holders)) {
            return List.of();
        }
        return List.of(gap(facts, "No statutory body is ACCOUNTABLE for " + facts.describe() + ": "
                        + holders.stream().map(a -> a.holder() + bodyName(facts.bodies().get(a.odsCode())))
                        .collect(Collectors.joining("; ")),
                since(facts, day, d -> nobodyStatutory(facts, facts.accountableOn(d))), null));
    }

    /** Someone is ACCOUNTABLE and none of them is a statutory body. */
    private static boolean nobodyStatutory(SubjectFacts facts, List<Assignment> holders) {
        return !holders.isEmpty() && holders.stream().map(a -> facts.bodies().get(a.odsCode()))
                .noneMatch(body -> body != null && body.statutory());
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
