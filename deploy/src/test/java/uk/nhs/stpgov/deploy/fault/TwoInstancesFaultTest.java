package uk.nhs.stpgov.deploy.fault;

import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.ForkedApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances (separate processes) on one database share the projection segments; a rebuild asked for on one runs
 * while both are up; after kill -9 of one, the other takes its segments over and catches up: every event is in the
 * read model exactly once.
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

            first.kill();
            decisions(second.api(), 40, 70);
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
