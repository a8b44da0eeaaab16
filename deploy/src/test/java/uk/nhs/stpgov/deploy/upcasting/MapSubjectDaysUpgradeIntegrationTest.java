package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before V99 a rescinded decision left the map for good and every subject was on the map on every day. V99 rebuilds
 * the read models of a store with decisions or service changes on the first start of this version, so a map on a past
 * day lists what existed that day.
 */
class MapSubjectDaysUpgradeIntegrationTest {

    @Test
    void aStoreWithARescindedDecisionIsRebuiltSoItsDaysShowIt() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        String decision;
        String pid;
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = new Scenario(app.api(), "days").leedsMembers();
            pid = s.pid;
            decision = s.decision("Close the minor injuries unit at Wharfedale", "FINANCE", null, "[\"RR8\",\"15F\"]",
                    LocalDate.of(2019, 3, 1), null);
            s.post("/api/decisions/" + decision + "/rescission",
                    "{\"reason\":\"Judicial review of the consultation\",\"on\":\"2019-06-01\"}");
            for (String on : new String[]{"2018-01-01", "2019-05-01", "2020-01-01"}) {
                String path = "/api/partnerships/" + pid + "/accountability-map?on=" + on;
                answers.put(path, UpgradedAnswers.withoutAsOf(s.read(path)));
            }
            assertThat(answers.get("/api/partnerships/" + pid + "/accountability-map?on=2019-05-01").toString())
                    .contains(decision, "RATIFICATION_PENDING");
        }

        // The store as the version before left it: the rescinded decision's row closed, no days, V99 not applied.
        JdbcClient db = UpgradedAnswers.db(database);
        db.sql("UPDATE q_map_subject SET valid_to = now() WHERE subject_ref = ? AND valid_to IS NULL")
                .param(decision).update();
        UpgradedAnswers.expectSameAfterUpgrade(database, 99, answers);
    }

}
