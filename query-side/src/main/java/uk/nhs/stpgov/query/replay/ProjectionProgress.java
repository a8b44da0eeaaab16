package uk.nhs.stpgov.query.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/** How far each query projection has read the event store. */
@Component
public class ProjectionProgress {
    /** The query side's processing groups, one per read model. */
    public static final List<String> PROCESSORS = List.of("partnerships", "service-changes", "decisions",
            "accountabilities", "assessments", "timeline");

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;

    ProjectionProgress(EventProcessingConfiguration processing, JdbcClient jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    public Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    /** The global index of the newest stored event (0 when the store is empty). */
    public long head() {
        return jdbc.sql("SELECT coalesce(max(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }

    /** The position every segment of the processor has passed, or -1 when a segment is unclaimed or unknown. */
    public long position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        long min = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong position = segment.getCurrentPosition();
            min = Math.min(min, position.orElse(-1));
        }
        return min;
    }

    /** Waits, up to {@code timeout}, until every query projection has handled the event at {@code position}. */
    public boolean awaitPosition(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean reached = PROCESSORS.stream().map(this::processor).flatMap(Optional::stream)
                    .allMatch(p -> position(p) >= position);
            if (reached) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
