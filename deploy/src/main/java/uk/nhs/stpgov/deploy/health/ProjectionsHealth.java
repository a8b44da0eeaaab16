package uk.nhs.stpgov.deploy.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.DeadLetters;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

/**
 * The read side's health: DEGRADED while events are parked in the dead-letter queue or a projection processor is
 * stopped or in error, so that a monitor sees what users would only notice as missing records.
 */
@Component("projections")
@Profile("query")
class ProjectionsHealth implements HealthIndicator {
    static final Status DEGRADED = new Status("DEGRADED", "The read side is behind for some records");

    private final DeadLetters deadLetters;
    private final ProjectionProgress progress;

    ProjectionsHealth(DeadLetters deadLetters, ProjectionProgress progress) {
        this.deadLetters = deadLetters;
        this.progress = progress;
    }

    @Override
    public Health health() {
        long parked = deadLetters.count();
        Health.Builder health = Health.up().withDetail("deadLetters", parked);
        boolean healthy = parked == 0;
        for (String name : ProjectionProgress.PROCESSORS) {
            String state = progress.processor(name)
                    .map(p -> !p.isRunning() ? "STOPPED" : p.isError() ? "ERROR" : "RUNNING").orElse("ABSENT");
            health.withDetail(name, state);
            healthy &= state.equals("RUNNING");
        }
        return healthy ? health.build() : health.status(DEGRADED).build();
    }
}
