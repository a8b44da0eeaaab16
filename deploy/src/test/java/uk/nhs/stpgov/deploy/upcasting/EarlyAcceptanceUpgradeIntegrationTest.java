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
 * An acceptance dated before its assignment's effectiveFrom, recorded after the assignment passed on, counts from the
 * office's first day; the read models had counted it for none of the holders. V115 rebuilds the read models of a store
 * holding such an acceptance on a transferred or passed-on assignment; a store without one is left as it is.
 */
class EarlyAcceptanceUpgradeIntegrationTest {

    private static Scenario cheshire(RunningApp app, String prefix) {
        return new Scenario(app.api(), prefix).member("02E", "NHS South Cheshire CCG", "CCG", "2016-03-01");
    }

    private static String passedOnTwice(Scenario s) {
        String id = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "02E", "Chief Finance Officer",
                LocalDate.of(2019, 4, 1), null, false);
        s.post("/api/partnerships/" + s.pid + "/members/02E/succession", """
                {"successorOdsCode":"27D","successorName":"NHS Cheshire CCG","sector":"CCG","on":"2020-04-01",
                 "reason":"Merger"}""");
        s.post("/api/partnerships/" + s.pid + "/members/27D/succession", """
                {"successorOdsCode":"QYG","successorName":"NHS Cheshire and Merseyside ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        return id;
    }

    @Test
    void aStoreWithAnAcceptanceBeforeTheOfficeBeganIsRebuiltAndCountsIt() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        String id;
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = cheshire(app, "early-accept");
            id = passedOnTwice(s);
            s.post("/api/accountabilities/" + id + "/acceptance", "{\"on\":\"2019-03-01\"}");
            for (String on : new String[]{"2019-06-01", "2021-01-01", "2023-01-01"}) {
                String path = "/api/accountabilities/" + id + "?on=" + on;
                answers.put(path, UpgradedAnswers.withoutAsOf(s.read(path)));
                assertThat(answers.get(path).get("accepted").asBoolean()).as(on).isTrue();
            }
        }

        // The store as the version before left it: no holder's period accepted.
        JdbcClient db = UpgradedAnswers.db(database);
        assertThat(db.sql("UPDATE q_accountability SET accepted_on = NULL, former_holders = (SELECT jsonb_agg("
                        + "jsonb_set(h, '{acceptedOn}', 'null') ORDER BY n) FROM jsonb_array_elements(former_holders) "
                        + "WITH ORDINALITY AS x(h, n)) WHERE accountability_id = ? AND valid_to IS NULL")
                .param(id).update()).isEqualTo(1);
        UpgradedAnswers.expectSameAfterUpgrade(database, 115, answers);
    }

    @Test
    void aStoreWhoseAcceptancesAreOnOrAfterTheOfficeBeganIsNotRebuilt() {
        TestDatabases.Database database = TestDatabases.fresh();
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = cheshire(app, "early-accept-kept");
            String id = passedOnTwice(s);
            s.post("/api/accountabilities/" + id + "/acceptance", "{\"on\":\"2019-04-01\"}");
            s.read("/api/partnerships/" + s.pid + "/gaps");
        }
        UpgradedAnswers.expectNoRebuild(database, 115);
    }
}
