package uk.nhs.stpgov.deploy.history;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that left and was admitted again keeps its earlier membership on the query side, as on the command side
 * (an outside tester found it lost twice): the member, the map's gaps and the decisions' bindings judge a day by the
 * period of membership covering it (DESIGN §1, §4), and a rebuild from zero answers the same.
 */
@IntegrationTest
@TestPropertySource(properties = "stpgov.rebuild.claim-wait=4s")
class ReadmissionIntegrationTest {
    private static final String COUNCIL = "E10000006";

    @LocalServerPort
    int port;

    private Scenario cumbria(String prefix) {
        return new Scenario(new Api(port), prefix)
                .member("RNL", "North Cumbria University Hospitals NHS Trust", "NHS_TRUST", "2016-04-01")
                .member("RNN", "Cumbria Partnership NHS Foundation Trust", "FOUNDATION_TRUST", "2016-04-01")
                .member(COUNCIL, "Cumbria County Council", "LOCAL_AUTHORITY", "2016-04-01");
    }

    private static String decide(Scenario s, String ods, String decidedOn) {
        return s.api().id("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Capital plan %s","theme":"FINANCE","decidingOdsCodes":["%s"],"outcome":"APPROVED",
                 "rationale":"Agreed at board","decidedOn":"%s"}""".formatted(decidedOn, ods, decidedOn));
    }

    /** The outside tester's council: withdrew 2018-03-31, admitted again 2019-01-01, a decision of 2017 recorded. */
    @Test
    void aCouncilAdmittedAgainKeepsItsEarlierMembershipOnEveryAnswer() {
        Scenario s = cumbria("readmitted");
        String p = "/api/partnerships/" + s.pid;
        String consulted = s.accountable("THEME", "FINANCE", "CONSULTED", COUNCIL, "Director of Resources",
                LocalDate.of(2017, 1, 1), null, false);
        s.post(p + "/members/" + COUNCIL + "/withdrawal", "{\"on\":\"2018-03-31\",\"reason\":\"Left the board\"}");
        assertThat(withdrawnHolder(s, "2018-06-01")).as("between its periods, before the re-admission")
                .isEqualTo("2018-04-01");
        Instant between = Instant.now();
        s.post(p + "/members", """
                {"odsCode":"%s","name":"Cumbria County Council","sector":"LOCAL_AUTHORITY","joinedOn":"2019-01-01"}"""
                .formatted(COUNCIL));
        String decision = decide(s, COUNCIL, "2017-06-01");

        String member = p + "/members/" + COUNCIL;
        assertPeriod(s.read(member + "?on=2017-06-01"), "2016-04-01", "2018-03-31", true);
        assertPeriod(s.read(member + "?on=2018-03-31"), "2016-04-01", "2018-03-31", true);
        assertPeriod(s.read(member + "?on=2018-06-01"), "2016-04-01", "2018-03-31", false);
        assertPeriod(s.read(member + "?on=2015-01-01"), "2016-04-01", "2018-03-31", false);
        assertPeriod(s.read(member + "?on=2019-01-01"), "2019-01-01", null, true);
        JsonNode now = s.read(member);
        assertPeriod(now, "2019-01-01", null, true);
        assertThat(now.get("periods")).hasSize(2);
        assertThat(now.get("periods").get(0).get("withdrawnOn").asText()).isEqualTo("2018-03-31");
        assertThat(now.get("periods").get(0).get("withdrawReason").asText()).isEqualTo("Left the board");
        assertThat(now.get("periods").get(1).get("joinedOn").asText()).isEqualTo("2019-01-01");
        for (String day : List.of("2017-06-01", "2018-06-01", "2020-01-01")) {
            assertThat(s.read(member + "?on=" + day)).as("as the partnership lists it on " + day)
                    .isEqualTo(listed(s.read(p + "?on=" + day), COUNCIL));
        }

        // The map: the holder's gap between its periods, none in either period; a statutory decider in 2017.
        assertThat(withdrawnHolder(s, "2018-06-01")).isEqualTo("2018-04-01");
        assertThat(withdrawnHolder(s, "2018-12-31")).isEqualTo("2018-04-01");
        assertThat(withdrawnHolder(s, "2018-03-31")).isNull();
        assertThat(withdrawnHolder(s, "2019-01-01")).as("admitted again").isNull();
        assertThat(withdrawnHolder(s, null)).isNull();
        JsonNode gap = gaps(s, "?on=2018-06-01", "HOLDER_WITHDRAWN").get(0);
        assertThat(gap.get("detail").asText()).contains("left the partnership on 2018-03-31");
        assertThat(gap.get("accountabilityId").asText()).isEqualTo(consulted);
        assertThat(gaps(s, "?asOf=" + between + "&on=2018-06-01", "HOLDER_WITHDRAWN")).hasSize(1);
        for (String on : List.of("", "?on=2017-06-01", "?on=2018-06-01")) {
            assertThat(gaps(s, on, "NO_STATUTORY_DECIDER")).as(on).isEmpty();
        }
        assertThat(gaps(s, "", "RATIFICATION_PENDING")).extracting(g -> g.get("detail").asText())
                .singleElement().asString().contains("[" + COUNCIL + "]");
        assertThat(bases(s.read("/api/decisions/" + decision))).containsExactly(COUNCIL + " PENDING 2017-06-01 -");

        sameAfterRebuild(s, List.of(member, member + "?on=2017-06-01", member + "?on=2018-06-01", p,
                p + "?on=2017-06-01", p + "/gaps?on=2018-06-01", "/api/decisions/" + decision));
    }

    /** RNL merged into RNN on 2019-10-01 and was admitted again on 2023-01-01: its 2019 decision passed to RNN. */
    @Test
    void aBodySucceededAndAdmittedAgainKeepsItsSuccession() {
        Scenario s = cumbria("resucceeded");
        String p = "/api/partnerships/" + s.pid;
        String decision = decide(s, "RNL", "2019-06-01");
        s.post(p + "/members/RNL/succession", """
                {"successorOdsCode":"RNN","successorName":"North Cumbria Integrated Care NHS Foundation Trust",
                 "sector":"FOUNDATION_TRUST","on":"2019-10-01","reason":"Merger"}""");
        s.post(p + "/members", """
                {"odsCode":"RNL","name":"North Cumbria University Hospitals NHS Trust","sector":"NHS_TRUST",
                 "joinedOn":"2023-01-01"}""");
        String later = decide(s, "RNL", "2023-06-01");

        String member = p + "/members/RNL";
        JsonNode in2020 = s.read(member + "?on=2020-01-01");
        assertPeriod(in2020, "2016-04-01", "2019-10-01", false);
        assertThat(in2020.get("succeededBy").asText()).isEqualTo("RNN");
        assertPeriod(s.read(member + "?on=2019-06-01"), "2016-04-01", "2019-10-01", true);
        JsonNode now = s.read(member);
        assertPeriod(now, "2023-01-01", null, true);
        assertThat(now.get("succeededBy").isNull()).isTrue();
        assertThat(now.get("periods").get(0).get("succeededBy").asText()).isEqualTo("RNN");

        for (String on : List.of("", "?on=2019-06-01", "?on=2020-01-01")) {
            assertThat(gaps(s, on, "NO_STATUTORY_DECIDER")).as(on).isEmpty();
        }
        assertThat(pendingOf(s, "", decision)).contains("[RNN (successor of RNL)]");
        assertThat(pendingOf(s, "?on=2019-09-30", decision)).contains("[RNL]");
        assertThat(pendingOf(s, "", later)).as("its own decision of its new period").contains("[RNL]");
        assertThat(bases(s.read("/api/decisions/" + decision))).containsExactly("RNN PENDING 2019-06-01 RNL");
        assertThat(bases(s.read("/api/decisions/" + decision + "?on=2019-09-30")))
                .containsExactly("RNL PENDING 2019-06-01 -");
        assertThat(bases(s.read("/api/decisions/" + later))).containsExactly("RNL PENDING 2023-06-01 -");

        sameAfterRebuild(s, List.of(member, member + "?on=2020-01-01", p + "?on=2020-01-01", p + "/gaps",
                p + "/gaps?on=2019-09-30", "/api/decisions/" + decision, "/api/decisions/" + later));
    }

    private static void assertPeriod(JsonNode member, String joinedOn, String withdrawnOn, boolean current) {
        assertThat(member.get("joinedOn").asText()).as(member.toString()).isEqualTo(joinedOn);
        if (withdrawnOn == null) {
            assertThat(member.get("withdrawnOn").isNull()).as(member.toString()).isTrue();
        } else {
            assertThat(member.get("withdrawnOn").asText()).as(member.toString()).isEqualTo(withdrawnOn);
        }
        assertThat(member.get("current").asBoolean()).as(member.toString()).isEqualTo(current);
    }

    private static JsonNode listed(JsonNode partnership, String ods) {
        for (JsonNode m : partnership.get("members")) {
            if (m.get("odsCode").asText().equals(ods)) {
                return m;
            }
        }
        throw new AssertionError(ods + " not listed");
    }

    private static List<JsonNode> gaps(Scenario s, String query, String kind) {
        List<JsonNode> found = new ArrayList<>();
        s.read("/api/partnerships/" + s.pid + "/gaps" + query).forEach(g -> {
            if (g.get("kind").asText().equals(kind)) {
                found.add(g);
            }
        });
        return found;
    }

    /** The `since` of the council's HOLDER_WITHDRAWN gap on the day (null: none). */
    private static String withdrawnHolder(Scenario s, String on) {
        List<JsonNode> found = gaps(s, on == null ? "" : "?on=" + on, "HOLDER_WITHDRAWN");
        return found.isEmpty() ? null : found.get(0).get("since").asText();
    }

    private static String pendingOf(Scenario s, String query, String decision) {
        return gaps(s, query, "RATIFICATION_PENDING").stream()
                .filter(g -> g.get("subject").get("ref").asText().equals(decision))
                .map(g -> g.get("detail").asText()).findFirst().orElseThrow();
    }

    private static List<String> bases(JsonNode decision) {
        List<String> bases = new ArrayList<>();
        decision.get("bindings").forEach(b -> bases.add(b.get("odsCode").asText() + " " + b.get("basis").asText()
                + " " + b.get("since").asText() + " "
                + (b.get("succeededFrom") == null || b.get("succeededFrom").isNull() ? "-"
                : b.get("succeededFrom").asText())));
        return bases;
    }

    /** Every query answers the same after the read models are rebuilt from the first event. */
    private static void sameAfterRebuild(Scenario s, List<String> queries) {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        queries.forEach(q -> before.put(q, s.read(q)));
        assertThat(s.api().post("/api/admin/replays", "{}").status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(s.api().get("/api/admin/replays").json().get("state").asText()));
        Map<String, JsonNode> after = new LinkedHashMap<>();
        queries.forEach(q -> after.put(q, s.read(q)));
        assertThat(after).isEqualTo(before);
    }
}
