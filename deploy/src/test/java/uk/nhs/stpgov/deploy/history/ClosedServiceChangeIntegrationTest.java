package uk.nhs.stpgov.deploy.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * A service change closed today (withdrawn, or completed) was open on every business day before: the map and the
 * gaps of those days still show it and what it lacked then, as they show a decision rescinded later on the days it
 * stood (DESIGN §1, "Rules are judged at the business date of the act"; §4 {@code on}). Closing it had removed it,
 * and its gaps, from every past day while {@code /api/service-changes/{sid}?on=} still said it was open.
 */
@IntegrationTest
@TestPropertySource(properties = "stpgov.rebuild.claim-wait=4s")
class ClosedServiceChangeIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void aChangeClosedTodayKeepsItsGapsOnTheDaysItWasOpen() {
        Scenario s = new Scenario(new Api(port), "closed-sc")
                .member("RYJ", "Imperial College Healthcare NHS Trust", "NHS_TRUST", "2016-04-01")
                .member("VS001", "Hammersmith & Fulham Mind", "VOLUNTARY_SECTOR", "2016-04-01");
        String p = "/api/partnerships/" + s.pid;
        String withdrawn = proposed(s, "Shaping a healthier future: Charing Cross A&E");
        String completed = proposed(s, "Community mental health hubs");
        s.post(p + "/members/VS001/withdrawal", "{\"on\":\"2019-03-31\",\"reason\":\"Charity merged\"}");
        assertThat(gaps(s, "2020-01-01")).as("before closing").containsExactlyInAnyOrder(
                tuple("NO_ACCOUNTABLE", withdrawn, "2017-01-10"), tuple("NO_LEAD", withdrawn, "2019-04-01"),
                tuple("NO_ACCOUNTABLE", completed, "2017-01-10"), tuple("NO_LEAD", completed, "2019-04-01"));

