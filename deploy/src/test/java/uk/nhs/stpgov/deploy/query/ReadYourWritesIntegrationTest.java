package uk.nhs.stpgov.deploy.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait behind {@code ?minPosition=}: it ends as soon as the projections have the command's events, not when idle
 * segments next save their tokens (every 5 s), and an event index left unused by a rolled-back append does not hold
 * it up until the timeout.
 */
@IntegrationTest
class ReadYourWritesIntegrationTest {
    /** Well under Axon's 5 s between token saves of a segment with nothing to handle, and the queries' 10 s. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    ProjectionProgress progress;

    @Test
    void commandAfterCommandIsReadableWithoutWaitingForIdleSegmentsToSaveTheirTokens() {
        Scenario s = new Scenario(new Api(port), "ryw-idle").leedsMembers();
        for (int i = 1; i <= 3; i++) {
            String decision = s.decision("Decision " + i, "FINANCE", null, "[\"RR8\"]", LocalDate.of(2019, 1, i), null);
            assertThat(progress.awaitPosition(s.api().position(), PROMPTLY)).as("position of decision %d", i).isTrue();
            assertThat(s.read("/api/decisions/" + decision).get("title").asText()).isEqualTo("Decision " + i);
        }
    }

    @Test
    void anIndexLeftUnusedByARolledBackAppendDoesNotHoldUpLaterReads() {
        Scenario s = new Scenario(new Api(port), "ryw-gap").leedsMembers();
        long before = s.api().position();
        // Two appends that race for one aggregate's next event both draw an index; the loser's is never used. (A
        // refused record or import draws none, so the race is played here on the sequence itself.)
        new JdbcTemplate(dataSource).queryForObject("SELECT nextval('domainevententry_globalindex_seq')", Long.class);

        String forum = s.forum("Leeds Committee", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]", "[\"RISK\"]");
        assertThat(s.api().position()).as("the unused index is a gap").isGreaterThan(before + 1);
        assertThat(progress.awaitPosition(s.api().position(), PROMPTLY)).isTrue();
        assertThat(s.read("/api/partnerships/" + s.pid).get("forums").findValuesAsText("id")).containsExactly(forum);
    }
}
