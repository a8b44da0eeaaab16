package uk.nhs.stpgov.command.decision;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.decision.DecisionCommands.SupersedeDecision;
import uk.nhs.stpgov.events.decision.DecisionRecorded;

/**
 * When a decision supersedes an earlier one, marks the earlier one SUPERSEDED. Runs in the subscribing
 * {@code command-registry} group, inside the recording transaction: if the earlier decision refuses, the later one
 * is not recorded either.
 */
@Component
@ProcessingGroup(GovernanceRegistry.PROCESSING_GROUP)
class SupersedePolicy {
    private final CommandGateway commands;

    SupersedePolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(DecisionRecorded event) {
        if (event.supersedes() != null) {
            commands.sendAndWait(new SupersedeDecision(event.supersedes(), event.partnershipId(), event.decisionId(),
                    event.decidedOn()));
        }
    }
}
