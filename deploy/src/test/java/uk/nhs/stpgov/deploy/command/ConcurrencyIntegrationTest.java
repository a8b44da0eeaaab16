package uk.nhs.stpgov.deploy.command;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.EventStore.StoredEvent;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent commands on one aggregate never lose an update. */
@IntegrationTest
class ConcurrencyIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @Test
    void concurrentCommandsOnOnePartnershipAreAllKeptInOneUnbrokenStream() throws Exception {
        Api api = new Api(port);
        api.ok("/api/partnerships", "{\"id\":\"race-stp\",\"name\":\"Race\",\"region\":\"Midlands\"}");
        List<Integer> statuses = inParallel(16, i -> api.post("/api/partnerships/race-stp/members",
                "{\"odsCode\":\"R%02dX\",\"name\":\"Trust %d\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-01-01\"}"
                        .formatted(i, i)).status());

        assertThat(statuses).allMatch(s -> s == 201 || s == 409);
        long admitted = statuses.stream().filter(s -> s == 201).count();
        assertThat(admitted).as("retries absorb most races").isGreaterThanOrEqualTo(12);
        List<StoredEvent> events = new EventStore(dataSource).of("race-stp");
        assertThat(events).hasSize(1 + (int) admitted);
        assertThat(events).extracting(StoredEvent::sequenceNumber)
                .containsExactlyElementsOf(IntStream.range(0, events.size()).mapToObj(Long::valueOf).toList());
    }

    @Test
    void concurrentAccountableAssignmentsLeaveExactlyOneHolder() throws Exception {
        Api api = new Api(port);
        api.ok("/api/partnerships", "{\"id\":\"race-raci\",\"name\":\"Race\",\"region\":\"Midlands\"}");
        for (int i = 0; i < 8; i++) {
            api.ok("/api/partnerships/race-raci/members",
                    "{\"odsCode\":\"Q%02dZ\",\"name\":\"Body %d\",\"sector\":\"CCG\",\"joinedOn\":\"2016-01-01\"}".formatted(i, i));
        }
        long before = new EventStore(dataSource).count();
        List<Integer> statuses = inParallel(8, i -> api.post("/api/partnerships/race-raci/accountabilities",
                "{\"subject\":{\"type\":\"THEME\",\"ref\":\"FINANCE\"},\"role\":\"ACCOUNTABLE\",\"odsCode\":\"Q%02dZ\",\"post\":\"CFO\",\"effectiveFrom\":\"2018-01-01\"}"
                        .formatted(i)).status());

        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(s -> s != 201).containsOnly(409);
        assertThat(new EventStore(dataSource).count()).isEqualTo(before + 1);
    }

    private static List<Integer> inParallel(int n, IntTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> task.run(index));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    interface IntTask {
        int run(int index);
    }
}
