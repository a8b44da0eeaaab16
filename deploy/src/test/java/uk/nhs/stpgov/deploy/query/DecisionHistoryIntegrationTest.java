package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision history: newest first, supersede chains both ways, rescissions, filters, as-of and CSV. */
@IntegrationTest
class DecisionHistoryIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void supersedeChainsRescissionsAndFilters() {
        Scenario s = new Scenario(new Api(port), "history").leedsMembers();
        String change = s.serviceChange("Elective hub, Wharfedale", "NEW_SERVICE", "RR8");
        String first = s.decision("Capital plan 2019/20", "FINANCE", null, "[\"RR8\",\"15F\"]", LocalDate.of(2019, 3, 1), null);
        String second = s.decision("Capital plan 2019/20, revised", "FINANCE", null, "[\"RR8\",\"15F\"]", LocalDate.of(2019, 9, 1), first);
        String third = s.decision("Capital plan 2019/20, final", "FINANCE", null, "[\"RR8\",\"15F\"]", LocalDate.of(2019, 12, 1), second);
        String rescinded = s.decision("Risk share, \\\"interim\\\", with the council", "RISK", null, "[\"E08000035\"]", LocalDate.of(2019, 6, 1), null);
        s.post("/api/decisions/" + rescinded + "/rescission", "{\"reason\":\"Council withdrew\",\"on\":\"2019-07-01\"}");
        String forChange = s.api().id("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Go ahead with the hub","theme":"ENGAGEMENT","serviceChangeId":"%s","decidingOdsCodes":["15F"],
                 "outcome":"APPROVED","decidedOn":"2019-06-01"}""".formatted(change));
        s.post("/api/decisions/" + forChange + "/ratifications", "{\"odsCode\":\"15F\",\"ratifiedOn\":\"2019-06-10\"}");

        String path = "/api/partnerships/" + s.pid + "/decisions";
        JsonNode all = s.read(path);
        assertThat(ids(all)).as("newest decidedOn first, then newest recorded")
                .containsExactly(third, second, forChange, rescinded, first);
        JsonNode firstView = all.get(4);
        assertThat(firstView.get("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(firstView.get("supersededBy").asText()).isEqualTo(second);
        JsonNode secondView = all.get(1);
        assertThat(secondView.get("supersedes").asText()).isEqualTo(first);
        assertThat(secondView.get("supersededBy").asText()).isEqualTo(third);
        assertThat(all.get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(all.get(0).get("supersededBy").isNull()).isTrue();
        assertThat(all.get(3).get("status").asText()).isEqualTo("RESCINDED");
        assertThat(all.get(2).get("ratifications").get(0).get("odsCode").asText()).isEqualTo("15F");

        assertThat(ids(s.api().get(path + "?status=ACTIVE").json())).containsExactly(third, forChange);
        assertThat(ids(s.api().get(path + "?status=SUPERSEDED").json())).containsExactly(second, first);
        assertThat(ids(s.api().get(path + "?theme=RISK").json())).containsExactly(rescinded);
        assertThat(ids(s.api().get(path + "?serviceChangeId=" + change).json())).containsExactly(forChange);
        assertThat(s.api().get(path + "?status=PENDING").status()).isEqualTo(400);

        JsonNode one = s.api().get("/api/decisions/" + second).json();
        assertThat(one.get("history")).extracting(h -> h.get("type").asText())
                .containsExactly("DecisionRecorded", "DecisionSuperseded");
        assertThat(s.api().get("/api/decisions/0b6f6c1e-0000-4000-8000-000000000000").status()).isEqualTo(404);
        // An unknown partnership, or one not yet registered as of asOf, is 404 as for the map: not an empty history.
        for (String unknown : new String[]{"/api/partnerships/no-such-stp/decisions",
                "/api/partnerships/no-such-stp/decisions.csv", path + "?asOf=2016-01-01T00:00:00Z",
                path + ".csv?asOf=2016-01-01T00:00:00Z"}) {
            Api.Answer answer = s.api().get(unknown);
            assertThat(answer.status()).as(unknown).isEqualTo(404);
            assertThat(answer.isProblem()).as(unknown).isTrue();
        }

        String csv = s.api().get(path + ".csv").body();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,partnershipId,title,theme");
        assertThat(csv).contains("\"Risk share, \"\"interim\"\", with the council\"");
        assertThat(csv.lines().count()).isEqualTo(6);
    }

    /** The CSV export says how each body stood, as the JSON does; its other columns keep their places. */
    @Test
    void theCsvExportHasEachDecisionsPositionsAsItsLastColumn() throws java.io.IOException {
        Scenario s = new Scenario(new Api(port), "history-csv").leedsMembers();
        String path = "/api/partnerships/" + s.pid + "/decisions";
        s.api().ok(path, """
                {"title":"Adopt the Leeds Plan","theme":"VISION","decidingOdsCodes":["RR8","15F"],
                 "positions":[{"odsCode":"RR8","position":"SUPPORTS"},{"odsCode":"15F","position":"OPPOSES"}],
                 "outcome":"APPROVED","decidedOn":"2019-02-01"}""");
        s.decision("Note the winter plan", "RISK", null, "[\"RR8\"]", LocalDate.of(2019, 1, 10), null);
        String plan = s.read(path).get(0).get("id").asText();
        s.post("/api/decisions/" + plan + "/ratifications", "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"2019-02-05\"}");
        s.post("/api/decisions/" + plan + "/ratifications",
                "{\"odsCode\":\"15F\",\"ratifiedOn\":\"2019-02-20\",\"declined\":true,\"reason\":\"Unaffordable\"}");
        s.read(path);

        String csv = s.api().get(path + ".csv").body();

        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(new java.io.StringReader(csv))) {
            assertThat(parser.getHeaderNames()).containsExactly("id", "partnershipId", "title", "theme", "forumId",
                    "serviceChangeId", "decidingOdsCodes", "outcome", "rationale", "decidedOn", "status", "supersedes",
                    "supersededBy", "ratifications", "awaitingRatification", "reference", "bindings", "positions");
            List<org.apache.commons.csv.CSVRecord> rows = parser.getRecords();
            assertThat(rows).extracting(r -> r.get("title")).containsExactly("Adopt the Leeds Plan",
                    "Note the winter plan");
            assertThat(rows.get(0).get("positions")).isEqualTo("RR8 SUPPORTS; 15F OPPOSES");
            assertThat(rows.get(0).get("ratifications")).as("a declined answer says so")
                    .isEqualTo("RR8 2019-02-05; 15F DECLINED 2019-02-20");
            assertThat(rows.get(1).get("positions")).isEmpty();
        }
    }

    @Test
    void historyAsOfAnEarlierInstantShowsTheDecisionBeforeItWasSuperseded() {
        Scenario s = new Scenario(new Api(port), "history-asof").leedsMembers();
        String first = s.decision("Urgent care strategy", "VISION", null, "[\"15F\"]", LocalDate.of(2018, 1, 10), null);
        JsonNode before = s.read("/api/partnerships/" + s.pid + "/decisions");
        assertThat(before).hasSize(1);
        String instant = s.api().get("/api/partnerships/" + s.pid + "/accountability-map").json().get("asOf").asText();
        s.decision("Urgent care strategy v2", "VISION", null, "[\"15F\"]", LocalDate.of(2018, 6, 10), first);
        assertThat(s.read("/api/partnerships/" + s.pid + "/decisions")).hasSize(2);

        JsonNode then = s.api().get("/api/partnerships/" + s.pid + "/decisions?asOf=" + instant).json();
        assertThat(then).isEqualTo(before);
        assertThat(then.get(0).get("status").asText()).isEqualTo("ACTIVE");
        // The record's own history as it stood then: its supersession was recorded later (it was listed).
        JsonNode single = s.api().get("/api/decisions/" + first + "?asOf=" + instant).json();
        assertThat(single.get("history").findValuesAsText("type")).containsExactly("DecisionRecorded");
        assertThat(s.read("/api/decisions/" + first).get("history").findValuesAsText("type"))
                .containsExactly("DecisionRecorded", "DecisionSuperseded");
    }

    @Test
    void onABusinessDayEachDecisionIsAsItStoodThatDay() {
        Scenario s = new Scenario(new Api(port), "history-on").leedsMembers();
        String controlTotal = s.decision("Control total 2018/19", "FINANCE", null, "[\"RR8\",\"15F\"]",
                LocalDate.of(2018, 3, 15), null);
        s.post("/api/decisions/" + controlTotal + "/ratifications", "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"2018-04-02\"}");
        String riskShare = s.decision("Risk share with the council", "RISK", null, "[\"E08000035\"]",
                LocalDate.of(2018, 6, 1), null);
        s.post("/api/decisions/" + riskShare + "/rescission", "{\"reason\":\"Council withdrew\",\"on\":\"2020-01-15\"}");
        String strategy = s.decision("Urgent care strategy", "VISION", null, "[\"RR8\"]", LocalDate.of(2017, 1, 10), null);
        String revised = s.decision("Urgent care strategy, revised", "VISION", null, "[\"RR8\"]",
                LocalDate.of(2019, 9, 9), strategy);
        // The CCG is succeeded by the ICB, which then owes the CCG's ratification of the control total and gives it.
        s.post("/api/partnerships/" + s.pid + "/members/15F/succession", """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire Integrated Care Board","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        s.post("/api/decisions/" + controlTotal + "/ratifications", "{\"odsCode\":\"QWO\",\"ratifiedOn\":\"2022-09-01\"}");
        String path = "/api/partnerships/" + s.pid + "/decisions";

