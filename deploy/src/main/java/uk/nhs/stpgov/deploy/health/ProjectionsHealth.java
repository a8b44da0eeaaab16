package uk.nhs.stpgov.deploy.health;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.DeadLetters;
import uk.nhs.stpgov.query.replay.ProjectionProgress;
import uk.nhs.stpgov.query.replay.Replays;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The read side's health: DEGRADED while events are parked in the dead-letter queue or a projection processor is
 * stopped or in error, so that a monitor sees what users would only notice as missing records; DOWN once the
 * projections' coordinator has died ({@link CoordinatorWatch}) or a processor asked to stop for a rebuild never did
 * ({@link Replays#stuck()}), which only a restart mends, or while a segment has stopped advancing
 * ({@link ProjectionsStallWatch}): the stall check judges running processors only, and a stuck one is stopping.
 * <p>
 * The parked count and the segments' progress are read in the background every few seconds: a health check must
 * answer at once, also while the database is away (the "db" indicator reports that).
 */
@Component("projections")
@Profile("query")
class ProjectionsHealth implements HealthIndicator {
    static final Status DEGRADED = new Status("DEGRADED", "The read side is behind for some records");
    private static final long UNKNOWN = -1;
    private static final Logger log = LoggerFactory.getLogger(ProjectionsHealth.class);

    private final ProjectionProgress progress;
    private final CoordinatorWatch coordinator;
    private final ProjectionsStallWatch stalls;
    private final Replays replays;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "projections-health");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long parked = UNKNOWN;

    ProjectionsHealth(DeadLetters deadLetters, ProjectionProgress progress, CoordinatorWatch coordinator,
                      ProjectionsStallWatch stalls, Replays replays) {
        this.progress = progress;
        this.coordinator = coordinator;
        this.stalls = stalls;
        this.replays = replays;
        sampler.scheduleWithFixedDelay(() -> {
            try {
                parked = deadLetters.count();
            } catch (RuntimeException unreadable) {
                parked = UNKNOWN;
            }
            try {
                stalls.sample();
            } catch (RuntimeException unexpected) {
                // Caught so that the next sample still runs: a scheduled task that throws is never run again.
                log.warn("Projections stall check failed", unexpected);
            }
        }, 0, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }

    @Override
    public Health health() {
        long known = parked;
        Health.Builder health = Health.up().withDetail("deadLetters", known == UNKNOWN ? "unknown" : known);
        Throwable death = coordinator.death().orElse(null);
        if (death != null) {
            return health.down().withDetail(ProjectionProgress.GROUP, "DEAD: " + death).build();
        }
        List<String> stuck = replays.stuck();
        if (!stuck.isEmpty()) {
            return health.down().withDetail(ProjectionProgress.GROUP, "STUCK")
                    .withDetail("stuck", stuck.stream().map(name -> name + " did not stop when a rebuild asked: a "
                            + "worker no longer moves (see the log); restart this instance").toList()).build();
        }
        boolean healthy = known == 0;
        for (String name : ProjectionProgress.PROCESSORS) {
            String state = progress.processor(name).map(ProjectionsHealth::state).orElse("ABSENT");
            health.withDetail(name, state);
            healthy &= state.equals("RUNNING");
        }
        List<StallRule.Stall> stalled = stalls.stalls();
        if (!stalled.isEmpty()) {
            return health.down().withDetail(ProjectionProgress.GROUP, "STALLED")
                    .withDetail("stalled", stalled.stream().map(StallRule.Stall::describe).toList()).build();
        }
        return healthy ? health.build() : health.status(DEGRADED).build();
    }

    /**
     * In error only while it holds a segment: Axon clears its error flag only when it next works on a claimed segment,
     * so an instance that holds none after a failure (the others took them all when the database came back, or a
     * third of three sharing four segments) would read as in error for good though nothing fails.
     */
    private static String state(StreamingEventProcessor processor) {
        if (!processor.isRunning()) {
            return "STOPPED";
        }
        return processor.isError() && !processor.processingStatus().isEmpty() ? "ERROR" : "RUNNING";
    }
}
