package uk.nhs.stpgov.deploy.config;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command only when it lost a race for its aggregate's next sequence number: it is then re-run against
 * the new state. Rule violations and duplicate ids (not ConcurrencyExceptions) are final; Axon's own
 * schedulers would retry them.
 */
final class ConcurrencyRetryScheduler implements RetryScheduler {
    private final ScheduledExecutorService executor;
    private final int maxRetries;

    ConcurrencyRetryScheduler(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!(lastFailure instanceof ConcurrencyException) || failures.size() > maxRetries) {
            return false;
        }
        // Jitter keeps competing retries from colliding again.
        long delay = 5L * failures.size() + ThreadLocalRandom.current().nextLong(10);
        executor.schedule(dispatchTask, delay, TimeUnit.MILLISECONDS);
        return true;
    }
}
