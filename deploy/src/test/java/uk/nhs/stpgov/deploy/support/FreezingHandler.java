package uk.nhs.stpgov.deploy.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A projection handler of the tests' own, in the projections' group, that blocks the worker handling the registration
 * of a partnership named {@link #NAME} until the test releases it: a worker that never ends its batch, as one killed
 * mid-batch would stand. {@code @Import(FreezingHandler.Configuration.class)} with {@code @DirtiesContext}.
 */
@ProcessingGroup(ProjectionProgress.GROUP)
public class FreezingHandler {
    public static final String NAME = "Frozen by a test";

    public final CountDownLatch entered = new CountDownLatch(1);
    public final CountDownLatch release = new CountDownLatch(1);

    @EventHandler
    void on(PartnershipRegistered event) throws InterruptedException {
        if (NAME.equals(event.name())) {
            entered.countDown();
            // Bounded, so that a test that fails before releasing cannot hold the worker (and the suite) for ever.
            release.await(2, TimeUnit.MINUTES);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        FreezingHandler freezingHandler() {
            return new FreezingHandler();
        }
    }
}
