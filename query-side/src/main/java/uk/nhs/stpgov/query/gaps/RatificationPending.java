package uk.nhs.stpgov.query.gaps;

import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.query.gaps.SubjectFacts.Body;
import uk.nhs.stpgov.query.gaps.SubjectFacts.DecisionFacts;
import uk.nhs.stpgov.query.support.MemberPeriod;

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
        // A successor that is itself a pending deciding body is named once, as itself: its one answer gives both parts
        // (as the decision's bindings list it).
        List<String> owing = pending.stream()
                .map(decider -> {
                    String body = owing(facts, decider, day);
                    return body.equals(decider) ? decider
                            : pending.contains(body) ? null : body + " (successor of " + decider + ")";
                })
                .filter(java.util.Objects::nonNull).distinct().toList();
        return List.of(gap(facts, "Not ratified by " + owing + " " + DAYS + " days after the decision of "
                + decision.decidedOn(), due, null));
    }

    /** Who owes a deciding body's ratification on the day: the body itself, or the successor it passed to by then. */
    private static String owing(SubjectFacts facts, String decider, LocalDate day) {
        String owing = decider;
        for (Hop hop : successions(facts, decider)) {
            if (hop.on().isAfter(day)) {
                break;
            }
            owing = hop.to();
        }
        return owing;
    }

    /** The ratification passing to {@code to} on {@code on}. */
    private record Hop(String to, LocalDate on) {
    }

    /**
     * The successions that pass a deciding body's ratification on, in order, as the members' successions record
     * them: the one ending the period in which the body decided (a body succeeded and later admitted again owes
     * its own decisions of the new period itself), then its successor's. Each passes on the succession day: the
     * successor's joining day, or, when the successor was already a member (a merger into an existing body), the
     * predecessor's last day as a member.
     */
    private static List<Hop> successions(SubjectFacts facts, String decider) {
        List<Hop> hops = new java.util.ArrayList<>();
        Set<String> seen = new java.util.HashSet<>(Set.of(decider));
        Body from = facts.bodies().get(decider);
        LocalDate day = facts.decision().decidedOn();
        while (from != null) {
            MemberPeriod period = from.periodOn(day);
            Body to = period.succeededBy() == null ? null : facts.bodies().get(period.succeededBy());
            if (to == null || period.withdrawnOn() == null || !seen.add(to.odsCode())) {
                break;
            }
            LocalDate left = period.withdrawnOn();
            LocalDate joined = to.periodOn(left).joinedOn();
            day = left.isAfter(joined) ? left : joined;
            hops.add(new Hop(to.odsCode(), day));
            from = to;
        }
        return hops;
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
                decision.declinedOn().values().stream(),
                decision.decidingOdsCodes().stream().flatMap(ods -> successions(facts, ods).stream().map(Hop::on)))
                .flatMap(s -> s);
    }
}
