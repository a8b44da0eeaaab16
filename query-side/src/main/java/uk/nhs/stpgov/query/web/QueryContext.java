package uk.nhs.stpgov.query.web;

import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * What every query does first: reads the two times ({@code asOf}, an instant of recorded time; {@code on}, a
 * business date in the business zone), and for read-your-writes waits until the projections have handled the event
 * position a command answered with ({@code minPosition}).
 */
@Component
public class QueryContext {
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final Clock clock;
    private final ZoneId businessZone;
    private final ProjectionProgress progress;

    QueryContext(Clock clock, ZoneId businessZone, ProjectionProgress progress) {
        this.clock = clock;
        this.businessZone = businessZone;
        this.progress = progress;
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
        try {
            return LocalDate.parse(on);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter("on", "on must be a date such as 2019-04-01, not '" + on + "'");
        }
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

    public ZoneId businessZone() {
        return businessZone;
    }
}
