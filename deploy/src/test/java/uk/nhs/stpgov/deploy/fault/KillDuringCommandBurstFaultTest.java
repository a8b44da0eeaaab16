package uk.nhs.stpgov.deploy.fault;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.ForkedApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 during a burst of commands from several clients: after a restart, every command that was answered 2xx
 * has its event in the store. (Unanswered ones may or may not have been written; both are fine.)
 */
class KillDuringCommandBurstFaultTest {
    private static final int CLIENTS = 6;

    record Acknowledged(String aggregateId, String eventType) {
    }

    @Test
    void everyAcknowledgedCommandIsInTheStoreAfterAKillAndRestart() throws Exception {
        TestDatabases.Database database = TestDatabases.fresh();
        Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (ForkedApp app = ForkedApp.start(database)) {
            Api api = app.api();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> burst(api, client, sent, acknowledged, stop));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 150);
            app.kill();
        } finally {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (ForkedApp restarted = ForkedApp.start(database)) {
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(),
                    database.password()));
            List<Acknowledged> missing = acknowledged.stream().filter(ack -> jdbc.sql(
                            "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")
                    .params(ack.aggregateId(), "uk.nhs.stpgov.events.partnership." + ack.eventType())
                    .query(Long.class).single() == 0).toList();
            long stored = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
            System.out.printf("FAULT kill -9 during burst: %d clients, %d commands sent, %d acknowledged (2xx), "
                            + "%d acknowledged found in store, %d events in store after restart%n",
                    CLIENTS, sent.get(), acknowledged.size(), acknowledged.size() - missing.size(), stored);
            assertThat(missing).as("acknowledged but lost").isEmpty();
            assertThat(stored).as("no more than was sent").isLessThanOrEqualTo(sent.get());

            Api api = restarted.api();
            Acknowledged first = acknowledged.peek();
            assertThat(api.post("/api/partnerships/" + first.aggregateId() + "/confidence",
                    "{\"question\":\"How confident are you in the partnership's governance?\",\"respondentOdsCode\":\"RNN\",\"on\":\"2019-01-01\",\"respondentRole\":\"Chair\",\"level\":\"HIGH\",\"reason\":\"Back after the crash\"}").status())
                    .as("the restarted app carries on").isEqualTo(200);
            assertThat(api.get("/api/audit/verify").json().get("ok").asBoolean()).as("no torn chain").isTrue();
        }
    }

    /** One client: registers partnerships and admits a member to each, until the app dies or the test stops. */
    private static void burst(Api api, int client, AtomicInteger sent, Queue<Acknowledged> acknowledged,
                              AtomicBoolean stop) {
        try {
            for (int i = 0; !stop.get() && i < 2_000; i++) {
                String pid = "crash-" + client + "-" + i;
                sent.incrementAndGet();
                if (api.post("/api/partnerships", "{\"id\":\"%s\",\"name\":\"Crash test %d/%d\",\"region\":\"North\"}"
                        .formatted(pid, client, i)).status() / 100 != 2) {
                    continue;
                }
                acknowledged.add(new Acknowledged(pid, "PartnershipRegistered"));
                sent.incrementAndGet();
                if (api.post("/api/partnerships/" + pid + "/members",
                        "{\"odsCode\":\"RNN\",\"name\":\"North Cumbria Integrated Care NHS Foundation Trust\","
                                + "\"sector\":\"FOUNDATION_TRUST\",\"joinedOn\":\"2016-03-01\"}").status() / 100 == 2) {
                    acknowledged.add(new Acknowledged(pid, "MemberAdmitted"));
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // The app was killed while this request was in flight: it was never acknowledged.
        }
    }
}
