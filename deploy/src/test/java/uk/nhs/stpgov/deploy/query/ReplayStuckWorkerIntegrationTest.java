package uk.nhs.stpgov.deploy.query;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.FreezingHandler;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A rebuild on an instance whose projection worker never ends its batch (here a handler of the test's own, in the
 * projections' group, that blocks on one partnership's registration, as a worker killed mid-batch would stand) is
 * refused with 503 once {@code stpgov.rebuild.stop-wait} has passed, instead of waiting for ever; so is the next one,
 * and once the worker is free a rebuild runs to the end. The context is discarded after: it carries the blocking
 * handler.
 */
@IntegrationTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@Import(FreezingHandler.Configuration.class)
@TestPropertySource(properties = "stpgov.rebuild.stop-wait=2s")
class ReplayStuckWorkerIntegrationTest {
    /** Well above the stop-wait, well below the 2 minutes the handler holds the worker at most. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);
    private static final String DETAIL = "The rebuild did not start: processor 'projections' did not stop within 2 s. "
            + "A projection worker is stuck (see the log); nothing was reset. Restart this instance";

    @LocalServerPort
    int port;
    @Autowired
    FreezingHandler freezer;

    @AfterEach
    void release() {
        freezer.release.countDown();
    }

    @Test
    void aRebuildWhileAWorkerIsStuckIsRefusedWithoutHangingAndRunsOnceTheWorkerIsFree(CapturedOutput output)
            throws Exception {
        Api api = new Api(port);
        api.ok("/api/partnerships",
                "{\"id\":\"stuck-stp\",\"name\":\"" + FreezingHandler.NAME + "\",\"region\":\"North\"}");
        assertThat(freezer.entered.await(30, TimeUnit.SECONDS)).as("the handler was reached").isTrue();

        Api.Answer refused = assertTimeoutPreemptively(ANSWER_WITHIN, () -> api.post("/api/admin/replays", "{}"),
                "the rebuild answers although a worker is stuck");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("type").asText()).isEqualTo("/problems/replay-stuck");
        assertThat(refused.json().get("detail").asText()).isEqualTo(DETAIL);
        // The log names the processor and shows where its worker stands.
        assertThat(output.getOut()).contains("ERROR", "Rebuild refused: processor projections did not stop within 2 s")
                .contains("FreezingHandler.on");

        // The first request left nothing held: the next one answers too, with the same refusal.
        Api.Answer again = assertTimeoutPreemptively(ANSWER_WITHIN, () -> api.post("/api/admin/replays", "{}"),
                "a second rebuild answers although a worker is stuck");
        assertThat(again.status()).as(again.body()).isEqualTo(503);
        assertThat(again.json().get("detail").asText()).isEqualTo(DETAIL);
        // The stall check judges running processors only; a stuck stop is reported on its own, liveness left alone.
        Api.Answer health = api.get("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(503);
        assertThat(health.body()).contains("STUCK", "projections did not stop when a rebuild asked");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);

        freezer.release.countDown();

        // Once the worker has ended its batch the shutdown completes and a rebuild is accepted.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.post("/api/admin/replays", "{}").status() == 202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(api.get("/api/admin/replays").json().get("state").asText()));
        assertThat(api.get("/api/partnerships/stuck-stp").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").body()).doesNotContain("STUCK");
    }
}
