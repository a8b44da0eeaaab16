package uk.nhs.stpgov.deploy.health;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.FreezingHandler;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection segment that stops without an error (here a handler of the test's own, in the projections' group,
 * that blocks on one partnership's registration, as a worker killed by an error would stand) turns the health DOWN
 * with the segment named, leaves liveness alone, and is UP again once the segment moves. The context is discarded
 * after: it carries the blocking handler.
 */
@IntegrationTest
@DirtiesContext
@Import(FreezingHandler.Configuration.class)
@TestPropertySource(properties = "stpgov.projections.stall-after=2s")
class ProjectionsStallIntegrationTest {
    private static final String FROZEN = "frozen-stp";

    @LocalServerPort
    int port;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    FreezingHandler freezer;

    @AfterEach
    void release() {
        freezer.release.countDown();
    }

    @Test
    void aSegmentStandingBehindTheHeadTurnsHealthDownUntilItMovesAgain() throws Exception {
        Api api = new Api(port);
        api.ok("/api/partnerships", "{\"id\":\"warm-stp\",\"name\":\"Warm\",\"region\":\"North\"}");
        assertThat(api.get("/api/partnerships/warm-stp").status()).isEqualTo(200);
        long before = api.position();
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);

        api.ok("/api/partnerships",
                "{\"id\":\"" + FROZEN + "\",\"name\":\"" + FreezingHandler.NAME + "\",\"region\":\"North\"}");
        assertThat(freezer.entered.await(30, TimeUnit.SECONDS)).as("the handler was reached").isTrue();
        api.ok("/api/partnerships", "{\"id\":\"later-stp\",\"name\":\"Later\",\"region\":\"North\"}");
        api.ok("/api/partnerships", "{\"id\":\"latest-stp\",\"name\":\"Latest\",\"region\":\"North\"}");
        long head = api.position();
        int segment = progress.processor(ProjectionProgress.GROUP).orElseThrow().processingStatus().values().stream()
                .map(EventTrackerStatus::getSegment).filter(s -> s.matches(FROZEN)).findFirst().orElseThrow()
                .getSegmentId();

        Api.Answer stalled = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/health"),
                answer -> answer.status() == 503 && answer.body().contains("head " + head));
        JsonNode projections = stalled.json().at("/components/projections");
        assertThat(projections.get("status").asText()).isEqualTo("DOWN");
        assertThat(projections.at("/details/projections").asText()).isEqualTo("STALLED");
        JsonNode stalls = projections.at("/details/stalled");
        assertThat(stalls.size()).as(stalls.toString()).isEqualTo(1);
        assertThat(stalls.get(0).asText()).startsWith("segment " + segment + " at position " + before + " since ")
                .endsWith(", head " + head);
        // A stall does not restart the instance (ProjectionsStallWatch says why).
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);

        freezer.release.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/actuator/health").status() == 200);
        assertThat(api.get("/actuator/health").body()).doesNotContain("STALLED");
        assertThat(api.get("/api/partnerships/latest-stp").status()).isEqualTo(200);
    }
}
