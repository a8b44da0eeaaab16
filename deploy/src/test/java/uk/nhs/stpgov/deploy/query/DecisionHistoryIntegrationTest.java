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

        String csv = s.api().get(path + ".csv").body();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,partnershipId,title,theme");
        assertThat(csv).contains("\"Risk share, \"\"interim\"\", with the council\"");
        assertThat(csv.lines().count()).isEqualTo(6);
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
