package uk.nhs.stpgov.query.web;

import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import uk.nhs.stpgov.events.Storable;

/**
 * What every query does first: reads the two times ({@code asOf}, an instant of recorded time; {@code on}, a
 * business date in the business zone), and for read-your-writes waits until the projections have handled the event
 * position a command answered with ({@code minPosition}).
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
    private final ZoneId businessZone;
    private final ProjectionProgress progress;
    private final PartnershipAccess access;

    QueryContext(Clock clock, ZoneId businessZone, ProjectionProgress progress, PartnershipAccess access) {
        this.clock = clock;
        this.businessZone = businessZone;
        this.progress = progress;
        this.access = access;
    }

    public Instant asOf(String asOf) {
        return Instants.asOf(asOf, clock);
    }

    /** {@code asOf} when given (the record as it stood then), null for the record as it stands now. */
    public Instant pastInstant(String asOf) {
        return asOf == null || asOf.isBlank() ? null : Instants.asOf(asOf, clock);
    }

    /** {@code on}: the business date asked about, by default today in the business zone. */
    public LocalDate on(String on) {
        if (on == null || on.isBlank()) {
            return LocalDate.now(clock.withZone(businessZone));
        }
        LocalDate date;
        try {
            date = LocalDate.parse(on);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter("on", "on must be a date such as 2019-04-01");
        }
        Optional<String> outOfRange = Storable.dateProblem(date);
        if (outOfRange.isPresent()) {
            throw new InvalidParameter("on", "on " + outOfRange.get());
        }
        return date;
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

    /** The partnerships the caller may read, or empty when it may read every one. */
    public Optional<Set<String>> readablePartnerships() {
        return access.readable();
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

    public ZoneId businessZone() {
        return businessZone;
    }
}
