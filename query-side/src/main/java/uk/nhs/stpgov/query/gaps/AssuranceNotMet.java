package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ASSURANCE_NOT_MET}: an approved active decision on a service change with an assurance test NOT_MET, judged on
 * the day: from the day the decision was taken, by each test's result in force that day (a test assessed MET later
 * ends it; one assessed NOT_MET after the decision starts it).
 */
final class AssuranceNotMet implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.ASSURANCE_NOT_MET;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        DecisionFacts decision = facts.decision();
        if (decision == null || decision.outcome() != DecisionOutcome.APPROVED
                || day.isBefore(decision.decidedOn())) {
            return List.of();
        }
        Map<AssuranceTest, LocalDate> notMet = decision.notMetOn(day);
        if (notMet.isEmpty()) {
            return List.of();
        }
        LocalDate assessed = notMet.values().stream().max(LocalDate::compareTo).orElseThrow();
        return List.of(gap(facts, "Approved although the service change's assurance tests "
                + notMet.keySet().stream().sorted().toList() + " are NOT_MET",
                assessed.isAfter(decision.decidedOn()) ? assessed : decision.decidedOn(), null));
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        DecisionFacts decision = facts.decision();
        return decision == null ? Stream.empty() : Stream.concat(Stream.of(decision.decidedOn()),
                decision.assessments().stream().map(SubjectFacts.Assessment::on));
    }
}
