package uk.nhs.stpgov.command.decision;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.common.BusinessDay;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.decision.DecisionCommands.DeclineRatification;
import uk.nhs.stpgov.command.decision.DecisionCommands.PassRatification;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RescindDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.SupersedeDecision;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.registry.GovernanceRegistry.SubjectRecord;
import uk.nhs.stpgov.events.DecisionPosition;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.SuccessionChain;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A decision taken in a partnership. It binds only when its deciding statutory bodies take or ratify it; a
 * decision without one is still recorded as it happened (the query side flags it). Every body it names must have
 * been a member on the date of the act.
 */
@Aggregate(cache = "aggregateCache")
public class Decision {

    @AggregateIdentifier
    private String decisionId;
    private String partnershipId;
    private ThemeCode theme;
    private String forumId;
    private LocalDate decidedOn;
    private final List<String> decidingOdsCodes = new ArrayList<>();
    /** RATIFIED, DECLINED or SUCCEEDED (passed to a successor) per deciding body; absent while pending. */
    private final Map<String, String> answered = new HashMap<>();
    /** The bodies that decided it, as recorded: they owe for themselves, whatever they inherit. */
    private final List<String> decidedBy = new ArrayList<>();
    /** A body that passed its ratification on by succession: to whom, and from which day. */
    private final Map<String, String> passedTo = new HashMap<>();
    private final Map<String, LocalDate> passedOn = new HashMap<>();
    private DecisionStatus status;
    /** The day it was rescinded or superseded. */
    private LocalDate statusOn;
    private String supersededBy;
    /** Each body's own answer (ratified or declined): the day it answered. */
    private final Map<String, LocalDate> answeredOn = new HashMap<>();

    protected Decision() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public Decision(RecordDecision command, GovernanceRegistry registry, BusinessDay businessDay) {
        String partnership = command.partnershipId();
        LocalDate on = command.decidedOn();
        registry.requirePartnership(partnership);
        businessDay.requireNotAfterToday(on, "A decision");
        if (command.forumId() != null && !registry.forumExists(partnership, command.forumId())) {
            throw new RuleViolation("Forum " + command.forumId() + " is not a forum of " + partnership);
        }
        if (command.serviceChangeId() != null && registry.serviceChange(partnership, command.serviceChangeId()).isEmpty()) {
            throw new RuleViolation("Service change " + command.serviceChangeId() + " is not part of " + partnership);
        }
        if (command.reference() != null) {
            registry.decisionWithReference(partnership, command.reference()).ifPresent(other -> {
                throw new RuleViolation("Reference " + command.reference() + " is already used by decision " + other
                        + " of " + partnership);
            });
        }
        command.decidingOdsCodes().forEach(ods -> registry.requireMemberOn(partnership, ods, on));
        command.positions().stream().map(DecisionPosition::odsCode)
                .forEach(ods -> registry.requireMemberOn(partnership, ods, on));
        if (command.supersedes() != null) {
            SubjectRecord earlier = registry.decision(partnership, command.supersedes())
                    .orElseThrow(() -> new RuleViolation(
                            "Decision " + command.supersedes() + " is not a decision of " + partnership));
            if (earlier.status() != DecisionStatus.ACTIVE) {
                throw new RuleViolation("Decision " + command.supersedes() + " is " + earlier.status()
                        + " and cannot be superseded");
            }
        }
        apply(new DecisionRecorded(command.decisionId(), partnership, command.title(), command.theme(),
                command.forumId(), command.serviceChangeId(), command.decidingOdsCodes(), command.outcome(),
                command.rationale(), on, command.supersedes(), command.reference(), command.positions()));
    }

    @CommandHandler
    void handle(RatifyDecision command, GovernanceRegistry registry, BusinessDay businessDay) {
        businessDay.requireNotAfterToday(command.ratifiedOn(), "A ratification");
        requireUnanswered(command.odsCode(), command.ratifiedOn(), "ratified", registry);
        apply(new DecisionRatified(decisionId, partnershipId, theme, command.odsCode(), command.ratifiedOn()));
    }

