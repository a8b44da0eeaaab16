package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.Assignment;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code JOINT_ACCOUNTABLE}: more than one ACCOUNTABLE holder on the day. */
final class JointAccountable implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.JOINT_ACCOUNTABLE;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        List<Assignment> holders = facts.accountableOn(day);
        if (holders.size() < 2) {
            return List.of();
        }
        return List.of(gap(facts, holders.size() + " bodies are jointly ACCOUNTABLE for " + facts.describe() + ": "
                        + holders.stream().map(Assignment::holder).collect(Collectors.joining("; ")),
                since(facts, day, d -> facts.accountableOn(d).size() > 1), null));
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
