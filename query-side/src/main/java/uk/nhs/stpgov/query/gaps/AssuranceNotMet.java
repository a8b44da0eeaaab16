package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ASSURANCE_NOT_MET}: an approved active decision on a service change with an assurance test NOT_MET, from the
 * day it was taken.
 */
final class AssuranceNotMet implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.ASSURANCE_NOT_MET;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        DecisionFacts decision = facts.decision();
        if (decision == null || !decision.active() || decision.outcome() != DecisionOutcome.APPROVED
                || decision.assuranceNotMet().isEmpty() || day.isBefore(decision.decidedOn())) {
            return List.of();
        }
        return List.of(gap(facts, "Approved although the service change's assurance tests "
                + decision.assuranceNotMet().stream().sorted().toList() + " are NOT_MET", decision.decidedOn(), null));
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        return facts.decision() == null ? Stream.empty() : Stream.of(facts.decision().decidedOn());
    }
}
