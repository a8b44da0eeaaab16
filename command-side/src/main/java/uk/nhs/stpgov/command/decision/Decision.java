package uk.nhs.stpgov.command.decision;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.decision.DecisionCommands.RatifyDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RecordDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.RescindDecision;
import uk.nhs.stpgov.command.decision.DecisionCommands.SupersedeDecision;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.registry.GovernanceRegistry.SubjectRecord;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A decision taken in a partnership. It binds only when its deciding statutory bodies take or ratify it; a
 * decision without one is still recorded as it happened (the query side flags it).
 */
@Aggregate(cache = "aggregateCache")
public class Decision {

    @AggregateIdentifier
    private String decisionId;
    private String partnershipId;
    private ThemeCode theme;
    private List<String> decidingOdsCodes;
    private final Set<String> ratifiedBy = new HashSet<>();
    private DecisionStatus status;
    private String supersededBy;

    protected Decision() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public Decision(RecordDecision command, GovernanceRegistry registry) {
        String partnership = command.partnershipId();
        registry.requirePartnership(partnership);
        if (command.forumId() != null && !registry.forumExists(partnership, command.forumId())) {
            throw new RuleViolation("Forum " + command.forumId() + " is not a forum of " + partnership);
        }
        if (command.serviceChangeId() != null && registry.serviceChange(partnership, command.serviceChangeId()).isEmpty()) {
            throw new RuleViolation("Service change " + command.serviceChangeId() + " is not part of " + partnership);
        }
        command.decidingOdsCodes().forEach(ods -> registry.requireCurrentMember(partnership, ods));
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
                command.rationale(), command.decidedOn(), command.supersedes()));
    }

    @CommandHandler
    void handle(RatifyDecision command, GovernanceRegistry registry) {
        requireActive("ratified");
        if (!decidingOdsCodes.contains(command.odsCode())) {
            throw new RuleViolation(command.odsCode() + " is not a deciding body of decision " + decisionId
                    + "; deciding bodies: " + decidingOdsCodes);
        }
        if (ratifiedBy.contains(command.odsCode())) {
            throw new RuleViolation(command.odsCode() + " has already ratified decision " + decisionId);
        }
        registry.requireCurrentMember(partnershipId, command.odsCode());
        apply(new DecisionRatified(decisionId, partnershipId, theme, command.odsCode(), command.ratifiedOn()));
    }

    @CommandHandler
    void handle(RescindDecision command) {
        requireActive("rescinded");
        apply(new DecisionRescinded(decisionId, partnershipId, theme, command.reason(), command.on()));
    }

    @CommandHandler
    void handle(SupersedeDecision command) {
        if (!partnershipId.equals(command.partnershipId())) {
            throw new RuleViolation("Decision " + decisionId + " belongs to another partnership");
        }
        requireActive("superseded");
        apply(new DecisionSuperseded(decisionId, partnershipId, theme, command.supersededBy(), command.on()));
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
        decidingOdsCodes = event.decidingOdsCodes();
        status = DecisionStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(DecisionRatified event) {
        ratifiedBy.add(event.odsCode());
    }

    @EventSourcingHandler
    void on(DecisionSuperseded event) {
        status = DecisionStatus.SUPERSEDED;
        supersededBy = event.supersededBy();
    }

    @EventSourcingHandler
    void on(DecisionRescinded event) {
        status = DecisionStatus.RESCINDED;
    }
}
