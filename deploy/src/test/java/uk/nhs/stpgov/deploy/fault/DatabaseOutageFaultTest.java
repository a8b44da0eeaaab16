package uk.nhs.stpgov.deploy.fault;

import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL lost and back: the app's connections are killed and new ones refused, health goes DOWN, commands are
 * answered 503 with nothing written; once connections are allowed again health is UP and commands succeed, with no
 * restart. An instance that holds no projection segment when the database comes back (here it let go of them all)
 * does not read as behind: Axon's processor keeps its error flag until it next works on a segment.
 */
class DatabaseOutageFaultTest {

    @Test
    void healthGoesDownAndUpAndCommandsSucceedAgainWithoutARestart() throws Exception {
        TestDatabases.Database database = TestDatabases.fresh();
        String name = database.url().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (RunningApp app = RunningApp.on(database)) {
            Api api = app.api();
            api.ok("/api/partnerships", "{\"id\":\"outage-stp\",\"name\":\"Outage\",\"region\":\"South West\"}");
            StreamingEventProcessor projections = app.bean(ProjectionProgress.class)
                    .processor(ProjectionProgress.GROUP).orElseThrow();
            // As if other instances held every segment (the balancer's release, for the whole test): it holds none.
            for (int segment = 0; segment < 4; segment++) {
                projections.releaseSegment(segment, 10, TimeUnit.MINUTES);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> projections.processingStatus().isEmpty());

            long lost = System.nanoTime();
            int terminated = cutOff(name);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/actuator/health").status() == 503);
            long down = System.nanoTime();
            assertThat(api.get("/actuator/health").body()).contains("DOWN");
            Api.Answer duringOutage = api.post("/api/partnerships/outage-stp/members",
                    "{\"odsCode\":\"RK9\",\"name\":\"University Hospitals Plymouth NHS Trust\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-03-01\"}");
            assertThat(duringOutage.status()).as(duringOutage.body()).isEqualTo(503);
            assertThat(duringOutage.isProblem()).isTrue();
            // Its next claim round (every 5 s) fails.
            await().atMost(Duration.ofSeconds(30)).until(projections::isError);

            allowConnections(name, true);
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/actuator/health").status() == 200);
            long up = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/actuator/health").json().at("/components/projections/status").asText(),
                            "UP"::equals);
            assertThat(projections.isError()).as("Axon's flag, still up while no segment is held").isTrue();
            assertThat(projections.processingStatus()).isEmpty();
            Api.Answer after = api.post("/api/partnerships/outage-stp/members",
                    "{\"odsCode\":\"RK9\",\"name\":\"University Hospitals Plymouth NHS Trust\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-03-01\"}");
            assertThat(after.status()).as(after.body()).isEqualTo(201);
            System.out.printf("FAULT database outage: %d backends terminated, health DOWN after %d ms, command during "
                            + "outage answered %d, health UP %d ms after connections were allowed, command after: %d%n",
                    terminated, (down - lost) / 1_000_000, duringOutage.status(), (up - back) / 1_000_000,
                    after.status());
        } finally {
            allowConnections(name, true);
        }
    }

    /** Refuses new connections to the app's database and terminates the ones it has. */
    private static int cutOff(String database) throws SQLException {
        allowConnections(database, false);
        try (Connection admin = TestDatabases.admin(); PreparedStatement terminate = admin.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?")) {
            terminate.setString(1, database);
            var rs = terminate.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void allowConnections(String database, boolean allow) throws SQLException {
        try (Connection admin = TestDatabases.admin(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allow);
        }
    }
}
