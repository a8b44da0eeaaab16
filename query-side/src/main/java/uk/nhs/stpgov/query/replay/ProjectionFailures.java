package uk.nhs.stpgov.query.replay;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.config.ProcessingGroup;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a query projection does with an event it cannot apply (DESIGN §3): a passing failure (the database went
 * away, a deadlock) is retried, so nothing is skipped; any other failure parks the event in the dead-letter queue
 * (Axon's sequenced queue on the {@code deadletterentry} table), where its aggregate's later events wait behind it
 * while every other aggregate moves on.
 * <p>
 * PostgreSQL aborts a transaction at its first failed statement, so the letter cannot be written in the batch in
 * which the failure happened: that batch rolls back and is retried, and this class remembers the event, so that the
 * retry refuses it before any SQL runs and the letter is written in a healthy transaction.
 */
@Component
public class ProjectionFailures implements HandlerEnhancerDefinition, EnqueuePolicy<EventMessage<?>> {
    private static final int REMEMBERED = 1_000;

    /** Event id → why a projection could not apply it; bounded, as only a retry of the same batch reads it. */
    private final Map<String, String> failed = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** An event a projection failed on before: refused without touching the database, so that it can be parked. */
    static final class FailedBefore extends RuntimeException {
        FailedBefore(String cause) {
            super(cause);
        }
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (passing(cause) || cause instanceof ProjectionWrites.UnappliedEvent) {
            // Thrown, not parked: the batch rolls back and the processor retries it once the database is back (or,
            // when an earlier event's deferred write failed, without that event, which the retry parks).
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        parkedInThisBatch().add(letter.message().getIdentifier());
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }

    /** Events of the current processor batch that were parked, whose batched rows must not be written. */
    static Set<String> parkedInThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new java.util.HashSet<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(ProjectionFailures.class.getName() + ".parked",
                key -> new java.util.HashSet<>());
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        if (!original.canHandleMessageType(EventMessage.class) || group == null
                || !ProjectionProgress.GROUP.equals(group.value())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                String earlier = failed.get(message.getIdentifier());
                if (earlier != null && !retryingALetter()) {
                    throw new FailedBefore(earlier);
                }
                try {
                    return super.handle(message, target);
                } catch (Exception e) {
                    if (abortsTransaction(e) && !passing(e) && !(e instanceof ProjectionWrites.UnappliedEvent)) {
                        failed.put(message.getIdentifier(), e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    throw e;
                }
            }
        };
    }

    /** An event whose deferred write failed at the end of its batch ({@link ProjectionWrites}): the retry parks it. */
    void remember(String eventId, Throwable cause) {
        failed.put(eventId, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** Forgets what is known about failed events: an administrator's retry runs them for real. */
    void forget() {
        failed.clear();
    }

    /** A letter taken from the queue to be processed again runs for real. */
    private static boolean retryingALetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }

    private static boolean abortsTransaction(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure that says nothing about the event: no connection, a deadlock or serialisation conflict, the server
     * shutting down or out of resources (SQLState classes 08, 40, 53, 57, 58).
     */
    static boolean passing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && Set.of("08", "40", "53", "57", "58").contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
