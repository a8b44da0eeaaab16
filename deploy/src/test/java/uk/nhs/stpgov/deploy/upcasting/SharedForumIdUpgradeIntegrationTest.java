package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Before V98 a delegation refreshed into a partnership's map the decisions of every partnership with a forum of the
 * same id. V98 rebuilds the read models of a store where a forum id is shared, on the first start of this version,
 * and leaves any other store as it is.
 */
class SharedForumIdUpgradeIntegrationTest {

    @Test
    void aStoreWhereTwoPartnershipsShareAForumIdIsRebuiltWithoutTheOthersDecisions() {
        TestDatabases.Database database = TestDatabases.fresh();
        String forumId = UUID.randomUUID().toString();
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        List<String> pids = new ArrayList<>();
        String theirs;
        try (RunningApp app = RunningApp.on(database)) {
            Api api = app.api();
            List<Scenario> partnerships = List.of(new Scenario(api, "shared").leedsMembers(),
                    new Scenario(api, "shared").leedsMembers());
            List<String> decisions = new ArrayList<>();
            for (Scenario s : partnerships) {
                pids.add(s.pid);
                s.post("/api/partnerships/" + s.pid + "/forums", """
                        {"id":"%s","name":"Leeds Committees in Common","kind":"COMMITTEES_IN_COMMON",
                         "memberOdsCodes":["RR8","15F"],"themes":["FINANCE"]}""".formatted(forumId));
                decisions.add(s.decision("Recovery plan of " + s.pid, "FINANCE", forumId, "[\"RR8\",\"15F\"]",
                        LocalDate.of(2019, 6, 1), null));
                s.delegate(forumId, "15F", "[\"FINANCE\"]", "2019-01-01");
            }
            theirs = decisions.get(1);
            for (String pid : pids) {
                for (String path : List.of("/api/partnerships/" + pid + "/accountability-map?limit=1000",
                        "/api/partnerships/" + pid + "/accountability-map?on=2019-07-01", "/api/partnerships/" + pid
                                + "/gaps")) {
                    answers.put(path, UpgradedAnswers.withoutAsOf(Scenario.readOk(api, path)));
                }
            }
        }

        // The store as the version before left it: the second partnership's decision also on the first's map (its
        // delegation refreshed every decision of that forum id), and none of V96 to V99 applied.
        JdbcClient db = UpgradedAnswers.db(database);
        db.sql("""
                INSERT INTO q_map_subject (partnership_id, subject_type, subject_ref, sort_key, title, theme, themes,
                    ods_codes, holders, gaps, gap_kinds, valid_from, valid_to)
                SELECT ?, subject_type, subject_ref, sort_key, title, theme, themes, ods_codes, holders, gaps,
                       gap_kinds, valid_from, valid_to
                FROM q_map_subject WHERE partnership_id = ? AND subject_ref = ?""")
                .params(pids.get(0), pids.get(1), theirs).update();
        db.sql("UPDATE q_partnership_version SET version = version + 1").update();
        UndoneMigrations.since(db, 96);
        String first = "/api/partnerships/" + pids.get(0) + "/accountability-map?limit=1000";

        try (RunningApp app = RunningApp.on(database)) {
            UpgradedAnswers.expectSame(app.api(), answers);
            assertThat(app.api().get(first).body()).doesNotContain(theirs);
        }
    }

    @Test
    void aStoreWithoutSharedForumIdsIsLeftAsItIs() {
        TestDatabases.Database database = TestDatabases.fresh();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").target("95").load().migrate();
        JdbcClient db = UpgradedAnswers.db(database);
        for (String pid : List.of("leeds", "bradford")) {
            db.sql("INSERT INTO q_forum (partnership_id, forum_id, name, kind, member_ods_codes, themes, recorded_at, "
                    + "seq) VALUES (?, ?, 'Board', 'PARTNERSHIP_BOARD', '{RR8}', '{FINANCE}', now(), 1)")
                    .params(pid, UUID.randomUUID().toString()).update();
        }
        db.sql("INSERT INTO tokenentry (processorname, segment) VALUES ('projections', 0)").update();

        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").load().migrate();

        assertThat(db.sql("SELECT count(*) FROM q_forum").query(Long.class).single()).isEqualTo(2);
        assertThat(db.sql("SELECT count(*) FROM tokenentry").query(Long.class).single()).isEqualTo(1);
    }
}
