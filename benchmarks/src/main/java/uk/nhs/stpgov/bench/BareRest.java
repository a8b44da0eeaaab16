package uk.nhs.stpgov.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DESIGN §7 {@code bareRestPerSecond}: starts {@link uk.nhs.stpgov.bench.bare.BareRestApp} as its own JVM (same
 * {@code -Xmx} as the tracker) on the benchmark's database and drives it with the same clients and the same
 * decision bodies as the tracker's commands. Its one endpoint does one INSERT + COMMIT of an event row.
 */
final class BareRest {
    interface Bodies {
        /** Path and JSON body of the next "record a decision" request of a client. */
        String[] next(int client, long iteration);
    }

    record Measured(Latencies.Result result, CpuMeter.PerRequest cpu, Latencies.WarmUp warmUp) {
    }

    private BareRest() {
    }

    /**
     * A started BareRestApp. It is started early (the benchmark starts it while it bulk-loads the large store, which
     * is not a measured figure) and waited for before any measured phase, so its start-up overlaps no measurement.
     */
    static final class Started implements AutoCloseable {
        private final Connection db;
        private final Process app;
        private final String base;
        private final String authorization;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
        private final long startedNanos = System.nanoTime();

        private Started(Connection db, Process app, String base, String authorization) {
            this.db = db;
            this.app = app;
            this.base = base;
            this.authorization = authorization;
        }

        /** Waits until it answers a POST; returns the seconds since it was started. */
        double awaitReady(Bodies bodies) throws Exception {
            awaitListening(app, http, base, authorization, bodies);
            return (System.nanoTime() - startedNanos) / 1e9;
        }

        @Override
        public void close() throws Exception {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_bare_event");
                s.execute("DROP SEQUENCE IF EXISTS bench_bare_event_seq");
            }
            db.commit();
        }
    }

    static Started start(Connection db, String jdbcUrl, String dbUser, String dbPassword, String user,
                         String password, String maxHeap, Path logFile) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_bare_event");
            s.execute("DROP SEQUENCE IF EXISTS bench_bare_event_seq");
            s.execute("CREATE SEQUENCE bench_bare_event_seq");
            s.execute("CREATE TABLE bench_bare_event (LIKE domainevententry INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            s.execute("ALTER TABLE bench_bare_event ALTER COLUMN globalindex SET DEFAULT nextval('bench_bare_event_seq')");
        }
        db.commit();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), maxHeap,
                "-cp", System.getProperty("java.class.path"), "uk.nhs.stpgov.bench.bare.BareRestApp",
                "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + dbUser, "--spring.datasource.password=" + dbPassword,
                // the tracker's pool size (stpgov.db.pool-size)
                "--spring.datasource.hikari.maximum-pool-size=20",
                "--bench.user=" + user, "--bench.password=" + password));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return new Started(db, app, "http://localhost:" + port, authorization);
    }

    /**
     * Warms the started app up by the tracker's rule ({@link Latencies#warmUp}) and measures it with {@code clients}
     * clients for {@code seconds}.
     */
    static Measured measure(Started started, long postmasterPid, int clients, double seconds,
                            double warmUpRoundSeconds, double warmUpMaxSeconds, Bodies bodies) throws Exception {
        started.awaitReady(bodies);
        HttpClient http = started.http;
        String base = started.base;
        String authorization = started.authorization;
        Latencies.Call call = (client, i) -> {
            String[] request = bodies.next(client, i);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + request[0]))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                    .header("Accept", "application/json").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request[1])).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("bare POST -> " + r.statusCode() + " " + r.body());
            }
            return true;
        };
        Latencies.WarmUp warmUp = Latencies.warmUp(clients, warmUpRoundSeconds, warmUpMaxSeconds, call);
        CpuMeter.Snapshot cpu0 = CpuMeter.snapshot(started.app.pid(), postmasterPid);
        Latencies.Result result = Latencies.run(clients, seconds, call);
        return new Measured(result, CpuMeter.since(cpu0, CpuMeter.snapshot(started.app.pid(), postmasterPid),
                result.ok()), warmUp);
    }

    private static void awaitListening(Process app, HttpClient http, String base, String authorization,
                                       Bodies bodies) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        String[] probe = bodies.next(0, 0);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("BareRestApp exited with " + app.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + probe[0]))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(probe[1])).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    return;
                }
                throw new IllegalStateException("BareRestApp answered " + r.statusCode() + " " + r.body());
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("BareRestApp did not start in 600 s");
    }

}
