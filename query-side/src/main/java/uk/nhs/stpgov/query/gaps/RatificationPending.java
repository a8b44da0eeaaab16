package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code RATIFICATION_PENDING}: a body whose ratification is needed has not ratified 30 days after
 * {@code decidedOn}. Needed only for APPROVED and REJECTED decisions, and only from deciding statutory bodies not
 * bound by a delegation of the decision's theme to its forum in force on {@code decidedOn}.
 */
final class RatificationPending implements GapRule {
    static final int DAYS = 30;
    private static final Set<DecisionOutcome> NEED_RATIFICATION = Set.of(DecisionOutcome.APPROVED,
            DecisionOutcome.REJECTED);

    @Override
    public GapKind kind() {
        return GapKind.RATIFICATION_PENDING;
    }

    @Override
    public List<Gap> on(SubjectFacts facts, LocalDate day) {
        DecisionFacts decision = facts.decision();
        if (!applies(decision)) {
            return List.of();
        }
        LocalDate due = decision.decidedOn().plusDays(DAYS);
        if (day.isBefore(due)) {
            return List.of();
        }
        List<String> pending = needed(facts).stream().filter(ods -> {
            LocalDate ratified = decision.ratifiedOn().get(ods);
            LocalDate declined = decision.declinedOn().get(ods);
            // A body that declined is no longer pending: RATIFICATION_DECLINED says so instead.
            return (ratified == null || ratified.isAfter(day)) && (declined == null || declined.isAfter(day));
        }).toList();
        if (pending.isEmpty()) {
            return List.of();
        }
        return List.of(gap(facts, "Not ratified by " + pending + " " + DAYS + " days after the decision of "
                + decision.decidedOn(), due, null));
    }

    static boolean applies(DecisionFacts decision) {
        return decision != null && NEED_RATIFICATION.contains(decision.outcome());
    }

    /** The deciding statutory bodies not bound by delegation. */
    static List<String> needed(SubjectFacts facts) {
        DecisionFacts decision = facts.decision();
        return decision.decidingOdsCodes().stream().filter(ods -> {
            Body body = facts.bodies().get(ods);
            return body != null && body.statutory() && !decision.boundByDelegation(ods);
        }).toList();
    }

    @Override
    public Stream<LocalDate> turningDays(SubjectFacts facts) {
        DecisionFacts decision = facts.decision();
        if (!applies(decision)) {
            return Stream.empty();
        }
        return Stream.of(Stream.of(decision.decidedOn().plusDays(DAYS)), decision.ratifiedOn().values().stream(),
                decision.declinedOn().values().stream()).flatMap(s -> s);
    }
}
