package uk.nhs.stpgov.deploy.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.TestUsers;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key repeats write nothing; a stale expectedVersion is 409 and writes nothing. */
@IntegrationTest
class IdempotencyAndVersionIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api api;
    EventStore store;
    String pid;

    @BeforeEach
    void partnershipWithAMember() {
        api = new Api(port);
        store = new EventStore(dataSource);
        pid = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        api.ok("/api/partnerships", "{\"id\":\"%s\",\"name\":\"Humber, Coast and Vale\",\"region\":\"North East and Yorkshire\"}"
                .formatted(pid));
        api.ok("/api/partnerships/" + pid + "/members",
                "{\"odsCode\":\"RWA\",\"name\":\"Hull University Teaching Hospitals NHS Trust\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-03-01\"}");
    }

    private String forum(String name) {
        return """
                {"name":"%s","kind":"PARTNERSHIP_BOARD","memberOdsCodes":["RWA"],"themes":["VISION"]}""".formatted(name);
    }

    @Test
    void aRepeatGetsTheFirstAnswerAndWritesNothing() {
        Api keyed = api.with("Idempotency-Key", "forum-" + pid);
        Api.Answer first = keyed.post("/api/partnerships/" + pid + "/forums", forum("Humber Partnership Board"));
        assertThat(first.status()).isEqualTo(201);
        long events = store.count();

        Api.Answer repeat = keyed.post("/api/partnerships/" + pid + "/forums", forum("Humber Partnership Board"));
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.location()).isEqualTo(first.location());
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        // A client that lost the first answer can still wait for its own write (?minPosition=).
        assertThat(first.header("X-Event-Position")).isNotNull();
        assertThat(repeat.header("X-Event-Position")).isEqualTo(first.header("X-Event-Position"));
        assertThat(store.count()).isEqualTo(events);
        assertThat(store.of(pid).get(2).metadata().get("idempotencyKey").asText()).isEqualTo("forum-" + pid);
    }

    @Test
    void theSameKeyOnADifferentRequestIs422AndWritesNothing() {
        Api keyed = api.with("Idempotency-Key", "board-" + pid);
        assertThat(keyed.post("/api/partnerships/" + pid + "/forums", forum("Board")).status()).isEqualTo(201);
        long events = store.count();

        Api.Answer otherBody = keyed.post("/api/partnerships/" + pid + "/forums", forum("Another board"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.isProblem()).isTrue();
        assertThat(otherBody.json().get("type").asText()).isEqualTo("/problems/idempotency-key-reused");
        Api.Answer otherPath = keyed.post("/api/partnerships/" + pid + "/confidence",
                "{\"question\":\"How confident are you in the partnership's governance?\",\"respondentOdsCode\":\"RWA\",\"on\":\"2019-01-01\",\"respondentRole\":\"Chair\",\"level\":\"LOW\",\"reason\":\"Finance\"}");
        assertThat(otherPath.status()).isEqualTo(422);
        assertThat(store.count()).isEqualTo(events);
    }

    @Test
    void keysAreScopedToTheUser() {
        String key = "register-" + pid;
        String body = "{\"id\":\"%s-b\",\"name\":\"Kent and Medway\",\"region\":\"South East\"}".formatted(pid);
        assertThat(api.with("Idempotency-Key", key).post("/api/partnerships", body).status()).isEqualTo(201);

        // The same key and body from another user is that user's own request: it runs, and is refused on its merits.
        Api.Answer someoneElse = api.as(TestUsers.OFFICE_KENT).with("Idempotency-Key", key).post("/api/partnerships", body);
        assertThat(someoneElse.status()).isEqualTo(403);
        assertThat(someoneElse.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void concurrentRepeatsRunOnceAndTheOthersGetTheAnswerOrAConflict() throws Exception {
        Api keyed = api.with("Idempotency-Key", "race-" + pid);
        long events = store.count();
        List<Api.Answer> answers = inParallel(6, () -> keyed.post("/api/partnerships/" + pid + "/confidence",
                "{\"question\":\"How confident are you in the partnership's governance?\",\"respondentOdsCode\":\"RWA\",\"on\":\"2019-01-01\",\"respondentRole\":\"Director of Finance\",\"level\":\"MODERATE\",\"reason\":\"Control total agreed\"}"));

        assertThat(answers).extracting(Api.Answer::status).containsAnyOf(200).allMatch(s -> s == 200 || s == 409);
        assertThat(answers.stream().filter(a -> a.status() == 200).map(Api.Answer::body).distinct()).hasSize(1);
        assertThat(store.count()).as("one execution").isEqualTo(events + 1);
        assertThat(keyed.post("/api/partnerships/" + pid + "/confidence",
                "{\"question\":\"How confident are you in the partnership's governance?\",\"respondentOdsCode\":\"RWA\",\"on\":\"2019-01-01\",\"respondentRole\":\"Director of Finance\",\"level\":\"MODERATE\",\"reason\":\"Control total agreed\"}")
                .status()).isEqualTo(200);
        assertThat(store.count()).isEqualTo(events + 1);
    }

    @Test
    void anUnusableKeyIs400() {
        Api.Answer answer = api.with("Idempotency-Key", "k".repeat(201))
                .post("/api/partnerships/" + pid + "/forums", forum("Board"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void aStaleExpectedVersionIs409AndWritesNothing() {
        // The partnership is at sequence number 1 (registered, one member admitted).
        long events = store.count();
        Api.Answer stale = api.post("/api/partnerships/" + pid + "/members/RWA/withdrawal",
                "{\"on\":\"2019-04-01\",\"reason\":\"Left\",\"expectedVersion\":0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.isProblem()).isTrue();
        assertThat(stale.json().get("type").asText()).isEqualTo("/problems/stale-version");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(events);

        assertThat(api.post("/api/partnerships/" + pid + "/members/RWA/withdrawal",
                "{\"on\":\"2019-04-01\",\"reason\":\"Left\",\"expectedVersion\":-1}").status()).isEqualTo(400);
        assertThat(api.post("/api/partnerships/" + pid + "/members/RWA/withdrawal",
                "{\"on\":\"2019-04-01\",\"reason\":\"Left\",\"expectedVersion\":1}").status()).isEqualTo(200);
    }

    @Test
    void expectedVersionGuardsServiceChangesToo() {
        String sc = api.id("/api/partnerships/" + pid + "/service-changes", """
                {"title":"Hyper-acute stroke services","kind":"RECONFIGURATION","themes":["ENGAGEMENT"],"leadOdsCode":"RWA"}""");
        assertThat(api.post("/api/service-changes/" + sc + "/stage", "{\"stage\":\"ENGAGEMENT\",\"expectedVersion\":0}")
                .status()).isEqualTo(200);
        long events = store.count();
        assertThat(api.post("/api/service-changes/" + sc + "/stage", "{\"stage\":\"WITHDRAWN\",\"expectedVersion\":0}")
                .status()).isEqualTo(409);
        assertThat(store.count()).isEqualTo(events);
        // The same move again, as a client retries it: stale, not "cannot move from ENGAGEMENT to ENGAGEMENT"
        // (outside tester: a rule violation without currentVersion).
        Api.Answer retried = api.post("/api/service-changes/" + sc + "/stage",
                "{\"stage\":\"ENGAGEMENT\",\"expectedVersion\":0}");
        assertThat(retried.status()).isEqualTo(409);
        assertThat(retried.json().get("type").asText()).as(retried.body()).isEqualTo("/problems/stale-version");
        assertThat(retried.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(store.count()).isEqualTo(events);
    }

    private static List<Api.Answer> inParallel(int n, Callable<Api.Answer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Api.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(call);
            }
            List<Api.Answer> answers = new ArrayList<>();
            for (Future<Api.Answer> future : pool.invokeAll(calls)) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
