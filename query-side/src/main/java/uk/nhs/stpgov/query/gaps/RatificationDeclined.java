package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code RATIFICATION_DECLINED}: a body whose ratification the decision needs (APPROVED or REJECTED, statutory, not
 * bound by delegation) declined to ratify it, so the decision does not bind that body. Shows from the day it declined.
 */
final class RatificationDeclined implements GapRule {
    @Override
    public GapKind kind() {
        return GapKind.RATIFICATION_DECLINED;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        DecisionFacts decision = facts.decision();
        if (!RatificationPending.applies(decision)) {
            return List.of();
        }
        List<String> needed = RatificationPending.needed(facts);
        List<Map.Entry<String, LocalDate>> declined = decision.declinedOn().entrySet().stream()
                .filter(e -> needed.contains(e.getKey()) && !e.getValue().isAfter(day))
                .sorted(Map.Entry.comparingByKey()).toList();
        if (declined.isEmpty()) {
            return List.of();
        }
        LocalDate since = declined.stream().map(Map.Entry::getValue).min(LocalDate::compareTo).orElseThrow();
        return List.of(gap(facts, "Ratification declined by " + declined.stream().map(e -> name(facts, e.getKey())
                + " on " + e.getValue()).toList() + " for the decision of " + decision.decidedOn(), since, null));
    }

    private static String name(SubjectFacts facts, String odsCode) {
        SubjectFacts.Body body = facts.bodies().get(odsCode);
        return body == null ? odsCode : body.name() + " (" + odsCode + ")";
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        DecisionFacts decision = facts.decision();
        return RatificationPending.applies(decision) ? decision.declinedOn().values().stream() : Stream.empty();
    }
}