        // Both closed today (the day a stage move takes effect is the day it is recorded, in the business zone).
        s.post("/api/service-changes/" + withdrawn + "/stage",
                "{\"stage\":\"WITHDRAWN\",\"note\":\"Programme stopped\"}");
        for (String stage : List.of("ENGAGEMENT", "DECIDED", "IMPLEMENTING", "COMPLETED")) {
            s.post("/api/service-changes/" + completed + "/stage", "{\"stage\":\"" + stage + "\",\"note\":\"n\"}");
        }
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));

        assertThat(s.read("/api/service-changes/" + withdrawn + "?on=2020-01-01").get("stage").asText())
                .isEqualTo("PROPOSED");
        assertThat(s.read("/api/service-changes/" + completed + "?on=2020-01-01").get("stage").asText())
                .isEqualTo("PROPOSED");
        for (String day : List.of("2020-01-01", today.minusDays(1).toString())) {
            assertThat(gaps(s, day)).as("open on " + day).containsExactlyInAnyOrder(
                    tuple("NO_ACCOUNTABLE", withdrawn, "2017-01-10"), tuple("NO_LEAD", withdrawn, "2019-04-01"),
                    tuple("NO_ACCOUNTABLE", completed, "2017-01-10"), tuple("NO_LEAD", completed, "2019-04-01"));
        }
        assertThat(gaps(s, today.toString())).as("closed today").isEmpty();

        JsonNode then = s.read(p + "/accountability-map?on=2020-01-01&subjectType=SERVICE_CHANGE");
        List<String> listed = new ArrayList<>();
        then.get("subjects").forEach(subject -> {
            listed.add(subject.get("subject").get("ref").asText());
            assertThat(subject.get("gaps").findValuesAsText("kind")).containsExactlyInAnyOrder("NO_ACCOUNTABLE",
                    "NO_LEAD");
        });
        assertThat(listed).containsExactlyInAnyOrder(withdrawn, completed);
        // The summary counts the whole map: its ten themes (none in a forum's remit, so without gaps) and the changes.
        JsonNode summary = then.get("summary");
        assertThat(summary.get("subjects").asInt()).isEqualTo(12);
        assertThat(summary.get("subjectsWithGaps").asInt()).isEqualTo(2);
        assertThat(summary.get("gaps").get("NO_ACCOUNTABLE").asInt()).isEqualTo(2);
        assertThat(summary.get("gaps").get("NO_LEAD").asInt()).isEqualTo(2);

        JsonNode now = s.read(p + "/accountability-map?on=" + today + "&subjectType=SERVICE_CHANGE");
        assertThat(now.get("subjects")).as("closed today: not on today's map").isEmpty();
        assertThat(now.get("summary").get("subjects").asInt()).isEqualTo(10);
        assertThat(now.get("summary").get("subjectsWithGaps").asInt()).isZero();
        assertThat(now.get("summary").get("gaps").size()).isZero();
    }

    /**
     * The lead's leaving, dated while the change was open, is recorded after the change was withdrawn: the map reads
     * the closed change back from its read model (its closing day from there) and shows NO_LEAD on the days it was
     * open; a rebuild from the first event answers the same.
     */
    @Test
    void aLeadLeavingRecordedAfterTheCloseLeftWhileTheChangeWasOpen() {
        Scenario s = new Scenario(new Api(port), "closed-sc-late")
                .member("RYJ", "Imperial College Healthcare NHS Trust", "NHS_TRUST", "2016-04-01")
                .member("VS001", "Hammersmith & Fulham Mind", "VOLUNTARY_SECTOR", "2016-04-01");
        String p = "/api/partnerships/" + s.pid;
        String change = proposed(s, "Shaping a healthier future: Charing Cross A&E");
        s.post("/api/service-changes/" + change + "/stage", "{\"stage\":\"WITHDRAWN\",\"note\":\"Stopped\"}");
        assertThat(gaps(s, "2020-01-01")).containsExactly(tuple("NO_ACCOUNTABLE", change, "2017-01-10"));

        s.post(p + "/members/VS001/withdrawal", "{\"on\":\"2019-03-31\",\"reason\":\"Charity merged\"}");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        assertThat(gaps(s, "2020-01-01")).containsExactlyInAnyOrder(tuple("NO_ACCOUNTABLE", change, "2017-01-10"),
                tuple("NO_LEAD", change, "2019-04-01"));
        assertThat(s.read(p + "/gaps?on=2020-01-01&kind=NO_LEAD").get(0).get("detail").asText())
                .endsWith("while the change was open (it was WITHDRAWN on " + today + ")");
        assertThat(gaps(s, today.toString())).isEmpty();

        List<String> queries = List.of(p + "/gaps?on=2020-01-01", p + "/gaps?on=" + today,
                p + "/accountability-map?on=2020-01-01", p + "/accountability-map?on=" + today,
                p + "/accountability-map?on=" + today.minusDays(1) + "&subjectType=SERVICE_CHANGE");
        Map<String, JsonNode> before = answers(s, queries);
        assertThat(s.api().post("/api/admin/replays", "{}").status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DONE".equals(s.api().get("/api/admin/replays").json().get("state").asText()));
        assertThat(answers(s, queries)).as("after a rebuild").isEqualTo(before);
    }

    /** Each answer without the instant it was given at. */
    private static Map<String, JsonNode> answers(Scenario s, List<String> queries) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String query : queries) {
            JsonNode answer = s.read(query);
            if (answer instanceof ObjectNode object) {
                object.remove("asOf");
            }
            answers.put(query, answer);
        }
        return answers;
    }

    /** Proposed on 2017-01-10, led by the voluntary-sector body, nobody ACCOUNTABLE. */
    private static String proposed(Scenario s, String title) {
        return s.api().id("/api/partnerships/" + s.pid + "/service-changes", """
                {"title":"%s","kind":"COMMUNITY_REDESIGN","themes":["ENGAGEMENT"],"leadOdsCode":"VS001",
                 "description":"Redesign","proposedOn":"2017-01-10"}""".formatted(title));
    }

    /** The partnership's gaps on the day: kind, subject ref, since. */
    private static List<org.assertj.core.groups.Tuple> gaps(Scenario s, String on) {
        List<org.assertj.core.groups.Tuple> gaps = new ArrayList<>();
        s.read("/api/partnerships/" + s.pid + "/gaps?on=" + on).forEach(g -> gaps.add(tuple(g.get("kind").asText(),
                g.get("subject").get("ref").asText(), g.get("since").asText())));
        return gaps;
    }
}
