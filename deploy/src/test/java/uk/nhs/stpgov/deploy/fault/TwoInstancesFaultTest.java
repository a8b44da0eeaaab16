package uk.nhs.stpgov.deploy.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.ForkedApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances (separate processes) on one database share the projection segments; a rebuild asked for on one runs
 * while both are up; after kill -9 of one, the other takes its segments over and catches up: every event is in the
 * read model exactly once. Every instance answers a rebuild's progress alike, from the shared tokens, also one that
 * holds no segment or that ran an earlier rebuild itself.
 */
class TwoInstancesFaultTest {
    private static final String PID = "two-instances";

    @Test
    void instancesSplitTheSegmentsAndTheSurvivorOfAKillTakesThemOver() throws Exception {
        TestDatabases.Database database = TestDatabases.fresh();
        String[] fastBalancing = {"--stpgov.segment-balancer.interval=1s"};
        // Started side by side: each start takes a while, and the order does not matter.
        CompletableFuture<ForkedApp> starting = CompletableFuture.supplyAsync(() -> ForkedApp.start(database,
                fastBalancing));
        try (ForkedApp first = ForkedApp.start(database, fastBalancing); ForkedApp second = starting.join()) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> claims(database).values(), held -> held.size() == 2 && held.stream()
                            .allMatch(n -> n == 2));

            first.api().ok("/api/partnerships", "{\"id\":\"" + PID + "\",\"name\":\"Two\",\"region\":\"North\"}");
            first.api().ok("/api/partnerships/" + PID + "/members", "{\"odsCode\":\"RNN\",\"name\":\"Trust\","
                    + "\"sector\":\"FOUNDATION_TRUST\",\"joinedOn\":\"2016-03-01\"}");
            decisions(first.api(), 0, 20);
            decisions(second.api(), 20, 40);
            await().atMost(Duration.ofSeconds(180)).until(() -> timeline(second.api()) == 2 + 40);

            // An instance holding no segment (as a third of three instances sharing four) answers from the shared
            // tokens too: done, though no rebuild was asked. Here a rebuild request that stands has both let go, once
            // every saved token is at the head (an idle segment saves its token every 5 s, Axon's claim extension).
            LockSupport.parkNanos(Duration.ofSeconds(6).toNanos());
            AtomicBoolean asking = new AtomicBoolean(true);
            Thread elsewhere = new Thread(() -> {
                while (asking.get()) {
                    askRebuild(database);
                    LockSupport.parkNanos(200_000_000);
                }
            });
            elsewhere.start();
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> claims(database).isEmpty());
                for (ForkedApp app : List.of(first, second)) {
                    assertDone(app.api().get("/api/admin/replays").json(), head(database));
                }
            } finally {
                asking.set(false);
                elsewhere.join();
                sql(database, "DELETE FROM rebuild_request");
            }
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> claims(database).values(), held -> held.size() == 2 && held.stream()
                            .allMatch(n -> n == 2));

            // A rebuild asked for on one instance: the other lets go of its segments for the reset, both replay.
            long asked = System.nanoTime();
            assertThat(first.api().post("/api/admin/replays", "{}").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "DONE".equals(second.api().get("/api/admin/replays").json().get("state").asText()));
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> claims(database).values(), held -> held.size() == 2 && held.stream()
                            .allMatch(n -> n == 2));
            System.out.printf("Two instances: a rebuild asked for on one was done and the segments shared again in "
                    + "%.1f s%n", (System.nanoTime() - asked) / 1e9);
            assertThat(timeline(second.api())).isEqualTo(2 + 40);
            assertThat(rows(database, "q_decision")).as("each decision applied once after the rebuild").isEqualTo(40);

            // A rebuild asked for on the other instance: the first, which ran the one before, measures this one.
            decisions(first.api(), 40, 45);
            await().atMost(Duration.ofSeconds(180)).until(() -> timeline(second.api()) == 2 + 45);
            long head = head(database);
            assertThat(second.api().post("/api/admin/replays", "{}").status()).isEqualTo(202);
            List<JsonNode> seen = new ArrayList<>();
            JsonNode done = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                    .until(() -> first.api().get("/api/admin/replays").json(), progress -> seen.add(progress)
                            && "DONE".equals(progress.get("state").asText()));
            assertThat(seen).allSatisfy(progress -> assertThat(progress.get("processors").get(0).get("total")
                    .asLong()).as("the rebuild's total on the instance that did not ask").isEqualTo(head));
            assertDone(done, head);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> claims(database).values(), held -> held.size() == 2 && held.stream()
                            .allMatch(n -> n == 2));

            first.kill();
            decisions(second.api(), 45, 70);
            long killed = System.nanoTime();
            Map<String, Integer> after = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> claims(database), held -> held.size() == 1 && held.values().contains(4));
            await().atMost(Duration.ofSeconds(180)).until(() -> timeline(second.api()) == 2 + 70);
            System.out.printf("Two instances: after kill -9 the survivor held all 4 segments and had caught up in "
                    + "%.1f s%n", (System.nanoTime() - killed) / 1e9);
            assertThat(after).hasSize(1);
            assertThat(rows(database, "q_timeline")).as("every event in the timeline").isEqualTo(2 + 70);
            // A decision applied twice would leave a second version row.
            assertThat(rows(database, "q_decision")).as("each decision applied once").isEqualTo(70);
        }
    }

    private static void decisions(Api api, int from, int to) {
        for (int n = from; n < to; n++) {
            api.ok("/api/partnerships/" + PID + "/decisions", """
                    {"title":"Decision %d","theme":"FINANCE","decidingOdsCodes":["RNN"],"outcome":"APPROVED",
                     "decidedOn":"2018-01-%02d"}""".formatted(n, 1 + n % 28));
        }
    }

    private static void assertDone(JsonNode progress, long head) {
        assertThat(progress.get("state").asText()).as(progress.toString()).isEqualTo("DONE");
        JsonNode processor = progress.get("processors").get(0);
        assertThat(processor.get("done").asLong()).as(progress.toString()).isEqualTo(head);
        assertThat(processor.get("total").asLong()).as(progress.toString()).isEqualTo(head);
        assertThat(processor.get("percent").asInt()).as(progress.toString()).isEqualTo(100);
    }

    /** What an instance asking for a rebuild writes (and renews) while it waits for the segments (Replays). */
    private static void askRebuild(TestDatabases.Database database) {
        sql(database, "INSERT INTO rebuild_request (processor_name, requested_by) VALUES ('projections', "
                + "'another-instance') ON CONFLICT (processor_name) DO UPDATE SET requested_at = now()");
    }

    private static void sql(TestDatabases.Database database, String sql) {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long head(TestDatabases.Database database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement ps = c.prepareStatement("SELECT max(globalindex) FROM domainevententry");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int timeline(Api api) {
        return api.get("/api/partnerships/" + PID + "/timeline").json().size();
    }

    /** Segments of the projections processor held per owner. */
    private static Map<String, Integer> claims(TestDatabases.Database database) throws Exception {
        Map<String, Integer> held = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement ps = c.prepareStatement("SELECT owner, count(*) FROM tokenentry "
                     + "WHERE processorname = 'projections' AND owner IS NOT NULL GROUP BY owner");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                held.put(rs.getString(1), rs.getInt(2));
            }
        }
        return held;
    }

    private static long rows(TestDatabases.Database database, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE partnership_id = ?")) {
            ps.setString(1, PID);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