        JsonNode march2018 = s.read(path + "?on=2018-03-20");
        assertThat(ids(march2018)).as("only decisions taken by the day").containsExactly(controlTotal, strategy);
        assertThat(march2018.get(0).get("ratifications")).isEmpty();
        assertThat(bindings(march2018.get(0))).containsExactly("RR8 PENDING", "15F PENDING");
        assertThat(march2018.get(0).get("awaitingRatification")).extracting(JsonNode::asText)
                .containsExactly("RR8", "15F");
        assertThat(bindings(one(s, path + "?on=2018-04-02", controlTotal)))
                .as("a ratification counts from its own day").containsExactly("RR8 RATIFICATION", "15F PENDING");

        assertThat(one(s, path + "?on=2020-01-14", riskShare).get("status").asText()).isEqualTo("ACTIVE");
        JsonNode rescinded = one(s, path + "?on=2020-01-15", riskShare);
        assertThat(rescinded.get("status").asText()).isEqualTo("RESCINDED");
        assertThat(rescinded.get("statusOn").asText()).isEqualTo("2020-01-15");
        JsonNode notYet = one(s, path + "?on=2019-09-08", strategy);
        assertThat(notYet.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(notYet.get("supersededBy").isNull()).isTrue();
        assertThat(one(s, path + "?on=2019-09-09", strategy).get("supersededBy").asText()).isEqualTo(revised);
        assertThat(ids(s.read(path + "?on=2019-09-08&status=ACTIVE"))).contains(strategy).doesNotContain(revised);
        assertThat(ids(s.read(path + "?on=2019-09-08&status=SUPERSEDED"))).isEmpty();
        assertThat(ids(s.read(path + "?on=2020-06-01&status=RESCINDED"))).containsExactly(riskShare);

        assertThat(bindings(one(s, path + "?on=2022-06-30", controlTotal)))
                .as("before the succession the CCG still owes it").containsExactly("RR8 RATIFICATION", "15F PENDING");
        JsonNode succeeded = one(s, path + "?on=2022-07-01", controlTotal);
        assertThat(bindings(succeeded)).containsExactly("RR8 RATIFICATION", "QWO PENDING");
        assertThat(succeeded.get("bindings").get(1).get("succeededFrom").asText()).isEqualTo("15F");
        assertThat(bindings(one(s, path + "?on=2022-09-01", controlTotal)))
                .containsExactly("RR8 RATIFICATION", "QWO RATIFICATION");
        JsonNode now = s.read(path);
        assertThat(bindings(one(s, path, controlTotal))).containsExactly("RR8 RATIFICATION", "QWO RATIFICATION");
        assertThat(ids(now)).as("without on, every decision as recorded")
                .containsExactly(revised, riskShare, controlTotal, strategy);

        JsonNode single = s.read("/api/decisions/" + controlTotal + "?on=2018-03-20");
        assertThat(bindings(single)).containsExactly("RR8 PENDING", "15F PENDING");
        assertThat(single.get("history")).hasSize(4);
        Api.Answer beforeTaken = s.api().get("/api/decisions/" + riskShare + "?on=2018-01-01");
        assertThat(beforeTaken.status()).isEqualTo(404);
        assertThat(beforeTaken.isProblem()).isTrue();
        assertThat(s.api().get(path + "?on=2018-02-30").status()).isEqualTo(400);
        assertThat(s.api().get("/api/decisions/" + riskShare + "?on=yesterday").status()).isEqualTo(400);

        String csv = s.api().get(path + ".csv?on=2018-03-20").body();
        assertThat(csv.lines().count()).as("header and the two decisions taken by then").isEqualTo(3);
        assertThat(csv).contains("RR8 PENDING 2018-03-15; 15F PENDING 2018-03-15");
        // A successor's binding names the body it stands for, as the JSON's succeededFrom does (outside tester).
        assertThat(s.api().get(path + ".csv?on=2022-07-01").body())
                .contains("RR8 RATIFICATION 2018-04-02; QWO PENDING 2018-03-15 (for 15F)");
    }