    @CommandHandler
    void handle(DeclineRatification command, GovernanceRegistry registry, BusinessDay businessDay) {
        businessDay.requireNotAfterToday(command.on(), "A declined ratification");
        requireUnanswered(command.odsCode(), command.on(), "declined", registry);
        apply(new DecisionRatificationDeclined(decisionId, partnershipId, theme, command.odsCode(), command.on(),
                command.reason()));
    }

    private void requireUnanswered(String odsCode, LocalDate on, String action, GovernanceRegistry registry) {
        // An answer dated before a later rescission or supersession is back-loaded history, not an act on it.
        if (statusOn == null || !on.isBefore(statusOn)) {
            requireActive(action);
        }
        if (!decidingOdsCodes.contains(odsCode)) {
            throw new RuleViolation(odsCode + " is not a deciding body of decision " + decisionId
                    + "; deciding bodies: " + decidingOdsCodes);
        }
        Set<String> bound = boundByDelegation(registry);
        // Bound for its own part, a successor still answers the part it inherited from a body that was not bound (a
        // CCG deciding on its last day, its delegation passed that day to the ICB deciding beside it).
        if (bound.contains(odsCode) && !owesThroughSuccession(odsCode, bound)) {
            throw new RuleViolation(odsCode + " owes no ratification of decision " + decisionId + ": it is bound by "
                    + delegation(odsCode));
        }
        String answer = answered.get(odsCode);
        // A body that passed its ratification on still answers for its days as a member, the succession day (its last)
        // among them (a back-loaded minute), unless a successor has answered in its place.
        boolean answersBeforePassing = answer != null && answer.startsWith("SUCCEEDED")
                && !on.isAfter(passedOn.get(odsCode)) && answeredAfter(odsCode).isEmpty();
        if (answer != null && answer.startsWith("SUCCEEDED") && !on.isAfter(passedOn.get(odsCode))) {
            // Its own day, but a successor answered in its place first: that answer is the body's, and it says so.
            answeredAfter(odsCode).ifPresent(successor -> {
                throw new RuleViolation(odsCode + " has already answered decision " + decisionId + " through its "
                        + "successor " + successor + ", which " + answered.get(successor).toLowerCase(Locale.ROOT)
                        + " it on " + answeredOn.get(successor));
            });
        }
        if (answer != null && !answersBeforePassing) {
            throw new RuleViolation(odsCode + " has already answered decision " + decisionId + ": " + answer
                    + (passedOn.containsKey(odsCode) ? " on " + passedOn.get(odsCode) : ""));
        }
        if (!decidedBy.contains(odsCode) && !owesThroughSuccession(odsCode, bound)) {
            predecessorAnswer(odsCode).ifPresent(predecessor -> {
                throw new RuleViolation(odsCode + " owes no ratification of decision " + decisionId + ": "
                        + predecessor + " answered it before its succession");
            });
            // What passed to it came only from bodies the decision binds by delegation (passed by an earlier version,
            // or before the delegation was back-loaded): there is nothing to answer.
            decidedBy.stream().filter(bound::contains).filter(d -> successorsOf(d).contains(odsCode)).findFirst()
                    .ifPresent(predecessor -> {
                        throw new RuleViolation(odsCode + " owes no ratification of decision " + decisionId
                                + ": it took the place of " + predecessor + ", bound by " + delegation(predecessor));
                    });
        }
        if (on.isBefore(decidedOn)) {
            throw new RuleViolation("Decision " + decisionId + " was taken on " + decidedOn + "; it cannot be "
                    + action + " on " + on + ", before that");
        }
        // A successor answers only what it inherited, so not for days before it took the deciding body's place
        // (a trust that absorbed another in October could not ratify the other's decision in May).
        if (!decidedBy.contains(odsCode)) {
            inheritedOn(odsCode).filter(on::isBefore).ifPresent(day -> {
                throw new RuleViolation(odsCode + " took a deciding body's place in decision " + decisionId + " on "
                        + day + "; it cannot have " + action + " it on " + on + ", before that");
            });
        }
        registry.requireMemberOn(partnershipId, odsCode, on);
    }

