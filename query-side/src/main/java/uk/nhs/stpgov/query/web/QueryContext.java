package uk.nhs.stpgov.query.web;

import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What every query does first: reads {@code asOf}, and for read-your-writes waits until the projections have
 * handled the event position a command answered with ({@code minPosition}).
 */
@Component
public class QueryContext {
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final Clock clock;
    private final ProjectionProgress progress;

    QueryContext(Clock clock, ProjectionProgress progress) {
        this.clock = clock;
        this.progress = progress;
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
        return PartnershipAccess.mayRead(partnershipId);
    }

    /** For records addressed by their own id: refuses a caller who may not read the owning partnership. */
    public void requireReadable(String partnershipId) {
        PartnershipAccess.requireRead(partnershipId);
    }

    public void awaitPosition(Long minPosition) {
        if (minPosition != null && minPosition > 0) {
            progress.awaitPosition(minPosition, MAX_WAIT);
        }
    }

    public Clock clock() {
        return clock;
    }
}
