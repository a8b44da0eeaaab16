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
 * A pending ratification passes to a successor that was already a member on the succession day. Before, the map named
 * that successor as owing on every day since the decision (a trust absorbed by another, 2019: "Not ratified by
 * [RNN (successor of RNL), RNN]" on a day in 2018). V105 rebuilds the read models of a store holding such a merger.
 * And the body that absorbs another keeps its own name: it had taken the name typed on the succession for every day
 * of its history; V113 rebuilds such a store.
 */
class MergerIntoMemberUpgradeIntegrationTest {

    @Test
    void eachDayNamesTheBodyThatOwedTheRatificationThenAndAStoreWithSuchAMergerIsRebuilt() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        String decision;
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = new Scenario(app.api(), "merger")
                    .member("RNL", "North Cumbria University Hospitals NHS Trust", "NHS_TRUST", "2016-04-01")
                    .member("RNN", "Cumbria Partnership NHS Foundation Trust", "FOUNDATION_TRUST", "2016-04-01");
            decision = s.decision("Single clinical strategy for acute and community services", "FINANCE", null,
                    "[\"RNL\",\"RNN\"]", LocalDate.of(2018, 3, 1), null);
            s.post("/api/partnerships/" + s.pid + "/members/RNL/succession", """
                    {"successorOdsCode":"RNN","successorName":"North Cumbria Integrated Care NHS Foundation Trust",
                     "sector":"FOUNDATION_TRUST","on":"2019-10-01","reason":"Merger of the two trusts"}""");
            for (String on : new String[]{"2018-06-01", "2019-09-30", "2019-10-01", "2020-01-01"}) {
                String path = "/api/partnerships/" + s.pid + "/gaps?on=" + on;
                answers.put(path, UpgradedAnswers.withoutAsOf(s.read(path)));
            }
            assertThat(answers.get("/api/partnerships/" + s.pid + "/gaps?on=2019-09-30").toString())
                    .contains("Not ratified by [RNL, RNN]").doesNotContain("successor of");
            assertThat(answers.get("/api/partnerships/" + s.pid + "/gaps?on=2019-10-01").toString())
                    .contains("Not ratified by [RNN] 30 days");
        }

        // The store as the version before left it: the successor named on every day, V105 not applied.
        JdbcClient db = UpgradedAnswers.db(database);
        assertThat(db.sql("UPDATE q_map_subject SET gaps = replace(gaps::text, '[RNL, RNN]', "
                        + "'[RNN (successor of RNL), RNN]')::jsonb WHERE subject_ref = ? AND valid_to IS NULL "
                        + "AND gaps::text LIKE '%[RNL, RNN]%'")
                .param(decision).update()).isEqualTo(1);
        UpgradedAnswers.expectSameAfterUpgrade(database, 105, answers);
    }

    @Test
    void aBodyThatAbsorbedAnotherHasItsOwnNameAgainAfterTheUpgrade() {
        TestDatabases.Database database = TestDatabases.fresh();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        String pid;
        try (RunningApp app = RunningApp.on(database)) {
            Scenario s = new Scenario(app.api(), "merger-name")
                    .member("02D", "NHS Vale Royal CCG", "CCG", "2016-04-01")
                    .member("27D", "NHS Cheshire CCG", "CCG", "2016-04-01");
            pid = s.pid;
            s.post("/api/partnerships/" + s.pid + "/members/02D/succession", """
                    {"successorOdsCode":"27D","successorName":"NHS Cheshire Clinical Commissioning Group (typo)",
                     "sector":"CCG","on":"2020-04-01","reason":"CCG merger"}""");
            for (String on : new String[]{"2018-06-01", "2021-01-01"}) {
                String path = "/api/partnerships/" + s.pid + "?on=" + on;
                answers.put(path, UpgradedAnswers.withoutAsOf(s.read(path)));
            }
            assertThat(answers.get("/api/partnerships/" + s.pid + "?on=2018-06-01").toString())
                    .contains("NHS Cheshire CCG").doesNotContain("(typo)");
        }

        // The store as the version before left it: the absorbing body renamed, V113 not applied.
        JdbcClient db = UpgradedAnswers.db(database);
        assertThat(db.sql("UPDATE q_member SET name = 'NHS Cheshire Clinical Commissioning Group (typo)' "
                + "WHERE partnership_id = ? AND ods_code = '27D'").param(pid).update()).isPositive();
        UpgradedAnswers.expectSameAfterUpgrade(database, 113, answers);
    }
}