    /** The first day a deciding body's part of the ratification passed down to {@code odsCode}. */
    private Optional<LocalDate> inheritedOn(String odsCode) {
        return decidedBy.stream().map(decider -> {
            List<String> chain = SuccessionChain.from(decider, passedTo);
            int at = chain.indexOf(odsCode);
            return at > 0 ? passedOn.get(chain.get(at - 1)) : null;
        }).filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder());
    }

    /**
     * The bodies that took it bound by a delegation of its theme to its forum in force on decidedOn (DESIGN §1): they
     * owe no ratification, and a successor inherits none from them. Asked of the registry at each answer, so a
     * delegation or a revocation back-loaded after the decision counts as if it had been recorded first.
     */
    private Set<String> boundByDelegation(GovernanceRegistry registry) {
        return forumId == null ? Set.of()
                : registry.boundByDelegation(partnershipId, forumId, theme, decidedBy, decidedOn);
    }

    private String delegation(String odsCode) {
        return "its delegation of " + theme + " to forum " + forumId + ", in force on " + decidedOn
                + " when the forum took it";
    }

    /** The bodies {@code odsCode}'s ratification passed to by succession, in order down the chain. */
    private List<String> successorsOf(String odsCode) {
        List<String> chain = SuccessionChain.from(odsCode, passedTo);
        return chain.subList(1, chain.size());
    }

    /** Answered for itself (ratified or declined), not by passing it on. */
    private boolean answeredItself(String odsCode) {
        return answeredOn.containsKey(odsCode);
    }

    /** The successor, or a successor of it, that has answered in {@code odsCode}'s place. */
    private Optional<String> answeredAfter(String odsCode) {
        return successorsOf(odsCode).stream().filter(this::answeredItself).findFirst();
    }

    /** Whether the body owes a ratification: as a deciding body not {@code bound} by delegation, or by succession. */
    private boolean owes(String odsCode, Set<String> bound) {
        return decidedBy.contains(odsCode) && !bound.contains(odsCode) || owesThroughSuccession(odsCode, bound);
    }

    /**
     * Whether some deciding body's ratification passed down to {@code odsCode} with nobody on the way answering it: a
     * body that took over from several (CCGs merged into one) owes the ratification of each that had not answered.
     * A deciding body {@code bound} by delegation owed none, so nothing came down from it.
     */
    private boolean owesThroughSuccession(String odsCode, Set<String> bound) {
        for (String decider : decidedBy) {
            if (answeredItself(decider) || bound.contains(decider)) {
                continue;
            }
            for (String successor : successorsOf(decider)) {
                if (successor.equals(odsCode)) {
                    return true;
                }
                if (answeredItself(successor)) {
                    break;
                }
            }
        }
        return false;
    }

    /** The predecessor, or one of its predecessors, that answered what {@code odsCode} inherited. */
    private Optional<String> predecessorAnswer(String odsCode) {
        return passedTo.keySet().stream()
                .filter(predecessor -> answeredItself(predecessor) && successorsOf(predecessor).contains(odsCode))
                .findFirst();
    }

    /**
     * A succession passes a ratification still owed; one already given or declined stays with the predecessor. A body
     * bound by delegation (or a successor that took only such a body's place) owes none, so nothing passes: the
     * succession policy asks without knowing, as a delegation may be back-loaded after the decision.
     */
    @CommandHandler
    void handle(PassRatification command, GovernanceRegistry registry) {
        if (command.toOdsCode().equals(passedTo.get(command.fromOdsCode()))) {
            // Passed there already: a successor that took over from several bodies passes on once.
            return;
        }
        if (!decidingOdsCodes.contains(command.fromOdsCode()) || answered.containsKey(command.fromOdsCode())) {
            throw new RuleViolation(command.fromOdsCode() + " owes no ratification of decision " + decisionId);
        }
        if (!owes(command.fromOdsCode(), boundByDelegation(registry))) {
            return;
        }
        apply(new DecisionRatifierSucceeded(decisionId, partnershipId, theme, command.toOdsCode(),
                command.fromOdsCode(), command.on()));
    }

    @CommandHandler
    void handle(RescindDecision command, BusinessDay businessDay) {
        businessDay.requireNotAfterToday(command.on(), "A rescission");
        requireActive("rescinded");
        requireTakenBy(command.on(), "rescinded");
        requireNoAnswerAfter(command.on(), "rescinded");
        apply(new DecisionRescinded(decisionId, partnershipId, theme, command.reason(), command.on()));
    }

    @CommandHandler
    void handle(SupersedeDecision command) {
        if (!partnershipId.equals(command.partnershipId())) {
            throw new RuleViolation("Decision " + decisionId + " belongs to another partnership");
        }
        requireActive("superseded");
        requireTakenBy(command.on(), "superseded");
        requireNoAnswerAfter(command.on(), "superseded");
        apply(new DecisionSuperseded(decisionId, partnershipId, theme, command.supersededBy(), command.on()));
    }

    /**
     * Not rescinded or superseded before a day a body answered it (recorded first): its answer would be to a decision
     * that no longer stood.
     */
    private void requireNoAnswerAfter(LocalDate on, String action) {
        answeredOn.entrySet().stream().filter(a -> on != null && a.getValue().isAfter(on)).findFirst()
                .ifPresent(a -> {
                    throw new RuleViolation("Decision " + decisionId + " was answered by " + a.getKey() + " on "
                            + a.getValue() + "; it cannot be " + action + " on " + on + ", before that");
                });
    }

    /** A decision is rescinded or superseded on or after the day it was taken, not before it. */
    private void requireTakenBy(LocalDate on, String action) {
        if (on != null && on.isBefore(decidedOn)) {
            throw new RuleViolation("Decision " + decisionId + " was taken on " + decidedOn + "; it cannot be "
                    + action + " on " + on + ", before that");
        }
    }

    private void requireActive(String action) {
        if (status == DecisionStatus.RESCINDED) {
            throw new RuleViolation("Decision " + decisionId + " has been rescinded and cannot be " + action);
        }
        if (status == DecisionStatus.SUPERSEDED) {
            throw new RuleViolation("Decision " + decisionId + " has been superseded by " + supersededBy
                    + " and cannot be " + action);
        }
    }

    @EventSourcingHandler
    void on(DecisionRecorded event) {
        decisionId = event.decisionId();
        partnershipId = event.partnershipId();
        theme = event.theme();
        forumId = event.forumId();
        decidedOn = event.decidedOn();
        decidingOdsCodes.addAll(event.decidingOdsCodes());
        decidedBy.addAll(event.decidingOdsCodes());
        status = DecisionStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(DecisionRatified event) {
        answered.put(event.odsCode(), "RATIFIED");
        answeredOn.put(event.odsCode(), event.ratifiedOn());
    }

    @EventSourcingHandler
    void on(DecisionRatificationDeclined event) {
        answered.put(event.odsCode(), "DECLINED");
        answeredOn.put(event.odsCode(), event.on());
    }

    @EventSourcingHandler
    void on(DecisionRatifierSucceeded event) {
        answered.put(event.succeededFrom(), "SUCCEEDED by " + event.odsCode());
        passedTo.put(event.succeededFrom(), event.odsCode());
        passedOn.put(event.succeededFrom(), event.on());
        if (!decidingOdsCodes.contains(event.odsCode())) {
            decidingOdsCodes.add(event.odsCode());
        }
    }

    @EventSourcingHandler
    void on(DecisionSuperseded event) {
        status = DecisionStatus.SUPERSEDED;
        statusOn = event.on();
        supersededBy = event.supersededBy();
    }

    @EventSourcingHandler
    void on(DecisionRescinded event) {
        status = DecisionStatus.RESCINDED;
        statusOn = event.on();
    }
}
