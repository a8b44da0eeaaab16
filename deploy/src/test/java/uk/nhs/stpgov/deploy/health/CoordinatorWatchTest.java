package uk.nhs.stpgov.deploy.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoordinatorWatchTest {
    @Test
    void anErrorThatEndsAScheduledTaskIsReportedAndNothingElseIs() throws Exception {
        List<Throwable> deaths = new CopyOnWriteArrayList<>();
        CoordinatorWatch.WatchedExecutor executor = new CoordinatorWatch.WatchedExecutor(Thread::new, deaths::add);
        try {
            executor.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
            executor.schedule(() -> { }, 1, TimeUnit.HOURS).cancel(false);
            executor.schedule(() -> {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }, 10, TimeUnit.MILLISECONDS);

            await().atMost(Duration.ofSeconds(5)).until(() -> !deaths.isEmpty());
            executor.schedule(() -> { }, 0, TimeUnit.MILLISECONDS).get();
            assertThat(deaths).singleElement().isInstanceOf(OutOfMemoryError.class);
        } finally {
            executor.shutdownNow();
        }
    }
}
