package uk.nhs.stpgov.deploy.config;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Instances that run the projections share their segments. A pooled processor claims every free segment, so the first instance would
 * take all of them and a second would stand idle. Every few seconds each instance records that it is alive and
 * counts the live ones; one that holds more than its fair share ({@code ceil(segments / live instances)}) releases
 * the surplus for a while, and an instance with room claims it. The processor's own claim limit stays unbounded, so
 * when an instance dies (kill -9: its heartbeat stops, its claims go stale) the others take over its segments as
 * before. While another instance asks for a rebuild, all segments are released to it.
 */
@Component
class SegmentBalancer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Duration interval;
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private ScheduledExecutorService executor;

    SegmentBalancer(EventProcessingConfiguration processing, JdbcClient jdbc,
                    @Value("${stpgov.segment-balancer.interval:3s}") Duration interval) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.interval = interval;
    }

    /** One round: heartbeat, count the live instances, release the surplus. Package-visible for tests. */
    void balance() {
        Optional<StreamingEventProcessor> found = processing.eventProcessor(ProjectionProgress.GROUP,
                StreamingEventProcessor.class);
        if (found.isEmpty() || !found.get().isRunning()) {
            // Only instances that run the projections count: a command-only instance must not shrink the shares.
            return;
        }
        jdbc.sql("INSERT INTO instance_heartbeat (node_id, seen_at) VALUES (?, now()) "
                + "ON CONFLICT (node_id) DO UPDATE SET seen_at = now()").param(nodeId).update();
        jdbc.sql("DELETE FROM instance_heartbeat WHERE seen_at < now() - interval '1 day'").update();
        StreamingEventProcessor processor = found.get();
        if (rebuildAskedElsewhere(processor)) {
            return;
        }
        long live = jdbc.sql("SELECT count(*) FROM instance_heartbeat WHERE seen_at > now() - make_interval(secs => ?)")
                .param(staleAfter().toSeconds()).query(Long.class).single();
        long segments = jdbc.sql("SELECT count(*) FROM tokenentry WHERE processorname = ?")
                .param(processor.getName()).query(Long.class).single();
        if (live < 2 || segments == 0) {
            return;
        }
        long fairShare = (segments + live - 1) / live;
        List<Integer> mine = new ArrayList<>(processor.processingStatus().keySet());
        for (int i = 0; i < mine.size() - fairShare; i++) {
            int segment = mine.get(mine.size() - 1 - i);
            log.info("{} instances share {} segments of {}: releasing segment {} (held {})", live, segments,
                    processor.getName(), segment, mine.size());
            // Released long enough for another instance's claim round (tokenClaimInterval, 5 s) to take it.
            processor.releaseSegment(segment, staleAfter().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Another instance is resetting the processor's tokens for a rebuild (Replays), which needs every segment: release
     * them all, also those held by none, for as long as it asks (it renews its request while it waits).
     */
    private boolean rebuildAskedElsewhere(StreamingEventProcessor processor) {
        List<String> asking = jdbc.sql("SELECT requested_by FROM rebuild_request WHERE processor_name = ? "
                        + "AND requested_at > now() - make_interval(secs => ?)")
                .params(processor.getName(), staleAfter().toSeconds()).query(String.class).list();
        if (asking.isEmpty()) {
            return false;
        }
        List<Integer> segments = jdbc.sql("SELECT segment FROM tokenentry WHERE processorname = ?")
                .param(processor.getName()).query(Integer.class).list();
        log.info("{} asks to rebuild {}: releasing its segments {}", asking.get(0), processor.getName(), segments);
        segments.forEach(segment -> processor.releaseSegment(segment, staleAfter().toMillis(), TimeUnit.MILLISECONDS));
        return true;
    }

    /** An instance not seen for this long is dead (missed three heartbeats). */
    private Duration staleAfter() {
        return interval.multipliedBy(3).plusSeconds(1);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "segment-balancer");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                balance();
            } catch (RuntimeException e) {
                log.debug("Segment balancing skipped this round: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            try {
                jdbc.sql("DELETE FROM instance_heartbeat WHERE node_id = ?").param(nodeId).update();
            } catch (RuntimeException e) {
                log.debug("Heartbeat not removed: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
