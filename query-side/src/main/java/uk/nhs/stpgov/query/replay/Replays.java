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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Rebuilds every query projection from the first event: each processor is stopped, its tokens reset (its
 * {@code @ResetHandler} empties its tables) and started again. Progress is answered on request and logged every
 * few seconds until done. A reset needs the claim of every segment, so the other instances are asked to release theirs
 * first; one that does not within {@code stpgov.rebuild.claim-wait} (20 s) has the rebuild refused, and this instance
 * goes on projecting. A processor that does not stop within {@code stpgov.rebuild.stop-wait} (30 s) has a worker
 * stuck; the rebuild is refused (503) rather than waiting for ever. The query-only indexes are dropped for the
 * rebuild and built again once it has caught up ({@link DeferredIndexes}); it is done when they are.
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
    private final Duration stopWait;
    /**
     * Shutdowns that outlived stopWait, by processor, until they complete; changed under this lock, read without it
     * by {@link #stuck()} (a health check must not wait for a rebuild's lock).
     */
    private final Map<String, CompletableFuture<Void>> lateStops = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "replay-progress");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> logging;

    Replays(ProjectionProgress progress, DeadLetters deadLetters, DeferredIndexes indexes, JdbcTemplate jdbc,
            @Value("${stpgov.rebuild.claim-wait:20s}") Duration claimWait,
            @Value("${stpgov.rebuild.stop-wait:30s}") Duration stopWait) {
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.indexes = indexes;
        this.jdbc = jdbc;
        this.claimWait = claimWait;
        this.stopWait = stopWait;
        // Also on an instance that did not ask for the rebuild: the one that did may have died before the end.
        scheduler.scheduleWithFixedDelay(this::buildIndexesOnceCaughtUp, 1, 1, TimeUnit.SECONDS);
    }

    public synchronized Progress start() {
        long target = progress.head();
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
        stop(name, processor);
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

    /**
     * Stops the processor, waiting at most stopWait. A worker that never ends its batch (its thread died of an error,
     * or a handler blocks) keeps the shutdown from completing; waiting for it would hold this lock and hang every later
     * rebuild. Then nothing is reset, and the processor, which Axon will not start while its shutdown is in progress,
     * is started again when that shutdown completes, if it ever does.
     */
    private void stop(String name, StreamingEventProcessor processor) {
        CompletableFuture<Void> late = lateStops.get(name);
        if (late != null && !late.isDone()) {
            // Still stuck: a second wait would only tell the same.
            throw stuck(name);
        }
        lateStops.remove(name);
        CompletableFuture<Void> stopped = processor.shutdownAsync();
        try {
            stopped.get(stopWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            startWhenStopped(name, processor, stopped);
            throw stuck(name);
        } catch (ExecutionException e) {
            // The shutdown has completed all the same, so the processor can be reset and started.
            log.warn("Rebuild: processor {} stopped with a failure", name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            startWhenStopped(name, processor, stopped);
            throw new IllegalStateException("Interrupted while stopping processor " + name, e);
        }
    }

    /**
     * The processors asked to stop for a rebuild that have not stopped within stopWait, nor since: each has a worker
     * that no longer moves, and only a restart of this instance mends it. Read by the projections' health.
     */
    public List<String> stuck() {
        return lateStops.entrySet().stream().filter(late -> !late.getValue().isDone()).map(Map.Entry::getKey)
                .sorted().toList();
    }

    private ReplayStuck stuck(String name) {
        String message = "The rebuild did not start: processor '" + name + "' did not stop within "
                + stopWait.toSeconds() + " s. A projection worker is stuck (see the log); nothing was reset. "
                + "Restart this instance";
        log.error("Rebuild refused: processor {} did not stop within {} s; a projection worker is stuck (its thread "
                + "died, or a handler blocks) and its read side no longer moves. Restart this instance.{}", name,
                stopWait.toSeconds(), threads(name));
        return new ReplayStuck(message);
    }

    /** Where the processor's threads stand, for the log: the stuck worker's stack, unless its thread died. */
    private static String threads(String name) {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().contains("[" + name + "]")) {
                out.append(System.lineSeparator()).append(thread.getName()).append(' ').append(thread.getState());
                for (StackTraceElement frame : stack) {
                    out.append(System.lineSeparator()).append("\tat ").append(frame);
                }
            }
        });
        return out.toString();
    }

    private void startWhenStopped(String name, StreamingEventProcessor processor, CompletableFuture<Void> stopped) {
        lateStops.put(name, stopped);
        // On the scheduler: the thread that completes the shutdown is a worker and must not wait for this lock.
        stopped.whenCompleteAsync((done, failure) -> startAfterLateStop(name, processor, stopped), scheduler);
    }

    /** Once the late shutdown completes; unless a rebuild found it complete first and started the processor itself. */
    private synchronized void startAfterLateStop(String name, StreamingEventProcessor processor,
                                                 CompletableFuture<Void> stopped) {
        if (lateStops.remove(name, stopped)) {
            try {
                processor.start();
                log.info("Rebuild: processor {} stopped at last and projects again; nothing was reset", name);
            } catch (RuntimeException e) {
                log.error("Rebuild: processor {} stopped at last but did not start again; restart this instance",
                        name, e);
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
        return ProjectionProgress.PROCESSORS.stream().map(this::progressOf).toList();
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

    /**
     * Read from every segment's token, whichever instance holds it, so that every instance answers alike: measured
     * against the position the rebuild was started at (kept in the replaying tokens), or the head when none replays;
     * done when every segment has passed it. (A segment keeps its replay token until a newer event arrives, so
     * "no segment replaying" alone may never come true.)
     */
    private ProcessorProgress progressOf(String name) {
        ProjectionProgress.Standing at = progress.standing(name);
        long total = at.replayUpTo() >= 0 ? at.replayUpTo() : progress.head();
        boolean caughtUp = at.segments() > 0 && (total == 0 || progress.reached(total));
        // The tokens may have moved on since the standing was read.
        long done = caughtUp ? total : Math.min(at.position(), total);
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        return new ProcessorProgress(name, done, total, percent, caughtUp ? State.DONE : State.RUNNING);
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
