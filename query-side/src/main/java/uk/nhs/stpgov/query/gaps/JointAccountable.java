package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code JOINT_ACCOUNTABLE}: more than one ACCOUNTABLE holder on the day. The same holder twice (organisation, post and
 * person: two joint CCGs merged into one, both parts passed on by the succession) is one holder accountable.
 */
final class JointAccountable implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.JOINT_ACCOUNTABLE;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        List<Assignment> holders = facts.accountableOn(day);
        long distinct = distinct(holders);
        if (distinct < 2) {
            return List.of();
        }
        return List.of(gap(facts, distinct + " bodies are jointly ACCOUNTABLE for " + facts.describe() + ": "
                        + holders.stream().map(Assignment::holder).distinct().collect(Collectors.joining("; ")),
                since(facts, day, d -> distinct(facts.accountableOn(d)) > 1), null));
    }

    private static long distinct(List<Assignment> holders) {
        return holders.stream().map(Assignment::holder).distinct().count();
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
