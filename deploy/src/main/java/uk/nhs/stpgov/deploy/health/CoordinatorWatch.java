package uk.nhs.stpgov.deploy.health;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Watches the thread that coordinates the projections. Axon's coordinator catches exceptions and retries, but an
 * error (an {@link OutOfMemoryError}, say) ends its task inside the executor's future, where nobody looks: the
 * processor then reads as running, takes no more events, and the read side stands still until a restart. Here such a
 * death is logged, {@link ProjectionsHealth} reports DOWN, and the liveness state turns BROKEN so that an orchestrator
 * restarts the instance (deploy/k8s probes {@code /actuator/health/liveness}).
 */
@Component
@Profile("query")
class CoordinatorWatch implements ConfigurerModule {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorWatch.class);

    private final ApplicationEventPublisher events;
    private volatile Throwable death;

    CoordinatorWatch(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void configureModule(org.axonframework.config.Configurer configurer) {
        configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(ProjectionProgress.GROUP,
                (config, builder) -> builder.coordinatorExecutor(name -> {
                    WatchedExecutor executor = new WatchedExecutor(
                            new AxonThreadFactory("Coordinator[" + name + "]"), this::died);
                    config.onShutdown(executor::shutdown);
                    return executor;
                }));
    }

    /** The error that ended the coordinator, if one did. */
    Optional<Throwable> death() {
        return Optional.ofNullable(death);
    }

    private void died(Throwable cause) {
        death = cause;
        log.error("The projections' coordinator died and no longer hands events to the read models; restart this "
                + "instance (its liveness is now BROKEN)", cause);
        AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
    }

    /** A single-threaded scheduler that reports a task ended by an uncaught throwable (see the JDK's afterExecute). */
    static final class WatchedExecutor extends ScheduledThreadPoolExecutor {
        private final Consumer<Throwable> onDeath;

        WatchedExecutor(ThreadFactory threads, Consumer<Throwable> onDeath) {
            super(1, threads);
            this.onDeath = onDeath;
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            super.afterExecute(task, thrown);
            if (thrown == null && task instanceof Future<?> future && future.isDone()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    thrown = e.getCause();
                } catch (CancellationException cancelled) {
                    // Cancelled on shutdown: not a death.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (thrown != null) {
                onDeath.accept(thrown);
            }
        }
    }
}
