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
 * NON_STATUTORY_ACCOUNTABLE (and the other gaps about who is ACCOUNTABLE) show since the day their condition began;
 * the map stores each gap's since with its windows, and had stored the assignment's effectiveFrom after a transfer.
 * V112 rebuilds the read models of a store holding a transfer, a succession or a joint assignment; a store without
 * one is left as it is.
 */
class GapSinceUpgradeIntegrationTest {

    private static Scenario partnership(RunningApp app, String prefix) {
        return new Scenario(app.api(), prefix)
                .member("E08000013", "St Helen's Council", "LOCAL_AUTHORITY", "2016-06-01")
                .member("VS002", "Halton and St Helens Voluntary and Community Action, Ltd", "VOLUNTARY_SECTOR",
                        "2016-06-01");
    }

    @Test
    void aStoreWithATransferIsRebuiltAndShowsTheGapSinceTheTransfer() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = partnership(app, "since-upgrade");
            String p = "/api/partnerships/" + s.pid;
            String id = s.accountable("THEME", "ENGAGEMENT", "ACCOUNTABLE", "E08000013", "Director of Public Health",
                    LocalDate.of(2017, 4, 1), null, false);
            s.post("/api/accountabilities/" + id + "/transfer",
                    "{\"odsCode\":\"VS002\",\"post\":\"Chief Officer\",\"on\":\"2020-01-01\"}");
            String nonStatutory = p + "/gaps?kind=NON_STATUTORY_ACCOUNTABLE&on=2021-06-01";
            for (String path : List.of(nonStatutory, p + "/gaps?on=2021-06-01", p + "/accountability-map?on=2021-06-01")) {
                answers.put(path, UpgradedAnswers.withoutAsOf(s.read(path)));
            }
            assertThat(answers.get(nonStatutory).findValuesAsText("since")).containsExactly("2020-01-01");
        }

        // The store as the version before left it: the gap stored since the assignment's effectiveFrom.
        JdbcClient db = UpgradedAnswers.db(database);
        assertThat(db.sql("UPDATE q_map_subject SET gaps = replace(gaps::text, '\"since\": \"2020-01-01\"', "
                        + "'\"since\": \"2017-04-01\"')::jsonb WHERE subject_ref = 'ENGAGEMENT' AND valid_to IS NULL "
                        + "AND gaps::text LIKE '%\"since\": \"2020-01-01\"%'").update()).isEqualTo(1);
        UpgradedAnswers.expectSameAfterUpgrade(database, 112, answers);
    }

    @Test
    void aStoreWithoutOneIsNotRebuilt() {
        TestDatabases.Database database = TestDatabases.fresh();
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = partnership(app, "since-kept");
            s.accountable("THEME", "ENGAGEMENT", "ACCOUNTABLE", "VS002", "Chief Officer", LocalDate.of(2017, 4, 1),
                    null, false);
            s.read("/api/partnerships/" + s.pid + "/gaps");
        }
        UpgradedAnswers.expectNoRebuild(database, 112);
    }
}
