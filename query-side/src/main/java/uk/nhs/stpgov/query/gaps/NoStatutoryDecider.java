package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code NO_STATUTORY_DECIDER}: an active decision with no statutory body among its deciding bodies on
 * {@code decidedOn} (a member that day). Judged on the decision's own date, from that date: before it the decision
 * had not been taken.
 */
final class NoStatutoryDecider implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.NO_STATUTORY_DECIDER;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        DecisionFacts decision = facts.decision();
        if (decision == null || day.isBefore(decision.decidedOn())) {
            return List.of();
        }
        boolean statutoryDecider = decision.decidingOdsCodes().stream().map(facts.bodies()::get)
                .anyMatch(body -> body != null && body.statutory() && body.memberOn(decision.decidedOn()));
        if (statutoryDecider) {
            return List.of();
        }
        String detail = decision.decidingOdsCodes().isEmpty()
                ? "No member body takes or ratifies this decision"
                : "None of the deciding bodies " + decision.decidingOdsCodes() + " was a statutory member on "
                + decision.decidedOn();
        return List.of(gap(facts, detail, decision.decidedOn(), null));
    }


    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        return facts.decision() == null ? Stream.empty() : Stream.of(facts.decision().decidedOn());
    }
}
