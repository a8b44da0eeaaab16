package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before V104 the timeline's lines for an assurance test or a stage move did not name their service change. V104
 * names them in the lines already written, as a rebuild would, and keeps the titles for the changes' later events.
 */
class TimelineTitlesUpgradeIntegrationTest {

    @Test
    void linesWrittenBeforeNameTheirChangeAndLaterEventsOfTheChangeToo() {
        TestDatabases.Database database = TestDatabases.fresh();
        String pid;
        String ward;
        List<String> expected;
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = new Scenario(app.api(), "titles").leedsMembers();
            pid = s.pid;
            ward = s.serviceChange("Close Ward 9 at St James's", "CLOSURE", "RR8");
            String unit = s.serviceChange("Midwife-led unit at Wharfedale", "NEW_SERVICE", "RR8");
            for (String change : List.of(ward, unit)) {
                s.post("/api/service-changes/" + change + "/assurance-tests", """
                        {"test":"PUBLIC_ENGAGEMENT","result":"MET","evidence":"Survey","assessedOn":"2019-03-12",
                         "assessor":"NHS England regional team"}""");
                s.post("/api/service-changes/" + change + "/stage", "{\"stage\":\"ENGAGEMENT\"}");
            }
            expected = s.read("/api/partnerships/" + pid + "/timeline").findValuesAsText("summary");
            assertThat(expected).contains(
                    "Assurance test of Close Ward 9 at St James's: PUBLIC_ENGAGEMENT MET (assessed 2019-03-12)",
                    "Service change Midwife-led unit at Wharfedale moved from PROPOSED to ENGAGEMENT");
        }

        // The store as the version before left it: its lines without the change's name, no titles, V104 not applied.
        JdbcClient db = UpgradedAnswers.db(database);
        db.sql("UPDATE q_timeline SET summary = 'Service change moved ' || split_part(summary, ' moved ', 2) "
                + "WHERE type = 'ServiceChangeAdvanced'").update();
        db.sql("UPDATE q_timeline SET summary = 'Assurance test ' || substr(summary, strpos(summary, ': ') + 2) "
                + "WHERE type = 'AssuranceTestRecorded'").update();
        assertThat(db.sql("SELECT summary FROM q_timeline WHERE partnership_id = ? AND type = 'AssuranceTestRecorded'")
                .param(pid).query(String.class).list()).containsOnly("Assurance test PUBLIC_ENGAGEMENT MET (assessed 2019-03-12)");
        UndoneMigrations.since(db, 104);

        try (RunningApp app = RunningApp.on(database)) {
            Api api = app.api();
            JsonNode timeline = Scenario.readOk(api, "/api/partnerships/" + pid + "/timeline");
            assertThat(timeline.findValuesAsText("summary")).isEqualTo(expected);
            // A later event of a change proposed before the upgrade, in a later batch of a new process (the same
            // client reads it, so its read waits for the move).
            api.ok("/api/service-changes/" + ward + "/stage", "{\"stage\":\"CONSULTATION\"}");
            assertThat(Scenario.readOk(api, "/api/partnerships/" + pid + "/timeline")
                    .findValuesAsText("summary"))
                    .contains("Service change Close Ward 9 at St James's moved from ENGAGEMENT to CONSULTATION");
        }
    }
}
