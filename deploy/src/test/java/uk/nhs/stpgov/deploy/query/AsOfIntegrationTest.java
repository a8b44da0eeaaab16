package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map and gaps as of each earlier instant equal what the live answers showed at that instant, judged on today and
 * on earlier business days (the summary's counts come from their recorded history then).
 */
@IntegrationTest
class AsOfIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void theMapAsOfEachEarlierInstantEqualsTheLiveMapThen() {
        Scenario s = new Scenario(new Api(port), "asof").leedsMembers();
        String map = "/api/partnerships/" + s.pid + "/accountability-map";
        LocalDate day = LocalDate.of(2019, 4, 1);
        List<JsonNode> live = new ArrayList<>();

        String forum = s.forum("Leeds Health and Wellbeing Board", "PARTNERSHIP_BOARD", "[\"RR8\",\"E08000035\"]",
                "[\"VISION\",\"FINANCE\"]");
        live.addAll(liveMap(s, map, "NO_ACCOUNTABLE", true));
        String finance = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer", day, null,
                false);
        live.addAll(liveMap(s, map, finance, true));
        s.accountable("THEME", "FINANCE", "CONSULTED", "Y05986", "Clinical Director", day, null, false);
        live.addAll(liveMap(s, map, "Clinical Director", true));
        s.post("/api/partnerships/" + s.pid + "/members/15F/withdrawal", "{\"on\":\"2020-06-30\",\"reason\":\"merged\"}");
        live.addAll(liveMap(s, map, "HOLDER_WITHDRAWN", true));
        s.post("/api/accountabilities/" + finance + "/transfer",
                "{\"odsCode\":\"RR8\",\"post\":\"Director of Finance\",\"personName\":\"Ann O'Hara\",\"on\":\"2020-07-01\"}");
        live.addAll(liveMap(s, map, "Ann O'Hara", true));
        String decision = s.decision("Pooled budget, section 75", "FINANCE", forum, "[\"RR8\",\"E08000035\"]",
                LocalDate.of(2020, 9, 1), null);
        live.addAll(liveMap(s, map, decision, true));
        s.post("/api/decisions/" + decision + "/rescission", "{\"reason\":\"replaced\",\"on\":\"2020-10-01\"}");
        live.addAll(liveMap(s, map, decision, false));

        for (JsonNode then : live) {
            String asOf = then.get("asOf").asText();
            String on = then.get("on").asText();
            JsonNode replayed = s.api().get(map + "?asOf=" + asOf + "&on=" + on).json();
            assertThat(withoutAsOf(replayed)).as("map as of " + asOf + " on " + on).isEqualTo(withoutAsOf(then));
        }
        assertThat(live).extracting(JsonNode::toString).doesNotHaveDuplicates();
        // Each instant was read on today and on two earlier days: some earlier day must count differently.
        boolean onCounts = false;
        for (int i = 0; i < live.size(); i += 3) {
            onCounts |= !live.get(i).get("summary").equals(live.get(i + 1).get("summary"))
                    || !live.get(i).get("summary").equals(live.get(i + 2).get("summary"));
        }
        assertThat(onCounts).as("an earlier day's summary differs from today's").isTrue();
    }

    /**
     * DESIGN §4's two times on one service change (issue 9; {@code on} was ignored): {@code on} shows the stage it was
     * in that day and each assurance test's result in force then, {@code asOf} what the record showed at an instant;
     * a bad value of either is 400 naming it.
     */
    @Test
    void aServiceChangeAnswersAsOfAnInstantAndOnABusinessDay() {
        Scenario s = new Scenario(new Api(port), "asof-change").leedsMembers();
        String change = s.api().id("/api/partnerships/" + s.pid + "/service-changes", """
                {"title":"Stroke services reconfiguration","kind":"RECONFIGURATION","themes":["ENGAGEMENT"],
                 "leadOdsCode":"RR8","description":"d","proposedOn":"2019-01-10"}""");
        String test = "/api/service-changes/" + change + "/assurance-tests";
        s.post(test, """
                {"test":"PUBLIC_ENGAGEMENT","result":"NOT_MET","evidence":"Survey too small","assessedOn":"2019-03-01",
                 "assessor":"NHS England regional team"}""");
        String one = "/api/service-changes/" + change;
        java.time.Instant beforeTheMove = Instant.parse(s.read(one).get("assuranceTests").get(0).get("recordedAt")
                .asText()).plusMillis(1);
        s.post(one + "/stage", "{\"stage\":\"ENGAGEMENT\"}");
        s.post(test, """
                {"test":"PUBLIC_ENGAGEMENT","result":"MET","evidence":"Second survey","assessedOn":"2019-09-01",
                 "assessor":"NHS England regional team"}""");

        JsonNode now = s.read(one);
        assertThat(now.get("stage").asText()).isEqualTo("ENGAGEMENT");
        assertThat(now.get("assuranceTests").get(0).get("result").asText()).isEqualTo("MET");

        // On a business day: the move was recorded today, so in 2019 the change was still PROPOSED.
        JsonNode june = s.read(one + "?on=2019-06-01");
        assertThat(june.get("stage").asText()).isEqualTo("PROPOSED");
        assertThat(june.get("stageHistory")).isEmpty();
        assertThat(june.get("assuranceTests").get(0).get("result").asText()).isEqualTo("NOT_MET");
        assertThat(june.get("assuranceTests").get(0).get("assessedOn").asText()).isEqualTo("2019-03-01");
        JsonNode october = s.read(one + "?on=2019-10-01");
        assertThat(october.get("stage").asText()).isEqualTo("PROPOSED");
        assertThat(october.get("assuranceTests").get(0).get("result").asText()).isEqualTo("MET");
        assertThat(s.read(one + "?on=2019-02-01").get("assuranceTests")).isEmpty();
        String today = now.get("stageHistory").get(0).get("recordedAt").asText();
        JsonNode onToday = s.read(one + "?on=" + LocalDate.ofInstant(Instant.parse(today),
                java.time.ZoneId.of("Europe/London")));
        assertThat(onToday.get("stage").asText()).isEqualTo("ENGAGEMENT");
        assertThat(onToday.get("stageHistory")).hasSize(1);
        assertThat(s.api().get(one + "?on=2019-01-09").status()).as("not yet proposed").isEqualTo(404);

        // As of an instant: what the record showed before the move and the second result were recorded.
        JsonNode then = s.read(one + "?asOf=" + beforeTheMove);
        assertThat(then.get("stage").asText()).isEqualTo("PROPOSED");
        assertThat(then.get("stageHistory")).isEmpty();
        assertThat(then.get("assuranceTests").get(0).get("result").asText()).isEqualTo("NOT_MET");
        assertThat(s.read(one + "?asOf=" + beforeTheMove + "&on=2019-10-01").get("assuranceTests").get(0)
                .get("result").asText()).isEqualTo("NOT_MET");
        assertThat(s.api().get(one + "?asOf=2015-01-01T00:00:00Z").status()).isEqualTo(404);

        for (String bad : List.of("on=2019-13-01", "on=yesterday", "asOf=yesterday", "asOf=2019-02-30T00:00:00Z")) {
            Api.Answer answer = s.api().get(one + "?" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.isProblem()).as(bad).isTrue();
            assertThat(answer.json().get("errors").get(0).get("field").asText()).as(bad)
                    .isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }

    /**
     * The timeline as of an instant lists the events recorded by then, page by page, each Link keeping asOf; before
     * the partnership was registered it is 404, and an asOf that is not an instant 400 (it had ignored asOf).
     */
    @Test
    void theTimelineAsOfAnEarlierInstantEqualsTheLiveTimelineThen() {
        Scenario s = new Scenario(new Api(port), "asof-timeline").leedsMembers();
        String timeline = "/api/partnerships/" + s.pid + "/timeline";
        List<String> then = summaries(s.read(timeline));
        assertThat(then).as("registered, 4 members").hasSize(5);
        Instant asOf = Instant.now();
        s.forum("Leeds Committees in Common", "COMMITTEES_IN_COMMON", "[\"RR8\",\"15F\"]", "[\"RISK\"]");
        s.post("/api/partnerships/" + s.pid + "/members/Y05986/withdrawal",
                "{\"on\":\"2021-03-31\",\"reason\":\"Left the partnership\"}");
        assertThat(s.read(timeline)).hasSize(7);

        assertThat(summaries(s.read(timeline + "?asOf=" + asOf))).isEqualTo(then);
        List<String> paged = new ArrayList<>();
        for (String page = timeline + "?limit=2&asOf=" + asOf; page != null; ) {
            Api.Answer answer = s.api().get(page);
            assertThat(answer.status()).as(page + " " + answer.body()).isEqualTo(200);
            paged.addAll(summaries(answer.json()));
            page = answer.nextPage();
            assertThat(page == null || page.contains("asOf=" + asOf)).as("Link keeps asOf: " + page).isTrue();
        }
        assertThat(paged).isEqualTo(then);

        Api.Answer before = s.api().get(timeline + "?asOf=2020-01-01T00:00:00Z");
        assertThat(before.status()).as("not yet registered then: " + before.body()).isEqualTo(404);
        assertThat(before.isProblem()).isTrue();
        Api.Answer garbage = s.api().get(timeline + "?asOf=garbage");
        assertThat(garbage.status()).as(garbage.body()).isEqualTo(400);
        assertThat(garbage.isProblem()).isTrue();
        assertThat(garbage.json().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
    }

    private static List<String> summaries(JsonNode timeline) {
        List<String> summaries = new ArrayList<>();
        timeline.forEach(entry -> summaries.add(entry.get("type").asText() + ": " + entry.get("summary").asText()));
        return summaries;
    }

    @Test
    void beforeThePartnershipExistedThereIsNothingToShow() {
        Scenario s = new Scenario(new Api(port), "asof-early");
        assertThat(s.api().get("/api/partnerships/" + s.pid + "/accountability-map?asOf=2015-01-01T00:00:00Z").status())
                .isEqualTo(404);
        assertThat(s.api().get("/api/partnerships/" + s.pid + "/gaps?asOf=yesterday").status()).isEqualTo(400);
    }

    /**
     * The live map, read after the commands so far on today and on two earlier days (the first must, or must not,
     * mention {@code text}).
     */
    private static List<JsonNode> liveMap(Scenario s, String map, String text, boolean mentioned) {
        JsonNode now = s.read(map);
        assertThat(now.toString().contains(text)).as("map mentions %s: %s", text, now).isEqualTo(mentioned);
        return List.of(now, s.api().get(map + "?on=2019-04-20").json(), s.api().get(map + "?on=2020-08-01").json());
    }

    private static JsonNode withoutAsOf(JsonNode map) {
        ObjectNode copy = map.deepCopy();
        copy.remove("asOf");
        return copy;
    }
}
