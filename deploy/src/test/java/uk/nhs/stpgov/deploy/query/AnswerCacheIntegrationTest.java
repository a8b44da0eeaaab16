package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Current maps and decision pages are kept as sent under their partnership's version: a kept answer is the one the
 * read models give, every command that changes the partnership is seen by the next read after it, and an answer
 * of another partnership or another page is never given instead.
 */
@IntegrationTest
class AnswerCacheIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aKeptMapIsTheMapTheReadModelsGiveAndEveryCommandIsSeenByTheNextRead() {
        Scenario s = new Scenario(new Api(port), "kept-map").leedsMembers();
        String p = "/api/partnerships/" + s.pid + "/accountability-map";
        s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer", LocalDate.of(2019, 4, 1),
                null, false);
        JsonNode first = s.read(p);
        long version = version(s.pid);
        JsonNode again = s.read(p);
        assertThat(version(s.pid)).isEqualTo(version);
        assertThat(Instant.parse(again.get("asOf").asText())).as("each answer has its own instant")
                .isAfter(Instant.parse(first.get("asOf").asText()));
        assertThat(withoutAsOf(again)).isEqualTo(withoutAsOf(first));
        // The same map read through the versions valid at an instant after the commands: not a kept answer.
        JsonNode asOf = s.read(p + "?asOf=" + again.get("asOf").asText());
        assertThat(withoutAsOf(asOf)).isEqualTo(withoutAsOf(first));

        s.accountable("THEME", "RISK", "ACCOUNTABLE", "RR8", "Chief Executive", LocalDate.of(2019, 4, 1), null, false);
        JsonNode after = s.read(p);
        assertThat(version(s.pid)).isGreaterThan(version);
        assertThat(holders(after, "RISK")).containsExactly("RR8");
        assertThat(withoutAsOf(after)).isNotEqualTo(withoutAsOf(first))
                .isEqualTo(withoutAsOf(s.read(p + "?asOf=" + after.get("asOf").asText())));
    }

    @Test
    void pagesFiltersAndPartnershipsAreKeptApart() {
        Scenario leeds = new Scenario(new Api(port), "kept-leeds").leedsMembers();
        Scenario other = new Scenario(new Api(port), "kept-other").leedsMembers();
        for (int i = 1; i <= 3; i++) {
            leeds.decision("Leeds decision " + i, "FINANCE", null, "[\"RR8\"]", LocalDate.of(2019, 1, i), null);
        }
        other.decision("Other decision", "RISK", null, "[\"RR8\"]", LocalDate.of(2019, 2, 1), null);

        String decisions = "/api/partnerships/" + leeds.pid + "/decisions";
        JsonNode all = leeds.read(decisions);
        assertThat(all.findValuesAsText("title")).containsExactly("Leeds decision 3", "Leeds decision 2",
                "Leeds decision 1");
        Api.Answer firstPage = leeds.api().get(decisions + "?limit=2");
        assertThat(firstPage.json().findValuesAsText("title")).containsExactly("Leeds decision 3", "Leeds decision 2");
        assertThat(firstPage.header("Link")).contains("rel=\"next\"").contains("limit=2");
        assertThat(leeds.read(decisions + "?theme=RISK")).isEmpty();
        assertThat(leeds.api().get(decisions + "?limit=2").header("Link")).as("a kept page keeps its next page")
                .isEqualTo(firstPage.header("Link"));
        assertThat(other.read("/api/partnerships/" + other.pid + "/decisions").findValuesAsText("title"))
                .containsExactly("Other decision");

        leeds.decision("Leeds decision 4", "FINANCE", null, "[\"RR8\"]", LocalDate.of(2019, 1, 4), null);
        assertThat(leeds.read(decisions).findValuesAsText("title")).containsExactly("Leeds decision 4",
                "Leeds decision 3", "Leeds decision 2", "Leeds decision 1");
        assertThat(leeds.read("/api/partnerships/" + leeds.pid + "/accountability-map?theme=FINANCE&subjectType=THEME")
                .get("subjects")).hasSize(1);
        assertThat(leeds.read("/api/partnerships/" + leeds.pid + "/accountability-map?theme=RISK&subjectType=THEME")
                .get("subjects").get(0).get("subject").get("ref").asText()).isEqualTo("RISK");
    }

    @Test
    void aPartnershipNotFoundIsNotKeptAsNotFound() {
        Api api = new Api(port);
        String pid = "kept-later-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String map = "/api/partnerships/" + pid + "/accountability-map";
        assertThat(api.get(map).status()).isEqualTo(404);
        assertThat(api.get("/api/partnerships/" + pid + "/decisions").status()).isIn(200, 404);
        api.ok("/api/partnerships", """
                {"id":"%s","name":"Cheshire and Merseyside Health and Care Partnership","region":"North West"}"""
                .formatted(pid));
        assertThat(Scenario.readOk(api, map).get("partnershipId").asText()).isEqualTo(pid);
    }

    private long version(String partnershipId) {
        return jdbc.sql("SELECT version FROM q_partnership_version WHERE partnership_id = ?").param(partnershipId)
                .query(Long.class).optional().orElse(0L);
    }

    private static JsonNode withoutAsOf(JsonNode map) {
        ObjectNode copy = map.deepCopy();
        copy.remove("asOf");
        return copy;
    }

    private static java.util.List<String> holders(JsonNode map, String theme) {
        for (JsonNode subject : map.get("subjects")) {
            if (subject.get("subject").get("ref").asText().equals(theme)) {
                return subject.get("accountable").findValuesAsText("odsCode");
            }
        }
        throw new AssertionError("no subject " + theme);
    }
}
