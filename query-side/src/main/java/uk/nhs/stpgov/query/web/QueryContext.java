package uk.nhs.stpgov.query.web;

import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * What every query does first: reads {@code asOf}, and for read-your-writes waits until the projections have
 * handled the event position a command answered with ({@code minPosition}).
 */
@Component
public class QueryContext {
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    /**
     * Requests that may wait for a position at once. Each holds a server thread while it waits; the rest are told
     * to come back (503), so waiting clients can never take every thread from health checks and other queries.
     */
    static final int MAX_WAITERS = 32;

    private final Semaphore waiters = new Semaphore(MAX_WAITERS);

    private final Clock clock;
    private final ProjectionProgress progress;
    private final PartnershipAccess access;

    QueryContext(Clock clock, ProjectionProgress progress, PartnershipAccess access) {
        this.clock = clock;
        this.progress = progress;
        this.access = access;
    }

    public Instant asOf(String asOf) {
        return Instants.asOf(asOf, clock);
    }

    /** Waits for {@code minPosition} (when given) before a partnership is read. */
    public void readable(String partnershipId, Long minPosition) {
        requireReadable(partnershipId);
        awaitPosition(minPosition);
    }

    /** Whether the caller may read this partnership (programme offices see only their own). */
    public boolean mayRead(String partnershipId) {
        return access.mayRead(partnershipId);
    }

    /** For records addressed by their own id: refuses a caller who may not read the owning partnership. */
    public void requireReadable(String partnershipId) {
        access.requireRead(partnershipId);
    }

    /**
     * Read-your-writes: waits until the projections have handled {@code minPosition}. A position beyond the newest
     * stored event can never be reached (400 at once); a wait that runs out answers 503 with Retry-After rather than
     * stale data.
     */
    public void awaitPosition(Long minPosition) {
        if (minPosition == null || minPosition <= 0 || progress.reached(minPosition)) {
            return;
        }
        long head = progress.head();
        if (minPosition > head) {
            throw new InvalidParameter("minPosition", "minPosition " + minPosition
                    + " is beyond the newest stored event (" + head + "); send the X-Event-Position a command answered");
        }
        if (!waiters.tryAcquire()) {
            throw new NotReadyYet("Too many requests are waiting for their writes to become readable; retry shortly");
        }
        try {
            if (!progress.awaitPosition(minPosition, MAX_WAIT)) {
                throw new NotReadyYet("Event " + minPosition + " is stored but not yet readable after "
                        + MAX_WAIT.toSeconds() + " s; retry shortly");
            }
        } finally {
            waiters.release();
        }
    }

    public Clock clock() {
        return clock;
    }
}
