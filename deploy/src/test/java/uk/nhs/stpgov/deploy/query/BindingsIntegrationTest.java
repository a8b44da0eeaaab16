package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Does this decision bind my organisation?": each deciding statutory body's basis (DELEGATION, RATIFICATION,
 * PENDING, DECLINED) on the decision answers, with the minute reference and positions, and a successor that took a
 * pending ratification over.
 */
@IntegrationTest
class BindingsIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void eachDecidingStatutoryBodyIsBoundByDelegationRatificationOrNotYet() {
        Scenario s = new Scenario(new Api(port), "bindings").leedsMembers();
        String forum = s.forum("Leeds Committees in Common", "COMMITTEES_IN_COMMON",
                "[\"RR8\",\"15F\",\"E08000035\",\"Y05986\"]", "[\"FINANCE\"]");
        s.delegate(forum, "15F", "[\"FINANCE\"]", "2019-01-01");
        String decision = s.api().id("/api/partnerships/" + s.pid + "/decisions", """
                {"reference":"CIC/2019/011","title":"Shared financial recovery plan","theme":"FINANCE",
                 "forumId":"%s","decidingOdsCodes":["RR8","15F","E08000035","Y05986"],
                 "positions":[{"odsCode":"RR8","position":"SUPPORTS"},{"odsCode":"E08000035","position":"OPPOSES"}],
                 "outcome":"APPROVED","rationale":"r","decidedOn":"2019-06-01"}""".formatted(forum));
        JsonNode pending = s.read("/api/decisions/" + decision);
        assertThat(pending.get("reference").asText()).isEqualTo("CIC/2019/011");
        assertThat(pending.get("positions").toString()).contains("\"odsCode\":\"E08000035\"", "\"OPPOSES\"");
        assertThat(bases(pending)).containsExactlyInAnyOrderEntriesOf(Map.of("15F", "DELEGATION 2019-06-01",
                "RR8", "PENDING 2019-06-01", "E08000035", "PENDING 2019-06-01"));

        s.post("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"2019-06-20\"}");
        s.post("/api/decisions/" + decision + "/ratifications",
                "{\"odsCode\":\"E08000035\",\"ratifiedOn\":\"2019-07-02\",\"declined\":true,\"reason\":\"Cabinet\"}");
        JsonNode answered = s.read("/api/decisions/" + decision);
        assertThat(bases(answered)).containsExactlyInAnyOrderEntriesOf(Map.of("15F", "DELEGATION 2019-06-01",
                "RR8", "RATIFICATION 2019-06-20", "E08000035", "DECLINED 2019-07-02"));
        assertThat(answered.get("awaitingRatification")).isEmpty();
        JsonNode listed = s.read("/api/partnerships/" + s.pid + "/decisions");
        assertThat(bases(listed.get(0))).isEqualTo(bases(answered));

