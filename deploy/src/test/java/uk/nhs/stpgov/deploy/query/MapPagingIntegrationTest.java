package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The map and the lists that grow with history are answered a page at a time (DESIGN §4). */
@IntegrationTest
class MapPagingIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void pagesVisitEverySubjectOnceInAStableOrderWhileCommandsArrive() throws Exception {
        Scenario s = new Scenario(new Api(port), "paging").leedsMembers();
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            changes.add(s.serviceChange("Change " + i, "RECONFIGURATION", i % 2 == 0 ? "RR8" : "15F"));
        }
        String decision = s.decision("Estates plan", "FINANCE", null, "[\"Y05986\"]", LocalDate.of(2019, 5, 1), null);
        Api.Answer last = s.api().post("/api/partnerships/" + s.pid + "/accountabilities", """
                {"subject":{"type":"SERVICE_CHANGE","ref":"%s"},"role":"ACCOUNTABLE","odsCode":"RR8","post":"Medical Director","effectiveFrom":"2019-04-01"}"""
                .formatted(changes.get(0)));
        String map = "/api/partnerships/" + s.pid + "/accountability-map";
        String position = last.header("X-Event-Position");
        JsonNode first = s.api().get(map + "?limit=5&minPosition=" + position).json();
        List<String> before = allRefs(s.api(), map + "?limit=1000");
        assertThat(before).hasSize(10 + 12 + 1);

        // Commands keep arriving while the pages are read; every subject that was there is seen exactly once.
        CompletableFuture<String> writer = CompletableFuture.supplyAsync(() -> {
            String written = null;
            for (int i = 0; i < 6; i++) {
                written = s.api().post("/api/partnerships/" + s.pid + "/service-changes", """
                        {"title":"Late change %d","kind":"NEW_SERVICE","themes":["ENGAGEMENT"],"leadOdsCode":"RR8","description":"d"}"""
                        .formatted(i)).header("X-Event-Position");
            }
            return written;
        });
        List<String> paged = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.get("subjects").forEach(subject -> paged.add(subject.get("subject").get("ref").asText()));
            if (page.get("next").isNull()) {
                break;
            }
            page = s.api().get(map + "?limit=5&after=" + page.get("next").asText()).json();
        }
        String lastWrite = writer.get();
        assertThat(paged).doesNotHaveDuplicates().containsAll(before);
        assertThat(paged.stream().filter(before::contains).toList()).as("the stable order").isEqualTo(before);

        // The summary counts the whole map: every page together.
        JsonNode whole = s.api().get(map + "?limit=1000&minPosition=" + lastWrite).json();
        JsonNode summary = s.api().get(map + "?limit=1").json().get("summary");
        Map<String, Integer> kinds = new HashMap<>();
        int withGaps = 0;
        for (JsonNode subject : whole.get("subjects")) {
            withGaps += subject.get("gaps").isEmpty() ? 0 : 1;
            subject.get("gaps").forEach(gap -> kinds.merge(gap.get("kind").asText(), 1, Integer::sum));
        }
        assertThat(summary.get("subjects").asInt()).isEqualTo(whole.get("subjects").size()).isEqualTo(10 + 18 + 1);
        assertThat(summary.get("subjectsWithGaps").asInt()).isEqualTo(withGaps);
        Map<String, Integer> counted = new HashMap<>();
        summary.get("gaps").properties().forEach(e -> counted.put(e.getKey(), e.getValue().asInt()));
        assertThat(counted).isEqualTo(kinds).containsEntry("NO_ACCOUNTABLE", 18).containsEntry("NO_STATUTORY_DECIDER", 1);

        // Filters
        JsonNode decisions = s.api().get(map + "?subjectType=DECISION").json();
        assertThat(decisions.get("subjects")).hasSize(1);
        assertThat(decisions.get("subjects").get(0).get("subject").get("ref").asText()).isEqualTo(decision);
        JsonNode finance = s.api().get(map + "?theme=FINANCE&subjectType=THEME").json();
        assertThat(finance.get("subjects")).extracting(e -> e.get("subject").get("ref").asText()).containsExactly("FINANCE");
        JsonNode noStatutory = s.api().get(map + "?gapKind=NO_STATUTORY_DECIDER").json();
        assertThat(noStatutory.get("subjects")).extracting(e -> e.get("subject").get("ref").asText()).containsExactly(decision);
        assertThat(s.api().get(map + "?limit=0").status()).isEqualTo(400);
        assertThat(s.api().get(map + "?limit=1001").status()).isEqualTo(400);
        assertThat(s.api().get(map + "?after=not-a-cursor").status()).isEqualTo(400);
        assertThat(s.api().get(map + "?on=yesterday").status()).isEqualTo(400);

        // The CSV export is never cut.
        String csv = s.api().get("/api/partnerships/" + s.pid + "/accountability-map.csv").body();
        assertThat(csv.lines().count()).isEqualTo(1 + 10 + 18 + 1);
    }

    @Test
    void listsAnswerALinkToTheirNextPage() {
        Scenario s = new Scenario(new Api(port), "links").leedsMembers();
        for (int i = 0; i < 5; i++) {
            s.decision("Decision " + i, "RISK", null, "[\"Y05986\"]", LocalDate.of(2019, 1, 1).plusDays(i), null);
        }
        Api.Answer last = s.api().post("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Last","theme":"RISK","decidingOdsCodes":["Y05986"],"outcome":"NOTED","decidedOn":"2020-01-01"}""");
        String position = last.header("X-Event-Position");

        List<String> decisions = follow(s.api(), "/api/partnerships/" + s.pid + "/decisions?limit=2&minPosition=" + position);
        assertThat(decisions).hasSize(6).doesNotHaveDuplicates();
        assertThat(decisions.get(0)).isEqualTo(last.json().get("id").asText());
        List<String> gaps = follow(s.api(), "/api/partnerships/" + s.pid + "/gaps?kind=NO_STATUTORY_DECIDER&limit=4");
        assertThat(gaps).hasSize(6).doesNotHaveDuplicates();
        List<String> timeline = follow(s.api(), "/api/partnerships/" + s.pid + "/timeline?limit=3");
        assertThat(timeline).as("registered, 4 members, 6 decisions").hasSize(11).doesNotHaveDuplicates();
        Api.Answer all = s.api().get("/api/partnerships/" + s.pid + "/decisions");
        assertThat(all.header("Link")).as("everything fits: no next page").isNull();
        assertThat(s.api().get("/api/partnerships/" + s.pid + "/decisions?after=xyz").status()).isEqualTo(400);

        // A cursor pages its own list only: given to another, it is refused, not read as a position there.
        String timelineNext = s.api().get("/api/partnerships/" + s.pid + "/timeline?limit=3").nextPage();
        String cursor = timelineNext.substring(timelineNext.indexOf("after=") + "after=".length());
        for (String list : List.of("gaps", "decisions", "accountabilities", "accountability-map")) {
            Api.Answer refused = s.api().get("/api/partnerships/" + s.pid + "/" + list + "?after=" + cursor);
            assertThat(refused.status()).as(list).isEqualTo(400);
            assertThat(refused.json().get("detail").asText()).contains("cursor of a previous page of this list");
        }
        assertThat(s.api().get(timelineNext).status()).isEqualTo(200);

        // Nor another partnership's list, or the same list with other filters (outside tester: a decisions cursor of
        // one partnership skipped another's newer decisions; a gaps cursor repeated a page).
        Scenario other = new Scenario(s.api(), "links-other").leedsMembers();
        String decisionsNext = s.api().get("/api/partnerships/" + s.pid + "/decisions?limit=2").nextPage();
        String decisionsCursor = decisionsNext.substring(decisionsNext.indexOf("after=") + "after=".length());
        assertThat(s.api().get("/api/partnerships/" + other.pid + "/decisions?limit=2&after=" + decisionsCursor)
                .status()).isEqualTo(400);
        assertThat(s.api().get("/api/partnerships/" + s.pid + "/decisions?limit=2&theme=RISK&after="
                + decisionsCursor).status()).isEqualTo(400);
        String gapsNext = s.api().get("/api/partnerships/" + s.pid + "/gaps?kind=NO_STATUTORY_DECIDER&limit=4")
                .nextPage();
        String gapsCursor = gapsNext.substring(gapsNext.indexOf("after=") + "after=".length());
        assertThat(s.api().get("/api/gaps?kind=NO_STATUTORY_DECIDER&limit=4&after=" + gapsCursor).status())
                .isEqualTo(400);
        assertThat(s.api().get(decisionsNext).status()).isEqualTo(200);
    }

    @Test
    void onAnEarlierDateShowsThatDaysHoldersAndGaps() {
        Scenario s = new Scenario(new Api(port), "on").leedsMembers();
        s.forum("Leeds Committee", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]", "[\"FINANCE\"]");
        Api.Answer assigned = s.api().post("/api/partnerships/" + s.pid + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"15F","post":"CFO","effectiveFrom":"2019-04-01"}""");
        String map = "/api/partnerships/" + s.pid + "/accountability-map?theme=FINANCE&subjectType=THEME&minPosition="
                + assigned.header("X-Event-Position");
        JsonNode before = s.api().get(map + "&on=2019-03-31").json().get("subjects").get(0);
        assertThat(before.get("accountable")).isEmpty();
        assertThat(before.get("pending")).hasSize(1);
        JsonNode then = s.api().get(map + "&on=2019-04-01").json();
        assertThat(then.get("on").asText()).isEqualTo("2019-04-01");
        assertThat(then.get("subjects").get(0).get("accountable")).hasSize(1);
        assertThat(then.get("subjects").get(0).get("gaps")).isEmpty();
        assertThat(s.api().get(map + "&on=2019-04-14").json().get("subjects").get(0).get("gaps")).isEmpty();
        JsonNode late = s.api().get(map + "&on=2019-04-15").json();
        assertThat(late.get("subjects").get(0).get("gaps")).extracting(g -> g.get("kind").asText())
                .as("not accepted 14 days after it took effect").containsExactly("NOT_ACCEPTED");
        assertThat(late.get("summary").get("gaps").get("NOT_ACCEPTED").asInt()).isEqualTo(1);
        String id = assigned.json().get("id").asText();
        assertThat(s.api().get("/api/accountabilities/" + id + "?on=2019-03-31").json().get("status").asText())
                .isEqualTo("PENDING");
        assertThat(s.api().get("/api/accountabilities/" + id + "?on=2019-04-01").json().get("status").asText())
                .isEqualTo("ACTIVE");
        // Accepted on 2019-04-20: not yet on a day before, as it stood then.
        s.post("/api/accountabilities/" + id + "/acceptance", "{\"on\":\"2019-04-20\"}");
        JsonNode unaccepted = s.read("/api/accountabilities/" + id + "?on=2019-04-19");
        assertThat(unaccepted.get("accepted").asBoolean()).isFalse();
        assertThat(unaccepted.get("acceptedOn").isNull()).isTrue();
        JsonNode accepted = s.read("/api/accountabilities/" + id + "?on=2019-04-20");
        assertThat(accepted.get("accepted").asBoolean()).isTrue();
        assertThat(accepted.get("acceptedOn").asText()).isEqualTo("2019-04-20");
    }

    private static List<String> allRefs(Api api, String path) {
        List<String> refs = new ArrayList<>();
        api.get(path).json().get("subjects").forEach(e -> refs.add(e.get("subject").get("ref").asText()));
        return refs;
    }

    /** Follows Link rel="next" from page to page, collecting ids (or gap subject refs with their detail). */
    private static List<String> follow(Api api, String path) {
        return api.pages(path).stream().map(item -> item.has("id") ? item.get("id").asText()
                : item.has("subject") ? item.get("subject").get("ref").asText() + " " + item.get("detail").asText()
                : item.get("aggregateId").asText() + "/" + item.get("sequenceNumber").asText()).toList();
    }
}
