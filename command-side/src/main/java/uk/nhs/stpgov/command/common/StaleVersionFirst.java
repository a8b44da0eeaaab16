package uk.nhs.stpgov.command.common;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolution;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;

/**
 * A command with an {@code expectedVersion} the record has moved past is answered as stale, also when its handler
 * refuses it on the record's newer state. Axon checks the version only as the command commits, after the handler: a
 * client retrying a stage move that had already landed got "cannot move from ENGAGEMENT to ENGAGEMENT", a rule
 * violation without {@code currentVersion}, and could not tell "changed since you read it" from "not allowed"
 * (outside tester).
 */
public final class StaleVersionFirst implements MessageHandlerInterceptor<CommandMessage<?>> {
    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (RuntimeException refused) {
            if (!(refused instanceof ConflictingAggregateVersionException)) {
                // Throws the stale version when the command named one the loaded record has moved past.
                ConflictResolution.getConflictResolver().detectConflicts(unseen -> !unseen.isEmpty());
            }
            throw refused;
        }
    }
}