        // A NOTED item needs no ratification: nobody is PENDING on it.
        String noted = s.api().id("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Month 2 finance report","theme":"FINANCE","forumId":"%s","decidingOdsCodes":["RR8","15F"],
                 "outcome":"NOTED","rationale":"r","decidedOn":"2019-06-01"}""".formatted(forum));
        assertThat(bases(s.read("/api/decisions/" + noted))).containsExactly(Map.entry("15F", "DELEGATION 2019-06-01"));

        // A pending ratification passes to the successor, which owes it.
        String owed = s.api().id("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Urgent care strategy","theme":"RISK","decidingOdsCodes":["15F"],"outcome":"APPROVED",
                 "rationale":"r","decidedOn":"2020-02-01"}""");
        s.post("/api/partnerships/" + s.pid + "/members/15F/succession", """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        JsonNode succeeded = s.read("/api/decisions/" + owed);
        assertThat(bases(succeeded)).containsExactly(Map.entry("QWO", "PENDING 2020-02-01"));
        assertThat(succeeded.get("bindings").get(0).get("succeededFrom").asText()).isEqualTo("15F");

        // A body bound by delegation owed nothing: it stays bound as it decided, and its successor inherits nothing.
        JsonNode delegatedThen = s.read("/api/decisions/" + decision);
        assertThat(bases(delegatedThen)).containsEntry("15F", "DELEGATION 2019-06-01").doesNotContainKey("QWO");
        assertThat(delegatedThen.get("awaitingRatification").toString()).doesNotContain("QWO", "15F");
        assertThat(bases(s.read("/api/decisions/" + decision + "?on=2023-01-01")))
                .containsEntry("15F", "DELEGATION 2019-06-01").doesNotContainKey("QWO");
    }

    /**
     * A decision superseded in 2019 owed nothing after that: a CCG succeeded in 2022 passes none of it on, whether the
     * succession was recorded before the log was back-loaded or after (the first order showed the ICB PENDING).
     */
    @Test
    void aDecisionSupersededBeforeASuccessionPassesNothingOnWhateverTheOrderOfLoading() {
        Map<Boolean, Map<String, String>> byOrder = new HashMap<>();
        for (boolean successionFirst : new boolean[]{true, false}) {
            Scenario s = new Scenario(new Api(port), "superseded").member("15F", "NHS Leeds CCG", "CCG", "2016-04-01")
                    .member("RR8", "Leeds Teaching Hospitals NHS Trust", "NHS_TRUST", "2016-04-01");
            String succession = "/api/partnerships/" + s.pid + "/members/15F/succession";
            String icb = """
                    {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB","on":"2022-07-01",
                     "reason":"Health and Care Act 2022"}""";
            if (successionFirst) {
                s.post(succession, icb);
            }
            String first = s.decision("Leeds winter plan 2019", "FINANCE", null, "[\"15F\",\"RR8\"]",
                    java.time.LocalDate.of(2019, 6, 1), null);
            s.decision("Leeds winter plan 2019, revised", "FINANCE", null, "[\"RR8\"]",
                    java.time.LocalDate.of(2019, 11, 14), first);
            if (!successionFirst) {
                s.post(succession, icb);
            }
            JsonNode superseded = s.read("/api/decisions/" + first);
            assertThat(superseded.get("status").asText()).isEqualTo("SUPERSEDED");
            byOrder.put(successionFirst, bases(superseded));
        }
        assertThat(byOrder.get(true)).isEqualTo(byOrder.get(false)).containsEntry("15F", "PENDING 2019-06-01")
                .doesNotContainKey("QWO");
    }

    /**
     * The outside tester's reproduction: Bradford CCG (36J) succeeded by the West Yorkshire ICB (QWO) on 2022-07-01,
     * new or already a member, and a decision of that day taken by both (the CCG's last day, the ICB's first or not):
     * the ICB is bound once, as itself (it was listed twice, once for the part it inherited), in either order of
     * recording; and the CCG may still ratify on its last day, also after the succession was recorded (409 before).
     */
    @Test
    void aDecisionOfTheSuccessionDayByPredecessorAndSuccessorListsTheSuccessorOnce() {
        String icb = """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB","on":"2022-07-01",
                 "reason":"Health and Care Act 2022"}""";
        for (boolean icbAMember : new boolean[]{false, true}) {
            for (boolean successionFirst : icbAMember ? new boolean[]{true, false} : new boolean[]{true}) {
                Scenario s = new Scenario(new Api(port), "succession-day")
                        .member("36J", "NHS Bradford District and Craven CCG", "CCG", "2020-04-01");
                if (icbAMember) {
                    s.member("QWO", "NHS West Yorkshire ICB", "ICB", "2022-04-01");
                }
                String succession = "/api/partnerships/" + s.pid + "/members/36J/succession";
                if (successionFirst) {
                    s.post(succession, icb);
                }
                String decision = s.decision("Bradford urgent care 2022/23", "FINANCE", null, "[\"36J\",\"QWO\"]",
                        java.time.LocalDate.of(2022, 7, 1), null);
                if (!successionFirst) {
                    s.post(succession, icb);
                }
                String as = "ICB a member " + icbAMember + ", succession first " + successionFirst;
                JsonNode owed = s.read("/api/decisions/" + decision);
                assertThat(owed.get("bindings")).as(as).hasSize(1);
                assertThat(bases(owed)).as(as).containsExactly(Map.entry("QWO", "PENDING 2022-07-01"));
                assertThat(owed.get("bindings").get(0).get("succeededFrom").isNull()).as(as).isTrue();
                assertThat(s.read("/api/partnerships/" + s.pid + "/decisions").get(0).get("bindings")).as(as)
                        .isEqualTo(owed.get("bindings"));

                s.post("/api/decisions/" + decision + "/ratifications",
                        "{\"odsCode\":\"36J\",\"ratifiedOn\":\"2022-07-01\"}");
                JsonNode answered = s.read("/api/decisions/" + decision);
                assertThat(answered.get("bindings")).as(as).hasSize(2);
                assertThat(bases(answered)).as(as).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "36J", "RATIFICATION 2022-07-01", "QWO", "PENDING 2022-07-01"));

                s.post("/api/decisions/" + decision + "/ratifications",
                        "{\"odsCode\":\"QWO\",\"ratifiedOn\":\"2022-07-01\"}");
                assertThat(s.read("/api/decisions/" + decision).get("bindings")).as(as).hasSize(2);
            }
        }
    }

    private static Map<String, String> bases(JsonNode decision) {
        Map<String, String> bases = new HashMap<>();
        decision.get("bindings").forEach(b -> bases.put(b.get("odsCode").asText(),
                b.get("basis").asText() + " " + b.get("since").asText()));
        return bases;
    }

    /**
     * CCGs merge and are succeeded by one ICB (Bradford City and Bradford Districts into Bradford District and Craven
     * in 2020; it and Leeds CCG into the West Yorkshire ICB in 2022): the ICB owes the ratification of every deciding
     * body it took over from, one answer gives all of them, and a decision of the merged CCGs can still be back-loaded
     * (both were refused or left PENDING for good when a successor could stand for only one predecessor).
     */
    @Test
    void bodiesThatMergedIntoOneAreBoundByTheirSuccessorsAnswer() {
        Scenario s = new Scenario(new Api(port), "merged")
                .member("15F", "NHS Leeds CCG", "CCG", "2016-04-01")
                .member("03C", "NHS Bradford City CCG", "CCG", "2016-04-01")
                .member("02R", "NHS Bradford Districts CCG", "CCG", "2016-04-01");
        String p = "/api/partnerships/" + s.pid;
        String decision = s.decision("West Yorkshire system control total 2019/20", "FINANCE", null,
                "[\"15F\",\"03C\",\"02R\"]", java.time.LocalDate.of(2019, 6, 1), null);
        for (String ccg : java.util.List.of("03C", "02R")) {
            s.post(p + "/members/" + ccg + "/succession", """
                    {"successorOdsCode":"36J","successorName":"NHS Bradford District and Craven CCG","sector":"CCG",
                     "on":"2020-04-01","reason":"CCG merger"}""");
        }
        for (String ccg : java.util.List.of("15F", "36J")) {
            s.post(p + "/members/" + ccg + "/succession", """
                    {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB",
                     "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        }
        JsonNode owed = s.read("/api/decisions/" + decision);
        assertThat(owed.get("awaitingRatification").toString()).isEqualTo("[\"QWO\"]");
        assertThat(Scenario.hasGap(s.gaps(), "RATIFICATION_PENDING", decision)).isTrue();

        s.post("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"QWO\",\"ratifiedOn\":\"2022-09-01\"}");
        JsonNode ratified = s.read("/api/decisions/" + decision);
        assertThat(bases(ratified)).containsExactly(Map.entry("QWO", "RATIFICATION 2022-09-01"));
        assertThat(ratified.get("awaitingRatification")).isEmpty();
        assertThat(Scenario.hasGap(s.gaps(), "RATIFICATION_PENDING", decision)).isFalse();

        String backLoaded = s.decision("Bradford urgent care review", "RISK", null, "[\"03C\",\"02R\"]",
                java.time.LocalDate.of(2019, 9, 2), null);
        JsonNode inherited = s.read("/api/decisions/" + backLoaded);
        assertThat(inherited.get("awaitingRatification").toString()).isEqualTo("[\"QWO\"]");
        assertThat(inherited.get("bindings").get(0).get("succeededFrom").asText()).isEqualTo("36J");
    }
}
