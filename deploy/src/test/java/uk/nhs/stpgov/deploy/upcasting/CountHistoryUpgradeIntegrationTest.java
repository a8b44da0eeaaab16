package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record whose read models were projected before V90 (no history of the map's counts) is rebuilt on the first start
 * of this version: V90 empties the read models and the projections' tokens, and the as-of answers then equal those of
 * a record that had the history from the start.
 */
class CountHistoryUpgradeIntegrationTest {

    @Test
    void readModelsProjectedBeforeV90AreRebuiltOnFirstStart() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        String pid;
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = new Scenario(app.api(), "upgrade").leedsMembers();
            pid = s.pid;
            String map = "/api/partnerships/" + pid + "/accountability-map";
            s.forum("Leeds Committee", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]", "[\"FINANCE\"]");
            String before = s.read(map).get("asOf").asText();
            String finance = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer",
                    LocalDate.of(2019, 4, 1), null, false);
            s.post("/api/partnerships/" + pid + "/members/15F/withdrawal", "{\"on\":\"2020-06-30\",\"reason\":\"merged\"}");
            String after = s.read(map).get("asOf").asText();
            for (String asOf : new String[]{before, after}) {
                for (String on : new String[]{"", "&on=2019-04-20", "&on=2020-08-01"}) {
                    for (String path : new String[]{map + "?asOf=" + asOf + on, "/api/partnerships/" + pid
                            + "?asOf=" + asOf + on}) {
                        answers.put(path, s.api().get(path).json());
                    }
                }
            }
            assertThat(answers.get(map + "?asOf=" + after).toString()).contains(finance, "HOLDER_WITHDRAWN");
        }

        // The record as the version before V90 left it: its read models projected, no count history, the GiST index
        // of V20, none of V90 on applied.
        JdbcClient db = UpgradedAnswers.db(database);
        UndoneMigrations.since(db, 90);
        assertThat(db.sql("SELECT count(*) FROM q_map_subject").query(Long.class).single()).isPositive();

        try (RunningApp app = RunningApp.on(database)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> answers.forEach((path, expected) ->
                    assertThat(app.api().get(path).json()).as(path).isEqualTo(expected)));
            assertThat(db.sql("SELECT count(*) FROM q_map_total_change WHERE partnership_id = ?").param(pid)
                    .query(Long.class).single()).isPositive();
        }
    }
}
