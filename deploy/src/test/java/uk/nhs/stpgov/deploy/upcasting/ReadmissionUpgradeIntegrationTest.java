package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side kept only the latest period of a body admitted again after leaving. V106 keeps every period
 * ({@code q_member.earlier_periods}) and rebuilds the read models of a store in which a body joined again after
 * leaving, so the earlier period is there after the upgrade; a store without one is left as it is.
 */
class ReadmissionUpgradeIntegrationTest {

    @Test
    void aStoreWithABodyAdmittedAgainIsRebuiltWithItsEarlierPeriod() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = new Scenario(app.api(), "readmitted")
                    .member("E10000006", "Cumbria County Council", "LOCAL_AUTHORITY", "2016-04-01");
            String p = "/api/partnerships/" + s.pid;
            s.post(p + "/members/E10000006/withdrawal", "{\"on\":\"2018-03-31\",\"reason\":\"Left the board\"}");
            s.post(p + "/members", """
                    {"odsCode":"E10000006","name":"Cumbria County Council","sector":"LOCAL_AUTHORITY",
                     "joinedOn":"2019-01-01"}""");
            s.decision("Capital plan", "FINANCE", null, "[\"E10000006\"]", LocalDate.of(2017, 6, 1), null);
            for (String path : List.of(p + "/members/E10000006?on=2017-06-01", p + "?on=2017-06-01",
                    p + "/gaps?on=2018-06-01")) {
                answers.put(path, UpgradedAnswers.withoutAsOf(s.read(path)));
            }
            assertThat(answers.get(p + "/members/E10000006?on=2017-06-01").get("current").asBoolean()).isTrue();
        }

        // The store as the version before left it: one period per member row, V106 not applied.
        UndoneMigrations.since(UpgradedAnswers.db(database), 106);

        try (RunningApp app = RunningApp.on(database)) {
            UpgradedAnswers.expectSame(app.api(), answers);
        }
    }

    @Test
    void aStoreWithoutOneIsNotRebuilt() {
        TestDatabases.Database database = TestDatabases.fresh();
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = new Scenario(app.api(), "withdrawn")
                    .member("E10000006", "Cumbria County Council", "LOCAL_AUTHORITY", "2016-04-01");
            s.post("/api/partnerships/" + s.pid + "/members/E10000006/withdrawal",
                    "{\"on\":\"2018-03-31\",\"reason\":\"Left the board\"}");
            s.read("/api/partnerships/" + s.pid);
        }
        JdbcClient db = UpgradedAnswers.db(database);
        UndoneMigrations.since(db, 106);
        long version = db.sql("SELECT sum(version) FROM q_partnership_version").query(Long.class).single();
        try (RunningApp app = RunningApp.on(database)) {
            assertThat(db.sql("SELECT sum(version) FROM q_partnership_version").query(Long.class).single())
                    .as("no rebuild").isEqualTo(version);
            assertThat(db.sql("SELECT count(*) FROM q_member").query(Long.class).single()).isEqualTo(2);
        }
    }
}
