package uk.nhs.stpgov.query.replay;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds every query projection from the first event: each processor is stopped, its tokens reset (its
 * {@code @ResetHandler} empties its tables) and started again. Progress is answered on request and logged every
 * few seconds until done. A reset needs the claim of every segment, so the other instances are asked to release theirs
 * first; one that does not within {@code stpgov.rebuild.claim-wait} (20 s) has the rebuild refused, and this instance
 * goes on projecting. The query-only indexes are dropped for the rebuild and built again once it has caught up
 * ({@link DeferredIndexes}); it is done when they are.
 */
@Service
public class Replays {
    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    public enum State { RUNNING, DONE }

    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    public record ProcessorProgress(String name, long done, long total, int percent, State state) {
    }

    /**
     * {@code deadLetters}: events parked because a projection could not apply them; while any are, not DONE.
     * {@code indexesToBuild}: query indexes dropped for the rebuild and not built again yet; while any are, not DONE.
     */
    public record Progress(State state, List<ProcessorProgress> processors, long deadLetters, long indexesToBuild) {
    }

    private final ProjectionProgress progress;
    private final DeadLetters deadLetters;
    private final DeferredIndexes indexes;
    private final JdbcTemplate jdbc;
    private final Duration claimWait;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "replay-progress");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long target;
    private ScheduledFuture<?> logging;

    Replays(ProjectionProgress progress, DeadLetters deadLetters, DeferredIndexes indexes, JdbcTemplate jdbc,
            @Value("${stpgov.rebuild.claim-wait:20s}") Duration claimWait) {
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.indexes = indexes;
        this.jdbc = jdbc;
        this.claimWait = claimWait;
        // Also on an instance that did not ask for the rebuild: the one that did may have died before the end.
        scheduler.scheduleWithFixedDelay(this::buildIndexesOnceCaughtUp, 1, 1, TimeUnit.SECONDS);
    }

    public synchronized Progress start() {
        target = progress.head();
        for (String name : ProjectionProgress.PROCESSORS) {
            progress.processor(name).ifPresent(processor -> reset(name, processor));
        }
        log.info("Rebuilding {} projections from zero up to event {}", ProjectionProgress.PROCESSORS.size(), target);
        if (logging != null) {
            logging.cancel(false);
        }
        logging = scheduler.scheduleAtFixedRate(this::logProgress, 5, 5, TimeUnit.SECONDS);
        return status();
    }

    /**
     * Stops the processor here and resets its tokens to the first event. A reset claims every segment: while this
     * instance asks ({@code rebuild_request}), the others release theirs (SegmentBalancer), and the claim of one that
     * died expires; if a segment is still held elsewhere after {@code claimWait}, nothing is reset and projecting
     * goes on here as before.
     */
    private void reset(String name, StreamingEventProcessor processor) {
        processor.shutDown();
        try {
            resetWhenClaimed(name, processor);
            deadLetters.clear();
            indexes.defer();
        } finally {
            try {
                // Withdrawn before this instance projects again, so that its own balancing never heeds it.
                jdbc.update("DELETE FROM rebuild_request WHERE processor_name = ?", name);
            } finally {
                // Reset or not (refused, or the database failed), this instance goes on projecting.
                processor.start();
            }
        }
    }

    private void resetWhenClaimed(String name, StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + claimWait.toNanos();
        while (true) {
            // Asked again on every try: the others ignore a request that has not been renewed for a while.
            jdbc.update("INSERT INTO rebuild_request (processor_name, requested_by) VALUES (?, ?) "
                    + "ON CONFLICT (processor_name) DO UPDATE SET requested_by = excluded.requested_by, "
                    + "requested_at = now()", name, NODE);
            try {
                processor.resetTokens();
                return;
            } catch (UnableToClaimTokenException e) {
                if (System.nanoTime() > deadline) {
                    throw new ReplayRefused("The rebuild did not start: " + e.getMessage() + " and it was not "
                            + "released within " + claimWait.toSeconds() + " s. Another instance is processing "
                            + "the projections and did not let go of its segments (a version without rebuild "
                            + "requests?); stop it and retry");
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the projection segments", e);
        }
    }

    public Progress status() {
        List<ProcessorProgress> processors = processors();
        long parked = deadLetters.count();
        long toBuild = indexes.count();
        boolean done = parked == 0 && toBuild == 0 && caughtUp(processors);
        return new Progress(done ? State.DONE : State.RUNNING, processors, parked, toBuild);
    }

    private List<ProcessorProgress> processors() {
        // After a restart mid-rebuild the processors resume from their saved tokens; measure against the head.
        long total = target > 0 ? target : progress.head();
        return ProjectionProgress.PROCESSORS.stream()
                .map(name -> progress.processor(name).map(p -> progressOf(name, p, total))
                        .orElse(new ProcessorProgress(name, 0, total, 0, State.RUNNING)))
                .toList();
    }

    private static boolean caughtUp(List<ProcessorProgress> processors) {
        return processors.stream().allMatch(p -> p.state() == State.DONE);
    }

    private void buildIndexesOnceCaughtUp() {
        try {
            if (indexes.count() > 0 && caughtUp(processors())) {
                indexes.build();
            }
        } catch (DataAccessResourceFailureException e) {
            // The database is away: the projections and the pool say so already; this is tried again in a second.
            log.debug("Rebuild: could not check for query indexes to build: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Rebuild: could not build the query indexes yet: {}", e.getMessage());
        }
    }

    private ProcessorProgress progressOf(String name, StreamingEventProcessor processor, long total) {
        long position = Math.max(0, progress.position(processor));
        long done = Math.min(position, total);
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        return new ProcessorProgress(name, done, total, percent,
                isDone(processor, position, total) ? State.DONE : State.RUNNING);
    }

    /**
     * Done: running, every segment it holds caught up and healthy, no segment still replaying, and every saved
     * token (also of segments no instance holds just now, say after an error) past the head the replay started
     * from. (A segment keeps its replay token until a newer event arrives, so "no segment replaying" alone may
     * never come true.)
     */
    private boolean isDone(StreamingEventProcessor processor, long position, long total) {
        var status = processor.processingStatus();
        return processor.isRunning() && !processor.isError() && !status.isEmpty()
                && status.values().stream().allMatch(s -> s.isCaughtUp() && !s.isErrorState())
                && !processor.isReplaying() && position >= total && (total == 0 || progress.reached(total));
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private void logProgress() {
        Progress now = status();
        now.processors().forEach(p -> log.info("Rebuild {}: {}/{} events ({}%) {}", p.name(), p.done(), p.total(),
                p.percent(), p.state()));
        if (now.state() == State.DONE) {
            log.info("Rebuild done");
            logging.cancel(false);
        }
    }
}
