package uk.nhs.stpgov.deploy.health;

import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.deploy.config.StpGovProperties;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Notices a projection segment that has silently stopped: an error that ends a worker task, or a handler that never
 * returns, leaves the segment claimed and not in error while it takes no more events, and nothing else tells. Sampled
 * by {@link ProjectionsHealth}'s background thread; a segment this instance holds that stays behind the store's head
 * at one position for {@code stpgov.projections.stall-after} ({@link StallRule}) turns the health DOWN.
 * <p>
 * The liveness state is left alone. A stall may be a batch that legitimately waits (a row lock, a slow statement
 * under load), which a restart would cut short and then meet again, in a loop; and a database that is slow rather
 * than away (the head still readable) would stall every instance at once, so all would restart together. A dead
 * worker is only mended by a restart, but one a person decides on from the health detail; the coordinator's death,
 * which nothing else mends, does break liveness ({@link CoordinatorWatch}). While the head cannot be read (the
 * database away) nothing is judged and the clocks start again afterwards. A rebuild moves every position, so it is
 * never a stall.
 */
@Component
@Profile("query")
class ProjectionsStallWatch {
    private static final Logger log = LoggerFactory.getLogger(ProjectionsStallWatch.class);

    private final ProjectionProgress progress;
    private final StallRule rule;
    private volatile List<StallRule.Stall> stalls = List.of();

    ProjectionsStallWatch(ProjectionProgress progress, StpGovProperties properties) {
        this.progress = progress;
        this.rule = new StallRule(properties.projections().stallAfter());
    }

    /** The segments stalled at the last sample, by segment. */
    List<StallRule.Stall> stalls() {
        return stalls;
    }

    /** Takes one sample; called every few seconds from one thread. */
    void sample() {
        long head;
        try {
            // Read before the positions, so that "behind" means behind an event stored before they were read.
            head = progress.head();
        } catch (RuntimeException unreadable) {
            rule.forget();
            report(List.of(), Map.of());
            return;
        }
        Map<Integer, EventTrackerStatus> statuses;
        try {
            statuses = progress.processor(ProjectionProgress.GROUP).filter(StreamingEventProcessor::isRunning)
                    .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
        } catch (AxonConfigurationException starting) {
            // The first sample runs while the context starts, before Axon's configuration: no segment is held yet.
            statuses = Map.of();
        }
        Map<Integer, StallRule.Sample> held = new HashMap<>();
        statuses.forEach((segment, status) -> held.put(segment, sampled(status)));
        report(rule.sample(held, head, Instant.now()), held);
    }

    private static StallRule.Sample sampled(EventTrackerStatus status) {
        return new StallRule.Sample(status.getCurrentPosition().orElse(0), status.isErrorState());
    }

    /** Logs each stall once when it begins and once when it ends, not at every sample. */
    private void report(List<StallRule.Stall> now, Map<Integer, StallRule.Sample> held) {
        Set<Integer> before = stalls.stream().map(StallRule.Stall::segment).collect(Collectors.toSet());
        Set<Integer> after = now.stream().map(StallRule.Stall::segment).collect(Collectors.toSet());
        for (StallRule.Stall stall : now) {
            if (!before.contains(stall.segment())) {
                log.error("A {} segment has stopped advancing: {}. Its read models miss every later event of its "
                        + "partnerships until it moves; a thread dump shows what its worker waits on, a restart "
                        + "frees it", ProjectionProgress.GROUP, stall.describe());
            }
        }
        for (StallRule.Stall stall : stalls) {
            if (!after.contains(stall.segment())) {
                StallRule.Sample sample = held.get(stall.segment());
                log.info("The {} segment {} is no longer stalled at position {} ({})",
                        ProjectionProgress.GROUP, stall.segment(), stall.position(),
                        sample == null ? "not sampled: the head is unreadable or the segment not held here"
                                : "now at position " + sample.position());
            }
        }
        stalls = now;
    }
}
