package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service change withdrawn or completed was open on the days before its closing move; the map had judged it by its
 * stage now, so a closed change and its gaps were gone from every past day. V109 rebuilds the read models of a store
 * holding a closed service change; a store without one is left as it is.
 */
class ClosedServiceChangeUpgradeIntegrationTest {

    private static String proposed(Scenario s) {
        return s.api().id("/api/partnerships/" + s.pid + "/service-changes", """
                {"title":"Shaping a healthier future: Charing Cross A&E","kind":"COMMUNITY_REDESIGN",
                 "themes":["ENGAGEMENT"],"leadOdsCode":"VS001","description":"Redesign","proposedOn":"2017-01-10"}""");
    }

    private static Scenario partnership(RunningApp app, String prefix) {
        Scenario s = new Scenario(app.api(), prefix)
                .member("RYJ", "Imperial College Healthcare NHS Trust", "NHS_TRUST", "2016-04-01")
                .member("VS001", "Hammersmith & Fulham Mind", "VOLUNTARY_SECTOR", "2016-04-01");
        return s;
    }

    @Test
    void aStoreWithAClosedServiceChangeIsRebuiltAndShowsItOnTheDaysItWasOpen() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        String change;
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = partnership(app, "closed-upgrade");
            String p = "/api/partnerships/" + s.pid;
            change = proposed(s);
            s.post(p + "/members/VS001/withdrawal", "{\"on\":\"2019-03-31\",\"reason\":\"Charity merged\"}");
            s.post("/api/service-changes/" + change + "/stage", "{\"stage\":\"WITHDRAWN\",\"note\":\"Stopped\"}");
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            for (String path : List.of(p + "/gaps?on=2020-01-01", p + "/gaps?on=" + today,
                    p + "/accountability-map?on=2020-01-01", p + "/accountability-map?on=" + today)) {
                answers.put(path, UpgradedAnswers.withoutAsOf(s.read(path)));
            }
            assertThat(answers.get(p + "/gaps?on=2020-01-01").findValuesAsText("kind"))
                    .containsExactlyInAnyOrder("NO_ACCOUNTABLE", "NO_LEAD");
        }

        // The store as the version before left it: the closed change has no row on the map from its closing on.
        JdbcClient db = UpgradedAnswers.db(database);
        assertThat(db.sql("UPDATE q_map_subject SET valid_to = now() WHERE subject_ref = ? AND valid_to IS NULL")
                .param(change).update()).isEqualTo(1);
        UpgradedAnswers.expectSameAfterUpgrade(database, 109, answers);
    }

    @Test
    void aStoreWithoutOneIsNotRebuilt() {
        TestDatabases.Database database = TestDatabases.fresh();
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = partnership(app, "open-upgrade");
            String change = proposed(s);
            s.post("/api/service-changes/" + change + "/stage", "{\"stage\":\"ENGAGEMENT\",\"note\":\"Started\"}");
            s.read("/api/service-changes/" + change);
        }
        JdbcClient db = UpgradedAnswers.db(database);
        UndoneMigrations.since(db, 109);
        long version = db.sql("SELECT sum(version) FROM q_partnership_version").query(Long.class).single();
        try (RunningApp app = RunningApp.on(database)) {
            assertThat(db.sql("SELECT sum(version) FROM q_partnership_version").query(Long.class).single())
                    .as("no rebuild").isEqualTo(version);
            assertThat(db.sql("SELECT count(*) FROM q_service_change").query(Long.class).single()).isEqualTo(2);
        }
    }
}
