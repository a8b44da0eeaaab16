package uk.nhs.stpgov.command.partnership;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.decision.DecisionCommands.PassRatification;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;

import java.time.LocalDate;

/**
 * When a member is succeeded, its live accountabilities pass to the successor (a transfer on the succession day,
 * naming the predecessor in {@code succeededFrom}, keeping the post and person: the same office, now in the
 * successor body) and so do the ratifications it still owed. Runs in the subscribing
 * {@code command-registry} group, after the registry has recorded the successor's membership and inside the same
 * transaction: if any of it is refused, the succession is not recorded either. Forum seats and delegations pass in
 * the partnership's own events.
 */
@Component
@Order(10)
@ProcessingGroup(GovernanceRegistry.PROCESSING_GROUP)
class SuccessionPolicy {
    private final CommandGateway commands;
    private final GovernanceRegistry registry;

    SuccessionPolicy(CommandGateway commands, GovernanceRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    @EventHandler
    void on(MemberSucceeded event) {
        String pid = event.partnershipId();
        for (GovernanceRegistry.Held held : registry.accountabilitiesHeldBy(pid, event.odsCode(), event.on())) {
            // An assignment that starts after the succession passes on its own start date.
            LocalDate on = held.effectiveFrom().isAfter(event.on()) ? held.effectiveFrom() : event.on();
            commands.sendAndWait(new TransferAccountability(held.accountabilityId(), event.successorOdsCode(),
                    held.post(), held.personName(), on, event.odsCode(), null));
        }
        for (String decisionId : registry.pendingRatificationsOf(pid, event.odsCode())) {
            commands.sendAndWait(new PassRatification(decisionId, event.odsCode(), event.successorOdsCode(),
                    event.on()));
        }
    }

}
