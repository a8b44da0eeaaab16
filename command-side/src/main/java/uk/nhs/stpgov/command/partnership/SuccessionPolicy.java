package uk.nhs.stpgov.command.partnership;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.decision.DecisionCommands.PassRatification;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;

import java.time.LocalDate;
import java.util.Optional;

/**
 * When a member is succeeded, its live accountabilities pass to the successor (a transfer on the succession day,
 * naming the predecessor in {@code succeededFrom}, keeping the post and person: the same office, now in the
 * successor body) and so do the ratifications it still owed. Runs in the subscribing
 * {@code command-registry} group, after the registry has recorded the successor's membership and inside the same
 * transaction: if any of it is refused, the succession is not recorded either. Forum seats and delegations pass in
 * the partnership's own events.
 * <p>
 * A log is often back-loaded after the succession was recorded (a 2018 assignment to a CCG loaded in 2024): the
 * assignment, or the ratification a back-loaded decision needs from the CCG, then passes on the succession day all
 * the same, as if it had been recorded first, and so on down a chain of successions. Only a period that ended by
 * succession on or after the act's day passes anything. A body bound by a delegation in force on the decision's day
 * owes no ratification and passes none (the {@code Decision} judges, at the time of passing).
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

    @EventHandler
    void on(AccountabilityAssigned event) {
        passIfSucceeded(event.partnershipId(), event.accountabilityId(), event.odsCode(), event.effectiveFrom());
    }

    @EventHandler
    void on(AccountabilityTransferred event) {
        // A transfer on the day its new holder is itself succeeded would be a second move that day: that cannot be.
        passIfSucceeded(event.partnershipId(), event.accountabilityId(), event.odsCode(), event.on().plusDays(1));
    }

    @EventHandler
    void on(DecisionRecorded event) {
        // As pendingRatificationsOf: only APPROVED and REJECTED decisions need ratifying.
        if (event.outcome() != DecisionOutcome.APPROVED && event.outcome() != DecisionOutcome.REJECTED) {
            return;
        }
        for (String decider : event.decidingOdsCodes()) {
            passRatificationIfSucceeded(event.partnershipId(), event.decisionId(), decider, event.decidedOn());
        }
    }

    /**
     * A revocation back-loaded before decisions the forum took (recorded after them, perhaps after the succession of
     * the body that had delegated): the decisions from its day no longer bind that body by this delegation, so the
     * ratification it owes now passes as its succession would have passed it, had the revocation been recorded first.
     * One still bound by another delegation passes nothing ({@code Decision} judges).
     */
    @EventHandler
    void on(DelegationRevoked event) {
        for (GovernanceRegistry.Owed owed : registry.owedUnderDelegation(event.partnershipId(), event.delegationId(),
                event.on())) {
            passRatificationIfSucceeded(event.partnershipId(), owed.decisionId(), owed.odsCode(), owed.decidedOn());
        }
    }

    @EventHandler
    void on(DecisionRatifierSucceeded event) {
        passRatificationIfSucceeded(event.partnershipId(), event.decisionId(), event.odsCode(), event.on().plusDays(1));
    }

    private void passRatificationIfSucceeded(String pid, String decisionId, String body, LocalDate day) {
        succeededOnOrAfter(pid, body, day).ifPresent(period -> commands.sendAndWait(
                new PassRatification(decisionId, body, period.successor(), period.leftOn())));
    }

    /**
     * The holder on {@code day} left by a succession on or after it that is already recorded: the assignment, if
     * still held on the succession day (not relinquished by then), passes to the successor that day.
     */
    private void passIfSucceeded(String pid, String accountabilityId, String holder, LocalDate day) {
        succeededOnOrAfter(pid, holder, day).ifPresent(period ->
                registry.accountabilitiesHeldBy(pid, holder, period.leftOn()).stream()
                        .filter(held -> held.accountabilityId().equals(accountabilityId))
                        .findFirst()
                        .ifPresent(held -> commands.sendAndWait(new TransferAccountability(accountabilityId,
                                period.successor(), held.post(), held.personName(), period.leftOn(), holder, null))));
    }

    /** The body's membership on {@code day}, when it ended by a succession already recorded, on or after that day. */
    private Optional<GovernanceRegistry.Membership> succeededOnOrAfter(String pid, String body, LocalDate day) {
        return registry.memberOn(pid, body, day).filter(period -> period.succeededOnOrAfter(day));
    }
}
