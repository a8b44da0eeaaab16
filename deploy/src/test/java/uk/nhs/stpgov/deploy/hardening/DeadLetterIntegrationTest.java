package uk.nhs.stpgov.deploy.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One event a projection cannot write never stops the read side (issue 13): it is parked with its aggregate's later
 * events, every other aggregate is still projected, an administrator sees the letter and its error, health says
 * DEGRADED and the replay status is not DONE; once the cause is mended, a retry applies it.
 * <p>
 * The poison is a rule the database refuses (a CHECK constraint the test adds, standing for a projection bug), and
 * an event stored through SQL with a NUL in its text (standing for an old event stored before the edge checks).
 */
@IntegrationTest
class DeadLetterIntegrationTest {
    private static final String PID = "dead-letters";
    private static final String OTHER = "dead-letters-other";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private JdbcClient sql() {
        return JdbcClient.create(dataSource);
    }

    @AfterEach
    void mend() {
        sql().sql("ALTER TABLE q_decision DROP CONSTRAINT IF EXISTS test_poison").update();
    }

    private static String decision(String title) {
        return "{\"title\":\"" + title + "\",\"theme\":\"RISK\",\"decidingOdsCodes\":[\"RNN\"],\"outcome\":\"NOTED\","
                + "\"decidedOn\":\"2019-06-01\"}";
    }

    private static void partnership(Api api, String pid) {
        if (api.get("/api/partnerships/" + pid).status() == 200) {
            return;
        }
        api.ok("/api/partnerships", "{\"id\":\"" + pid + "\",\"name\":\"" + pid + "\",\"region\":\"North West\"}");
        api.ok("/api/partnerships/" + pid + "/members", "{\"odsCode\":\"RNN\",\"name\":\"North Cumbria Integrated "
                + "Care NHS Foundation Trust\",\"sector\":\"FOUNDATION_TRUST\",\"joinedOn\":\"2016-04-01\"}");
    }

    @Test
    void aPoisonedEventIsParkedWhileEveryOtherAggregateMovesOnAndARetryAppliesItAfterTheFix() {
        Api api = new Api(port);
        partnership(api, PID);
        partnership(api, OTHER);
        sql().sql("ALTER TABLE q_decision ADD CONSTRAINT test_poison CHECK (title <> 'poison')").update();

        String poisoned = api.id("/api/partnerships/" + PID + "/decisions", decision("poison"));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(api.id("/api/partnerships/" + OTHER + "/decisions", decision("Decision " + i)));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : others) {
                assertThat(api.get("/api/decisions/" + id).status()).as(id).isEqualTo(200);
            }
        });
        JsonNode letters = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/admin/dead-letters").json(), list -> list.size() == 1);
        // The projections are sequenced by partnership: the letter's sequence is the partnership it belongs to.
        assertThat(letters.get(0).get("sequence").asText()).isEqualTo(PID);
        JsonNode letter = letters.get(0).get("letters").get(0);
        assertThat(letter.get("aggregateId").asText()).isEqualTo(poisoned);
        assertThat(letter.get("eventType").asText()).isEqualTo("DecisionRecorded");
        assertThat(letter.get("causeMessage").asText()).contains("test_poison");
        assertThat(api.get("/api/decisions/" + poisoned).status()).isEqualTo(404);

        // A later event of the same partnership waits behind the parked one.
        api.ok("/api/decisions/" + poisoned + "/rescission", "{\"reason\":\"withdrawn\",\"on\":\"2019-07-01\"}");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/admin/dead-letters").json().get(0).get("letters").size() == 2);

        // Health counts parked events in the background (every 2 s), so that it answers at once.
        JsonNode health = await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/actuator/health").json(),
                answer -> answer.at("/components/projections/details/deadLetters").asInt() == 2);
        assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/projections/details/deadLetters").asInt()).isEqualTo(2);
        JsonNode replays = api.get("/api/admin/replays").json();
        assertThat(replays.get("state").asText()).isEqualTo("RUNNING");
        assertThat(replays.get("deadLetters").asInt()).isEqualTo(2);

        mend();
        Api.Answer retried = api.post("/api/admin/dead-letters/" + PID + "/retry", "{}");

        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("applied").asBoolean()).isTrue();
        assertThat(api.get("/api/admin/dead-letters").json()).isEmpty();
        JsonNode mended = api.get("/api/decisions/" + poisoned).json();
        assertThat(mended.get("status").asText()).isEqualTo("RESCINDED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/actuator/health").json().get("status").asText().equals("UP"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/admin/replays").json().get("state").asText().equals("DONE"));
    }

    @Test
    void anOldStoredEventWithANulIsParkedNotRetriedForever() {
        Api api = new Api(port);
        partnership(api, OTHER);
        String template = api.id("/api/partnerships/" + OTHER + "/decisions", decision("template"));
        String poisoned = java.util.UUID.randomUUID().toString();
        // An event as an older version could have stored it: the same row with a NUL in its title.
        sql().sql("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                    payloadtype, payloadrevision, payload, metadata)
                SELECT :eventId, :aggregateId, 0, type, timestamp, payloadtype, payloadrevision,
                    convert_to(replace(replace(convert_from(payload, 'UTF8'), :template, :aggregateId),
                        '"title":"template"', '"title":"a\\u0000b"'), 'UTF8'), metadata
                FROM domainevententry WHERE aggregateidentifier = :template AND sequencenumber = 0""")
                .param("eventId", java.util.UUID.randomUUID().toString())
                .param("aggregateId", poisoned).param("template", template).update();
        partnership(api, PID);
        String after = api.id("/api/partnerships/" + PID + "/decisions", decision("after the poison"));

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/decisions/" + after).status() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode list = api.get("/api/admin/dead-letters").json();
            return list.findValuesAsText("aggregateId").contains(poisoned);
        });

        Api.Answer evicted = api.send("DELETE", "/api/admin/dead-letters/" + OTHER);
        assertThat(evicted.status()).as(evicted.body()).isEqualTo(200);
        assertThat(evicted.json().get("evicted").asInt()).isEqualTo(1);
        assertThat(api.get("/api/admin/dead-letters").json().findValuesAsText("aggregateId")).doesNotContain(poisoned);
    }
}