    private static JsonNode one(Scenario s, String path, String decisionId) {
        for (JsonNode decision : s.read(path)) {
            if (decision.get("id").asText().equals(decisionId)) {
                return decision;
            }
        }
        throw new AssertionError("no decision " + decisionId + " in " + path);
    }

    private static List<String> bindings(JsonNode decision) {
        return StreamSupport.stream(decision.get("bindings").spliterator(), false)
                .map(b -> b.get("odsCode").asText() + " " + b.get("basis").asText()).toList();
    }

    @Test
    void aProgrammeOfficeReadsItsOwnWriteWithMinPosition() {
        Api api = new Api(port);
        Scenario s = new Scenario(api, "ryw").leedsMembers();
        Api.Answer created = api.post("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Read your write","theme":"VISION","decidingOdsCodes":["15F"],"outcome":"NOTED","decidedOn":"2020-01-01"}""");
        String position = created.header("X-Event-Position");
        assertThat(Long.parseLong(position)).isPositive();
        JsonNode decisions = api.get("/api/partnerships/" + s.pid + "/decisions?minPosition=" + position).json();
        assertThat(ids(decisions)).contains(created.json().get("id").asText());
    }

    private static List<String> ids(JsonNode decisions) {
        return StreamSupport.stream(decisions.spliterator(), false).map(d -> d.get("id").asText()).toList();
    }
}
