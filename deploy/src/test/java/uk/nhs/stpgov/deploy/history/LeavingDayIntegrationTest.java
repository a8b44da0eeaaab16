package uk.nhs.stpgov.deploy.history;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.MigrationStatements;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member's leaving day (a withdrawal or a succession) is its last day as a member, so it cannot come before a day
 * an act already on record names it as one: found twice by an outside tester, who recorded a decision taken by a CCG
 * in 2019, then its succession in 2018 (200), after which the same decision could no longer be recorded. The answer
 * is 409 naming the act, and nothing is written; what a succession passes on still passes.
 */
@IntegrationTest
class LeavingDayIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api api;
    EventStore store;
    JdbcTemplate jdbc;
    String pid;
    String p;

    @BeforeEach
    void leedsIn2016() {
        api = new Api(port);
        store = new EventStore(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        pid = "leaving-" + UUID.randomUUID().toString().substring(0, 8);
        p = "/api/partnerships/" + pid;
        api.ok("/api/partnerships", """
                {"id":"%s","name":"West Yorkshire and Harrogate","region":"North East and Yorkshire"}""".formatted(pid));
        member("RR8", "Leeds Teaching Hospitals NHS Trust", "NHS_TRUST");
        member("02V", "NHS Leeds North CCG", "CCG");
        member("E08000032", "Bradford Metropolitan District Council", "LOCAL_AUTHORITY");
    }

    private void member(String ods, String name, String sector) {
        api.ok(p + "/members", """
                {"odsCode":"%s","name":"%s","sector":"%s","joinedOn":"2016-03-01"}""".formatted(ods, name, sector));
    }

    private String decision(String deciding, String decidedOn, String reference) {
        return api.id(p + "/decisions", """
                {"title":"Leeds place plan","theme":"FINANCE","decidingOdsCodes":%s,"outcome":"APPROVED",
                 "decidedOn":"%s"%s}""".formatted(deciding, decidedOn,
                reference == null ? "" : ",\"reference\":\"" + reference + "\""));
    }

    /** A 409 rule-violation problem whose detail names the act, and not one event written. */
    private void refusedNamingTheAct(String path, String body, String... named) {
        long events = store.count();
        Api.Answer refused = api.post(path, body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("type").asText()).endsWith("/rule-violation");
        assertThat(refused.json().get("detail").asText()).contains(named);
        assertThat(store.count()).as("nothing written").isEqualTo(events);
    }

    @Test
    void aSuccessionBeforeADecisionThePredecessorTookIs409AndWritesNothing() {
        String decision = decision("[\"02V\"]", "2019-06-01", "JC/2019/012");
        List<String> before = store.typesOf(pid);

        refusedNamingTheAct(p + "/members/02V/succession", """
                        {"successorOdsCode":"15F","successorName":"NHS Leeds CCG","sector":"CCG","on":"2018-04-01",
                         "reason":"Leeds CCGs merged"}""",
                "02V cannot be succeeded on 2018-04-01",
                "02V is named as a member on 2019-06-01 by decision " + decision + " (JC/2019/012)");

        assertThat(store.typesOf(pid)).isEqualTo(before);
        // 02V is still a member: another decision it takes later is recorded, and 15F never joined.
        assertThat(api.post(p + "/decisions", """
                {"title":"t","theme":"FINANCE","decidingOdsCodes":["02V"],"outcome":"NOTED","decidedOn":"2020-01-01"}""")
                .status()).isEqualTo(201);
        assertThat(api.post(p + "/decisions", """
                {"title":"t","theme":"FINANCE","decidingOdsCodes":["15F"],"outcome":"NOTED","decidedOn":"2020-01-01"}""")
                .status()).isEqualTo(409);
        // Its last act's day may be its last as a member.
        Api.Answer onTheDay = api.post(p + "/members/02V/succession", """
                {"successorOdsCode":"15F","successorName":"NHS Leeds CCG","sector":"CCG","on":"2020-01-01",
                 "reason":"Leeds CCGs merged"}""");
        assertThat(onTheDay.status()).as(onTheDay.body()).isEqualTo(200);
    }

    @Test
    void aWithdrawalBeforeADecisionTheMemberTookIs409AndWritesNothing() {
        String decision = decision("[\"E08000032\",\"RR8\"]", "2019-06-01", null);

        refusedNamingTheAct(p + "/members/E08000032/withdrawal", """
                        {"on":"2017-01-01","reason":"Council left the partnership"}""",
                "E08000032 cannot withdraw on 2017-01-01",
                "E08000032 is named as a member on 2019-06-01 by decision " + decision + ", as a deciding body");

        // Still a member (it could not withdraw twice): it may leave on the day of its last act.
        Api.Answer onTheDay = api.post(p + "/members/E08000032/withdrawal", """
                {"on":"2019-06-01","reason":"Council left the partnership"}""");
        assertThat(onTheDay.status()).as(onTheDay.body()).isEqualTo(200);
    }

    /**
     * Every kind of act names its body on its day: each stops a withdrawal dated the day before it (one member per
     * act, each a member since 2016), and the answer names it.
     */
    @Test
    void everyKindOfActOnRecordStopsAnEarlierWithdrawal() {
        String forum = api.id(p + "/forums", """
                {"name":"Leeds Committee","kind":"JOINT_COMMITTEE","memberOdsCodes":["RR8"],"themes":["FINANCE"],
                 "establishedOn":"2016-05-05"}""");
        Map<String, Supplier<String>> acts = new LinkedHashMap<>();
        acts.put("a position", () -> {
            String id = api.id(p + "/decisions", """
                    {"title":"t","theme":"FINANCE","decidingOdsCodes":["RR8"],"outcome":"NOTED","decidedOn":"2019-06-01",
                     "positions":[{"odsCode":"ACT01","position":"OPPOSES"}]}""");
            return "decision " + id + ", which records its position";
        });
        acts.put("a ratification", () -> {
            String id = decision("[\"ACT02\"]", "2019-05-01", null);
            api.ok("/api/decisions/" + id + "/ratifications", "{\"odsCode\":\"ACT02\",\"ratifiedOn\":\"2019-06-01\"}");
            return "its ratification of decision " + id;
        });
        acts.put("a refusal to ratify", () -> {
            String id = decision("[\"ACT03\"]", "2019-05-01", null);
            api.ok("/api/decisions/" + id + "/ratifications", """
                    {"odsCode":"ACT03","ratifiedOn":"2019-06-01","declined":true,"reason":"Not affordable"}""");
            return "its refusal to ratify decision " + id;
        });
        acts.put("an accountability held from the day", () -> "accountability " + api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"RISK"},"role":"RESPONSIBLE","odsCode":"ACT04","post":"Director",
                 "effectiveFrom":"2019-06-01"}""") + ", as its holder from that day");
        acts.put("an acceptance", () -> {
            String id = api.id(p + "/accountabilities", """
                    {"subject":{"type":"THEME","ref":"VISION"},"role":"RESPONSIBLE","odsCode":"ACT05","post":"Director",
                     "effectiveFrom":"2018-01-01"}""");
            api.ok("/api/accountabilities/" + id + "/acceptance", "{\"on\":\"2019-06-01\"}");
            return "accountability " + id + ", which it accepted that day";
        });
        acts.put("a transfer", () -> {
            String id = api.id(p + "/accountabilities", """
                    {"subject":{"type":"THEME","ref":"ENGAGEMENT"},"role":"RESPONSIBLE","odsCode":"RR8","post":"Director",
                     "effectiveFrom":"2018-01-01"}""");
            api.ok("/api/accountabilities/" + id + "/transfer", """
                    {"odsCode":"ACT06","post":"Director of Strategy","on":"2019-06-01"}""");
            return "accountability " + id + ", transferred to it that day";
        });
        acts.put("a confidence answer", () -> {
            String id = api.id(p + "/confidence", """
                    {"question":"How confident are you in the partnership's governance?","respondentOdsCode":"ACT07",
                     "respondentRole":"Chief Executive","level":"LOW","reason":"Unclear roles","on":"2019-06-01"}""");
            return "confidence answer " + id + ", as the respondent's organisation";
        });
        acts.put("a service change it leads", () -> "service change " + api.id(p + "/service-changes", """
                {"title":"Stroke services","kind":"RECONFIGURATION","themes":["FINANCE"],"leadOdsCode":"ACT08",
                 "proposedOn":"2019-06-01"}""") + ", as its lead");
        acts.put("a forum's terms", () -> {
            api.ok(p + "/forums/" + forum + "/terms", """
                    {"memberOdsCodes":["RR8","ACT09"],"themes":["FINANCE"],"on":"2019-06-01"}""");
            return "the terms of forum " + forum + " from that day, which seat it";
        });
        acts.put("a delegation", () -> "delegation " + api.id(p + "/forums/" + forum + "/delegations", """
                {"fromOdsCode":"ACT09","themes":["FINANCE"],"effectiveFrom":"2019-07-01"}""") + " to forum " + forum);
        int n = 0;
        for (Map.Entry<String, Supplier<String>> act : acts.entrySet()) {
            String ods = act.getKey().equals("a delegation") ? "ACT09" : "ACT0" + ++n;
            if (!act.getKey().equals("a delegation")) {
                member(ods, "Member for " + act.getKey(), "NHS_TRUST");
            }
            String named = act.getValue().get();
            String day = act.getKey().equals("a delegation") ? "2019-07-01" : "2019-06-01";
            String dayBefore = act.getKey().equals("a delegation") ? "2019-06-30" : "2019-05-31";
            refusedNamingTheAct(p + "/members/" + ods + "/withdrawal",
                    "{\"on\":\"" + dayBefore + "\",\"reason\":\"Left\"}",
                    ods + " is named as a member on " + day + " by " + named);
        }
    }

    /**
     * A succession passes on what the predecessor holds, however late it starts (an accountability from a later
     * day, a live delegation, a ratification it still owes): none of that stops it. What the predecessor itself did
     * after the day does (here it ratified a decision), and the succession dated that day passes everything.
     */
    @Test
    void aSuccessionIsStoppedOnlyByThePredecessorsOwnLaterActs() {
        String forum = api.id(p + "/forums", """
                {"name":"Leeds Committee","kind":"JOINT_COMMITTEE","memberOdsCodes":["RR8","02V"],"themes":["FINANCE"],
                 "establishedOn":"2016-05-05"}""");
        String delegation = api.id(p + "/forums/" + forum + "/delegations", """
                {"fromOdsCode":"02V","themes":["FINANCE"],"effectiveFrom":"2017-04-01"}""");
        String later = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"02V",
                 "post":"Chief Finance Officer","effectiveFrom":"2019-01-01"}""");
        String owed = decision("[\"RR8\",\"02V\"]", "2018-02-01", "JC/2018/004");
        String answered = decision("[\"RR8\",\"02V\"]", "2018-01-10", "JC/2018/001");
        api.ok("/api/decisions/" + answered + "/ratifications", "{\"odsCode\":\"02V\",\"ratifiedOn\":\"2018-05-01\"}");
        String succession = """
                {"successorOdsCode":"15F","successorName":"NHS Leeds CCG","sector":"CCG","on":"%s",
                 "reason":"Leeds CCGs merged"}""";

        refusedNamingTheAct(p + "/members/02V/succession", succession.formatted("2018-04-01"),
                "02V is named as a member on 2018-05-01 by its ratification of decision " + answered
                        + " (JC/2018/001)");

        Api.Answer succeeded = api.post(p + "/members/02V/succession", succession.formatted("2018-05-01"));
        assertThat(succeeded.status()).as(succeeded.body()).isEqualTo(200);
        JsonNode transfer = store.of(later).get(1).payload();
        assertThat(transfer.get("odsCode").asText()).isEqualTo("15F");
        assertThat(transfer.get("on").asText()).as("it passes on its own start").isEqualTo("2019-01-01");
        assertThat(store.typesOf(owed)).containsExactly("DecisionRecorded", "DecisionRatifierSucceeded");
        assertThat(store.of(pid).stream().filter(e -> e.type().equals("AuthorityDelegated"))
                .filter(e -> delegation.equals(e.payload().path("previousDelegationId").asText()))
                .map(e -> e.payload().get("fromOdsCode").asText()).toList()).containsExactly("15F");
    }

    @Test
    void aSeatASuccessionCarriedDoesNotStopAnEarlierWithdrawalAndTheForumOnLaterDaysLeavesTheBodyOut() {
        // The outside tester's story: a forum seating a CCG, a trust and a carers' charity; the CCG's succession by
        // the ICB in 2022 wrote the forum's terms again, carrying every seat; the charity's 2021 withdrawal,
        // loaded after, was refused for good (even after new 2021 terms without it), naming the 2022 terms.
        member("VAB01", "Carers' Leeds, Voluntary Action", "VOLUNTARY_SECTOR");
        String forum = api.id(p + "/forums", """
                {"name":"Leeds Committee","kind":"JOINT_COMMITTEE","memberOdsCodes":["RR8","02V","VAB01"],
                 "themes":["FINANCE"],"establishedOn":"2017-05-05"}""");
        api.ok(p + "/members/02V/succession", """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");

        Api.Answer withdrew = api.post(p + "/members/VAB01/withdrawal",
                "{\"on\":\"2021-03-31\",\"reason\":\"Charity wound up\"}");
        assertThat(withdrew.status()).as(withdrew.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(forumMembers(forum, "2021-03-31")).containsExactly("RR8", "02V", "VAB01");
            assertThat(forumMembers(forum, "2022-07-01")).containsExactly("RR8", "QWO");
            assertThat(forumMembers(forum, null)).containsExactly("RR8", "QWO");
        });
    }

    private List<String> forumMembers(String forumId, String on) {
        JsonNode partnership = api.get(p + (on == null ? "" : "?on=" + on)).json();
        for (JsonNode forum : partnership.get("forums")) {
            if (forum.get("id").asText().equals(forumId)) {
                List<String> members = new java.util.ArrayList<>();
                forum.get("memberOdsCodes").forEach(m -> members.add(m.asText()));
                return members;
            }
        }
        throw new AssertionError("no forum " + forumId + " in " + partnership);
    }

    /** V101 fills the acts from the events already stored: emptied and filled again, they are the projection's. */
    @Test
    void theV101BackfillWritesTheRowsTheRegistryWrites() {
        decision("[\"02V\"]", "2019-06-01", "JC/2019/012");
        String accountability = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"02V",
                 "post":"Chief Finance Officer","effectiveFrom":"2019-01-01"}""");
        api.ok("/api/accountabilities/" + accountability + "/acceptance", "{\"on\":\"2019-02-01\"}");
        api.ok(p + "/confidence", """
                {"question":"How confident are you?","respondentOdsCode":"RR8","respondentRole":"Chief Executive",
                 "level":"HIGH","reason":"Clear roles","on":"2019-03-01"}""");
        api.ok(p + "/members/02V/succession", """
                {"successorOdsCode":"15F","successorName":"NHS Leeds CCG","sector":"CCG","on":"2019-06-01",
                 "reason":"Leeds CCGs merged"}""");
        List<String> written = acts();
        assertThat(written).hasSize(5).anyMatch(row -> row.contains("\"PASSED\""));

        jdbc.update("DELETE FROM cmd_member_act WHERE partnership_id = ?", pid);
        backfill().forEach(jdbc::execute);

        assertThat(acts()).isEqualTo(written);
    }

    private List<String> acts() {
        return jdbc.queryForList("SELECT to_jsonb(a)::text FROM cmd_member_act a WHERE partnership_id = ? "
                + "ORDER BY ods_code, acted_on, act, record_id", String.class, pid);
    }

    /** The INSERT statements of V101, as Flyway runs them. */
    private static List<String> backfill() {
        List<String> statements = MigrationStatements.of("V101__command_member_acts.sql", "INSERT");
        assertThat(statements).hasSize(6);
        return statements;
    }
}
