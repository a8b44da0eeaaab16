package uk.nhs.stpgov.deploy.health;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An error thrown on the projections' coordinator thread (where Axon's own task runs) is not lost: the health turns
 * DOWN and the liveness probe BROKEN. The error is thrown by a task of the test's own on that thread's executor,
 * which it reaches through Axon's private fields: the wiring is what is under test. The context is discarded after.
 */
@IntegrationTest
@DirtiesContext
class CoordinatorDeathIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void anErrorOnTheCoordinatorThreadTurnsHealthDownAndLivenessBroken() throws Exception {
        Api api = new Api(port);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);

        coordinatorExecutor().schedule(() -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        }, 0, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/actuator/health/liveness").status() == 503);
        Api.Answer health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("DOWN");
    }

    private ScheduledExecutorService coordinatorExecutor() throws ReflectiveOperationException {
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(ProjectionProgress.GROUP, PooledStreamingEventProcessor.class).orElseThrow();
        Object coordinator = field(processor, "coordinator");
        return (ScheduledExecutorService) field(coordinator, "executorService");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
