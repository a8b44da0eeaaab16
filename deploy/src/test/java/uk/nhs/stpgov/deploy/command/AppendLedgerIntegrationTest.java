package uk.nhs.stpgov.deploy.command;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.Api.Answer;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.EventStore.StoredEvent;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the append reports is what the store holds: each command's {@code X-Event-Position} is the global index of
 * its own event, even while other commands append around it, and the hash chain stays whole when appends continue
 * it from the remembered last link after concurrent commands lost races on the same aggregate.
 */
@IntegrationTest
class AppendLedgerIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @Test
    void eachCommandsPositionIsTheGlobalIndexOfItsOwnEventUnderConcurrentAppends() throws Exception {
        Api api = new Api(port);
        String pid = "ledger-" + System.nanoTime();
        api.ok("/api/partnerships", "{\"id\":\"" + pid + "\",\"name\":\"Ledger\",\"region\":\"Midlands\"}");
        // Members of one partnership race for its sequence numbers (retried), while new partnerships append elsewhere.
        List<Answer> answers = inParallel(24, i -> i % 2 == 0
                ? api.post("/api/partnerships/" + pid + "/members", "{\"odsCode\":\"L%02dX\",\"name\":\"Trust %d\","
                        .formatted(i, i) + "\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-01-01\"}")
                : api.post("/api/partnerships", "{\"id\":\"" + pid + "-" + i + "\",\"name\":\"Other\","
                        + "\"region\":\"Midlands\"}"));

        EventStore store = new EventStore(dataSource);
        Map<String, Long> memberEvents = store.of(pid).stream().filter(e -> e.type().equals("MemberAdmitted"))
                .collect(Collectors.toMap(e -> e.payload().get("odsCode").asText(), StoredEvent::globalIndex));
        int checked = 0;
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            if (answer.status() >= 300) {
                assertThat(answer.status()).as("only a persistent race loser fails").isEqualTo(409);
                continue;
            }
            long position = Long.parseLong(answer.header("X-Event-Position"));
            long own = i % 2 == 0 ? memberEvents.get("L%02dX".formatted(i))
                    : store.of(pid + "-" + i).get(0).globalIndex();
            assertThat(position).as("position of answer %d", i).isEqualTo(own);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(18);
    }

    @Test
    void theHashChainVerifiesAfterConcurrentConflictsOnOneAggregate() throws Exception {
        Api api = new Api(port);
        String pid = "chain-" + System.nanoTime();
        api.ok("/api/partnerships", "{\"id\":\"" + pid + "\",\"name\":\"Chain\",\"region\":\"Midlands\"}");
        for (int round = 0; round < 3; round++) {
            int r = round;
            List<Answer> answers = inParallel(12, i -> api.post("/api/partnerships/" + pid + "/members",
                    "{\"odsCode\":\"C%d%02dX\",\"name\":\"Trust %d\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-01-01\"}"
                            .formatted(r, i, i)));
            assertThat(answers).extracting(Answer::status).allMatch(s -> s == 201 || s == 409);
            // One more on its own: continues the chain from the link the last winner left behind.
            api.ok("/api/partnerships/" + pid + "/members", "{\"odsCode\":\"S%dX\",\"name\":\"Single\","
                    .formatted(r) + "\"sector\":\"CCG\",\"joinedOn\":\"2016-01-01\"}");
        }
        List<StoredEvent> events = new EventStore(dataSource).of(pid);
        assertThat(events).extracting(StoredEvent::sequenceNumber).doesNotHaveDuplicates();
        var verification = api.get("/api/audit/verify").json();
        assertThat(verification.get("ok").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(new EventStore(dataSource).count());
    }

    @Test
    void aRecordCreatedTwiceWithOneIdIsRefusedWithoutDrawingAGlobalIndex() throws Exception {
        Api api = new Api(port);
        String pid = "twice-" + System.nanoTime();
        String partnership = "{\"id\":\"" + pid + "\",\"name\":\"Twice\",\"region\":\"North West\"}";
        api.ok("/api/partnerships", partnership);
        String decision = "{\"id\":\"6f1c2a4e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\",\"title\":\"Adopt the Healthier Lancashire "
                + "and South Cumbria five year plan\",\"theme\":\"VISION\",\"decidingOdsCodes\":[],"
                + "\"outcome\":\"NOTED\",\"rationale\":\"Noted by the board\",\"decidedOn\":\"2017-03-01\"}";
        api.ok("/api/partnerships/" + pid + "/decisions", decision);
        long drawn = new EventStore(dataSource).lastIndexDrawn();

        assertThat(api.post("/api/partnerships", partnership).status()).isEqualTo(409);
        assertThat(api.post("/api/partnerships/" + pid + "/decisions", decision).status()).isEqualTo(409);

        // A refused append that had drawn an index would leave a gap that every projection's token carries.
        assertThat(new EventStore(dataSource).lastIndexDrawn()).isEqualTo(drawn);
        api.ok("/api/partnerships/" + pid + "/decisions", decision.replace("6f1c2a4e", "7a2d3b5f"));
        assertThat(new EventStore(dataSource).lastIndexDrawn()).isEqualTo(drawn + 1);
    }

    private static List<Answer> inParallel(int n, IntFunction<Answer> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> task.apply(index));
            }
            List<Answer> results = new ArrayList<>();
            for (Future<Answer> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
