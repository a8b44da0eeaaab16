package uk.nhs.stpgov.deploy.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.ForkedApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 in the middle of a projection rebuild: the restarted app resumes from the tokens it had saved and
 * finishes with exactly the answers it gave before the rebuild.
 */
class KillDuringRebuildFaultTest {
    /** One transaction per event, so the rebuild lasts long enough to be interrupted. */
    private static final String[] SLOW_REBUILD = ProjectionProgress.PROCESSORS.stream()
            .map(name -> "--axon.eventhandling.processors." + name + ".batch-size=1").toArray(String[]::new);

    @Test
    void aRebuildKilledHalfWayResumesAfterRestartAndEndsWithIdenticalAnswers() throws Exception {
        TestDatabases.Database database = TestDatabases.fresh();
        String pid = "north-cumbria";
        // The timeline is paged (default 500 rows): one page of 1000 holds all 505 events.
        String timeline = "/api/partnerships/" + pid + "/timeline?limit=1000";
        List<String> queries = List.of(timeline, "/api/partnerships/" + pid + "/assessments");
        Map<String, String> before;
        String asOf;
        long killedAtPercent;
        try (ForkedApp app = ForkedApp.start(database, SLOW_REBUILD)) {
            Api api = app.api();
            record(api, pid);
            await().atMost(Duration.ofSeconds(120)).until(() -> api.get(timeline).json().size() == expectedEvents());
            asOf = api.get("/api/partnerships/" + pid + "/accountability-map").json().get("asOf").asText();
            before = answers(api, pid, asOf, queries);

            // The kill must land part-way. A machine that is busy between two looks may see the rebuild only once
            // it is (nearly) done: then it is started again, a few times at most.
            JsonNode midway = null;
            for (int attempt = 1; attempt <= 5 && midway == null; attempt++) {
                assertThat(api.post("/api/admin/replays", "{}").status()).isEqualTo(202);
                JsonNode seen = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> api.get("/api/admin/replays").json(), progress -> minPercent(progress) >= 10
                                && (minPercent(progress) < 100 || "DONE".equals(progress.get("state").asText())));
                if (minPercent(seen) < 100) {
                    midway = seen;
                }
            }
            assertThat(midway).as("a look at the rebuild part-way, in five rebuilds").isNotNull();
            killedAtPercent = minPercent(midway);
            assertThat(midway.get("state").asText()).isEqualTo("RUNNING");
            app.kill();
        }
        assertThat(killedAtPercent).as("killed part-way through the rebuild").isLessThan(100);

        try (ForkedApp restarted = ForkedApp.start(database)) {
            Api api = restarted.api();
            JsonNode resumed = api.get("/api/admin/replays").json();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "DONE".equals(api.get("/api/admin/replays").json().get("state").asText()));
            assertThat(answers(api, pid, asOf, queries)).isEqualTo(before);
            System.out.printf("Rebuild killed at %d%% (slowest projection); after restart: %s%n", killedAtPercent,
                    resumed);
        }
    }

    private static long minPercent(JsonNode progress) {
        long min = 100;
        for (JsonNode processor : progress.get("processors")) {
            min = Math.min(min, processor.get("percent").asLong());
        }
        return min;
    }

    private static final int DECISIONS = 250;

    private static int expectedEvents() {
        return 1 + 4 + DECISIONS * 2;
    }

    private static void record(Api api, String pid) throws Exception {
        api.ok("/api/partnerships", "{\"id\":\"" + pid + "\",\"name\":\"North Cumbria Health & Care\",\"region\":\"North\"}");
        for (String[] m : new String[][]{{"RNN", "FOUNDATION_TRUST"}, {"01H", "CCG"}, {"16C", "LOCAL_AUTHORITY"},
                {"Y02617", "GP_FEDERATION"}}) {
            api.ok("/api/partnerships/" + pid + "/members", "{\"odsCode\":\"" + m[0] + "\",\"name\":\"Member " + m[0]
                    + "\",\"sector\":\"" + m[1] + "\",\"joinedOn\":\"2016-03-01\"}");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < DECISIONS; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                String id = api.id("/api/partnerships/" + pid + "/decisions", """
                        {"title":"Decision %d","theme":"FINANCE","decidingOdsCodes":["RNN"],"outcome":"APPROVED",
                         "decidedOn":"2018-01-%02d"}""".formatted(n, 1 + n % 28));
                api.ok("/api/decisions/" + id + "/ratifications", "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2018-02-01\"}");
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        pool.shutdown();
    }

    private static Map<String, String> answers(Api api, String pid, String asOf, List<String> queries) {
        Map<String, String> answers = new LinkedHashMap<>();
        String p = "/api/partnerships/" + pid;
        for (String query : List.of(p + "/accountability-map?asOf=" + asOf, p + "/gaps?asOf=" + asOf,
                p + "/decisions?asOf=" + asOf, p + "?asOf=" + asOf)) {
            answers.put(query, api.get(query).body());
        }
        queries.forEach(query -> answers.put(query, api.get(query).body()));
        return answers;
    }
}
