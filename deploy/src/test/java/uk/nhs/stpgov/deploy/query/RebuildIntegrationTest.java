package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding every projection from the first event gives exactly the same answers to every query. */
@IntegrationTest
@TestPropertySource(properties = "stpgov.rebuild.claim-wait=4s")
class RebuildIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReplayFromZeroAnswersEveryQueryIdentically() {
        Scenario s = new Scenario(new Api(port), "rebuild").leedsMembers();
        String forum = s.forum("Leeds Committee", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]", "[\"FINANCE\",\"DECISIONS\"]");
        s.delegate(forum, "15F", "[\"FINANCE\"]", "2019-04-01");
        String change = s.serviceChange("Maternity: single midwife-led unit", "BED_REDUCTION", "RR8");
        for (String test : List.of("GP_COMMISSIONER_SUPPORT", "PUBLIC_ENGAGEMENT", "CLINICAL_EVIDENCE",
                "PATIENT_CHOICE", "BED_CLOSURE")) {
            s.post("/api/service-changes/" + change + "/assurance-tests",
                    "{\"test\":\"" + test + "\",\"result\":\"MET\",\"evidence\":\"Board paper, 12 March\",\"assessedOn\":\"2019-03-12\",\"assessor\":\"NHS England regional team\"}");
        }
        s.post("/api/service-changes/" + change + "/stage", "{\"stage\":\"ENGAGEMENT\"}");
        String first = s.decision("Capital bid", "FINANCE", forum, "[\"RR8\",\"15F\"]", LocalDate.of(2019, 5, 1), null);
        // 15F is bound by its delegation; RR8 owes the ratification.
        s.post("/api/decisions/" + first + "/ratifications", "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"2019-05-20\"}");
        String second = s.decision("Capital bid, revised", "FINANCE", forum, "[\"RR8\",\"15F\"]", LocalDate.of(2019, 8, 1), first);
        String accountable = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer",
                LocalDate.of(2019, 4, 1), LocalDate.of(2020, 4, 1), false);
        s.post("/api/accountabilities/" + accountable + "/acceptance", "{\"on\":\"2019-04-03\"}");
        s.accountable("SERVICE_CHANGE", change, "RESPONSIBLE", "RR8", "Head of Midwifery", LocalDate.of(2019, 4, 1), null, false);
        s.post("/api/partnerships/" + s.pid + "/members/15F/withdrawal", "{\"on\":\"2020-06-30\",\"reason\":\"ICB\"}");
        s.post("/api/accountabilities/" + accountable + "/transfer", "{\"odsCode\":\"RR8\",\"post\":\"CFO\",\"on\":\"2020-07-01\"}");
        s.post("/api/partnerships/" + s.pid + "/theme-assessments",
                "{\"theme\":\"FINANCE\",\"rating\":\"DEVELOPING\",\"assessedOn\":\"2019-06-30\",\"answers\":{\"FINANCE-1\":\"Yes\"}}");
        s.post("/api/partnerships/" + s.pid + "/confidence",
                "{\"question\":\"How confident are you in the partnership's governance?\",\"respondentOdsCode\":\"RR8\",\"on\":\"2019-07-01\",\"respondentRole\":\"Director of Finance\",\"level\":\"LOW\",\"reason\":\"No risk share\"}");
        String p = "/api/partnerships/" + s.pid;
        JsonNode timeline = s.read(p + "/timeline");
        assertThat(timeline).hasSize(25);
        // Each line of a change's test or move names the change (the rebuild below writes them the same).
        assertThat(timeline.findValuesAsText("summary")).contains(
                "Assurance test of Maternity: single midwife-led unit: BED_CLOSURE MET (assessed 2019-03-12)",
                "Service change Maternity: single midwife-led unit moved from PROPOSED to ENGAGEMENT");

        String asOf = s.api().get(p + "/accountability-map").json().get("asOf").asText();
        List<String> queries = List.of(p + "?asOf=" + asOf, p + "/accountability-map?asOf=" + asOf,
                p + "/gaps?asOf=" + asOf, p + "/decisions?asOf=" + asOf, p + "/timeline", p + "/assessments",
                p + "/accountability-map.csv?asOf=" + asOf, p + "/decisions.csv?asOf=" + asOf,
                "/api/decisions/" + first + "?asOf=" + asOf, "/api/decisions/" + second + "?asOf=" + asOf,
                "/api/service-changes/" + change + "?asOf=" + asOf, "/api/accountabilities/" + accountable + "?asOf=" + asOf,
                "/api/gaps?asOf=" + asOf, "/api/partnerships", p + "/decisions", p + "/decisions?limit=1",
                // Pages and business dates: the same pages, in the same order, and the same answers on a past day.
                p + "/accountability-map?asOf=" + asOf + "&limit=2", p + "/accountability-map?asOf=" + asOf
                        + "&on=2019-06-01", p + "/accountability-map?asOf=" + asOf + "&on=2020-08-01&gapKind=NOT_ACCEPTED",
                p + "/gaps?asOf=" + asOf + "&on=2019-06-01", p + "/decisions?asOf=" + asOf + "&limit=1",
                p + "/timeline?limit=5", p + "?asOf=" + asOf + "&on=2019-06-01");
        Map<String, String> before = answers(s.api(), queries);
        JsonNode currentMap = currentMap(s.api(), p);

        assertThat(s.api().post("/api/admin/replays", "{}").status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(s.api().get("/api/admin/replays").json().get("state").asText()));
        JsonNode progress = s.api().get("/api/admin/replays").json();
        assertThat(progress.get("processors")).extracting(processor -> processor.get("name").asText()).containsExactly("projections");
        progress.get("processors").forEach(processor -> {
            assertThat(processor.get("percent").asInt()).isEqualTo(100);
            assertThat(processor.get("done").asLong()).isEqualTo(processor.get("total").asLong());
        });

        assertThat(answers(s.api(), queries)).isEqualTo(before);
        assertThat(currentMap(s.api(), p)).as("the current map, kept before the rebuild and read again after it")
                .isEqualTo(currentMap);
    }

    @Test
    void aRebuildWhileAnotherInstanceKeepsHoldingASegmentIsRefusedAndProjectingGoesOn() throws Exception {
        Scenario s = new Scenario(new Api(port), "refused-rebuild").leedsMembers();
        String p = "/api/partnerships/" + s.pid;
        int timeline = s.read(p + "/timeline").size();
        // Another instance holds segment 0 and keeps renewing its claim without heeding rebuild requests (as a
        // version from before them would).
        AtomicBoolean holding = new AtomicBoolean(true);
        Thread other = new Thread(() -> {
            while (holding.get()) {
                jdbc.update("UPDATE tokenentry SET owner = 'other-instance', timestamp = ? "
                        + "WHERE processorname = 'projections' AND segment = 0", Instant.now().toString());
                LockSupport.parkNanos(200_000_000);
            }
        });
        other.start();
        Api.Answer refused;
        try {
            refused = s.api().post("/api/admin/replays", "{}");
        } finally {
            holding.set(false);
            other.join();
        }

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).contains("other-instance");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebuild_request", Long.class)).isZero();
        // Nothing was reset, and this instance goes on projecting with the segments it can claim: once the other
        // instance lets segment 0 go, a new event of this partnership (whatever its segment) is answered.
        jdbc.update("UPDATE tokenentry SET owner = NULL WHERE processorname = 'projections' AND segment = 0");
        s.forum("Leeds Joint Committee", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]", "[\"FINANCE\"]");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.api().get(p + "/timeline").json().size() == timeline + 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "DONE".equals(s.api().get("/api/admin/replays").json().get("state").asText()));
    }

    @Test
    void aRebuildTakesOverAClaimLeftByAnInstanceThatDied() {
        Scenario s = new Scenario(new Api(port), "claim-left").leedsMembers();
        String p = "/api/partnerships/" + s.pid;
        int timeline = s.read(p + "/timeline").size();
        // Claimed a moment ago by an instance that is gone: the claim expires (10 s) within the wait for segments.
        jdbc.update("UPDATE tokenentry SET owner = 'killed-instance', timestamp = ? WHERE processorname = 'projections' "
                + "AND segment = 0", Instant.now().minusSeconds(8).toString());

        assertThat(s.api().post("/api/admin/replays", "{}").status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(s.api().get("/api/admin/replays").json().get("state").asText()));
        assertThat(s.api().get(p + "/timeline").json().size()).isEqualTo(timeline);
    }

    @Test
    void aRebuildDropsTheQueryIndexesAndBuildsThemAgainAsTheyWere() {
        Scenario s = new Scenario(new Api(port), "deferred-indexes").leedsMembers();
        s.forum("Leeds Committee", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]", "[\"FINANCE\"]");
        Map<String, Index> before = indexes();
        assertThat(marked()).as("the indexes V93 and V107 mark as read by queries only").hasSize(14);

        assertThat(s.api().post("/api/admin/replays", "{}").status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(s.api().get("/api/admin/replays").json().get("state").asText()));

        Map<String, Index> after = indexes();
        assertThat(after.keySet()).as("every index of the read models").isEqualTo(before.keySet());
        List<String> marked = marked();
        assertThat(marked).hasSize(14);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rebuild_deferred_index", Long.class)).isZero();
        // Dropped and built again as they were: new objects for the marked ones; the indexes the projections read
        // by stayed.
        before.forEach((name, index) -> {
            assertThat(after.get(name).definition()).as(name).isEqualTo(index.definition());
            if (marked.contains(name)) {
                assertThat(after.get(name).oid()).as(name).isNotEqualTo(index.oid());
            } else {
                assertThat(after.get(name).oid()).as(name).isEqualTo(index.oid());
            }
        });
        assertThat(s.api().get("/api/admin/replays").json().get("indexesToBuild").asLong()).isZero();
    }

    @Test
    void queryIndexesLeftDroppedByAnInstanceThatDiedMidRebuildAreBuiltAgain() {
        Map<String, String> before = definitions();
        // What an instance killed during a rebuild leaves: an index dropped, its definition kept; and one built again
        // whose table it did not analyse.
        jdbc.execute("BEGIN; INSERT INTO rebuild_deferred_index (name, definition) "
                + "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = 'q_decision_page'; "
                + "DROP INDEX q_decision_page; INSERT INTO rebuild_deferred_index (name, definition, built) "
                + "SELECT indexname, indexdef, true FROM pg_indexes WHERE indexname = 'q_member_history'; COMMIT");
        assertThat(definitions()).doesNotContainKey("q_decision_page");

        // The definitions are kept until the tables are analysed too, after the index is built: wait for both (on a
        // loaded machine the check right after the index was built saw them still there).
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> definitions().equals(before)
                        && jdbc.queryForObject("SELECT count(*) FROM rebuild_deferred_index", Long.class) == 0);
        assertThat(marked()).contains("q_decision_page");
    }

    private record Index(String definition, long oid) {
    }

    /** The read models' indexes by name, with their definitions and object ids. */
    private Map<String, Index> indexes() {
        Map<String, Index> indexes = new java.util.TreeMap<>();
        jdbc.query("SELECT indexname, indexdef, (quote_ident(indexname))::regclass::oid::bigint FROM pg_indexes "
                + "WHERE schemaname = current_schema() AND tablename LIKE 'q\\_%'", rs -> {
            indexes.put(rs.getString(1), new Index(rs.getString(2), rs.getLong(3)));
        });
        return indexes;
    }

    private Map<String, String> definitions() {
        Map<String, String> definitions = new java.util.TreeMap<>();
        indexes().forEach((name, index) -> definitions.put(name, index.definition()));
        return definitions;
    }

    private List<String> marked() {
        return jdbc.queryForList("SELECT c.relname FROM pg_class c WHERE c.relkind = 'i' "
                + "AND obj_description(c.oid, 'pg_class') = 'stpgov: queries only' ORDER BY 1", String.class);
    }

    /** The current map without the instant of the answer. */
    private static JsonNode currentMap(Api api, String partnership) {
        com.fasterxml.jackson.databind.node.ObjectNode map = Scenario.readOk(api, partnership + "/accountability-map")
                .deepCopy();
        map.remove("asOf");
        return map;
    }

    private static Map<String, String> answers(Api api, List<String> queries) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String query : queries) {
            Api.Answer answer = api.get(query);
            assertThat(answer.status()).as(query).isEqualTo(200);
            answers.put(query, answer.body());
        }
        return answers;
    }
}
