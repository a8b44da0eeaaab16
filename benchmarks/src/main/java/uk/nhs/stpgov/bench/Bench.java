package uk.nhs.stpgov.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.DateTimeUtils;
import uk.nhs.stpgov.events.audit.HashChain;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The benchmark of DESIGN §7. Starts the tracker (embedded PostgreSQL in a temporary data directory, or
 * {@code STPGOV_DB_URL}), bulk-loads a small then a large realistic store, and measures each figure next to its
 * raw-JDBC baseline on the same schema and the same rows. Writes {@code results/latest.json} and prints a table.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final boolean quick;
    private final long totalEvents;
    private final long smallEvents;
    private final double queryPhaseSeconds;
    private final double commandPhaseSeconds;
    /** The command warm-up of both apps (Latencies.warmUp): rounds of this many seconds, at most that many in all. */
    private final double warmUpRoundSeconds;
    private final double warmUpMaxSeconds;
    private Latencies.WarmUp commandWarmUp;
    private Latencies.WarmUp bareWarmUp;
    private final Path root;
    private final Path results;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectNode out = JSON.createObjectNode();
    private final List<String[]> table = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    private Process app;
    private Path dataDir;
    private String base;
    private String jdbcUrl;
    private Properties jdbcProps;
    private StoreGenerator generator;
    /** The tracker's -Xmx (DESIGN §7: 256 in both modes unless BENCH_APP_OPTS names another). */
    private long trackerMaxHeapMb = 256;
    private Latencies.Result bareRest;
    private CpuMeter.PerRequest commandCpu;
    private CpuMeter.PerRequest bareCpu;
    /** Seconds from the end of the command phases until the read side had every event they stored; -1: never. */
    private double readSideCatchUp;
    private BareRest.Started bareApp;
    /** CPU per event of the last rebuild (the large store's in the report). */
    private CpuMeter.PerRequest rebuildCpu;

    private Bench(String[] args) {
        boolean q = false;
        long total = -1, small = -1;
        Path r = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> q = true;
                case "--events" -> total = Long.parseLong(args[++i]);
                case "--small" -> small = Long.parseLong(args[++i]);
                case "--root" -> r = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + " (use --quick, --events N, --small N, --root DIR)");
            }
        }
        quick = q;
        totalEvents = total > 0 ? total : q ? 100_000 : 1_000_000;
        smallEvents = small > 0 ? small : q ? totalEvents / 5 : totalEvents / 10;
        queryPhaseSeconds = q ? 3 : 8;
        warmUpRoundSeconds = q ? 2 : 3;
        warmUpMaxSeconds = q ? 20 : 120;
        commandPhaseSeconds = q ? 3 : 8;
        root = r.toAbsolutePath().normalize();
        results = root.resolve("benchmarks/results");
        String user = env("BENCH_USER", "admin");
        String password = env("BENCH_PASSWORD", "admin");
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(args);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopApp));
        int status = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            bench.stopApp();
        }
        System.exit(status);
    }

    // ================================================================ the run

    private void run() throws Exception {
        try {
            measureAll();
        } finally {
            if (bareApp != null) {
                // After a failed run the database may be gone already: say so, but keep the failure that ended it.
                try {
                    bareApp.close();
                } catch (Exception e) {
                    log("the bare REST app did not close cleanly: %s", e);
                }
            }
        }
    }

    private void measureAll() throws Exception {
        Files.createDirectories(results);
        log("mode %s: %,d events (small store %,d)", quick ? "quick" : "full", totalEvents, smallEvents);
        startApp();
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            requireEmptyStore(db);
            generator = new StoreGenerator(totalEvents);

            // ---- small store: load, rebuild projections, query latency
            long t0 = System.nanoTime();
            generator.generateAndAppend(db, smallEvents);
            log("loaded %,d events in %.1f s", smallEvents, secondsSince(t0));
            formatCheck(db, generator.partnerships().get(0));
            double smallRebuild = rebuild(db);
            HttpResponse<String> verify = request("GET", "/api/audit/verify", null);
            if (verify.statusCode() == 200) {
                log("audit verify of the bulk-loaded store: %s", verify.body());
                out.set("auditVerifySmallStore", JSON.readTree(verify.body()));
            } else {
                log("GET /api/audit/verify -> %d: not available, skipped", verify.statusCode());
            }
            List<String> pids = generator.partnerships().stream().map(StoreGenerator.P::id).toList();
            String smallLargest = largestPartnership(db);
            Latencies.Result smallMap = httpGets(8, queryPhaseSeconds, i -> mapPath(smallLargest, null));
            log("map query, small store: p50 %.1f ms, p99 %.1f ms", smallMap.p50Ms(), smallMap.p99Ms());

            // ---- large store; the bare REST app (measured last) starts meanwhile, and is up before the rebuild
            bareApp = BareRest.start(db, jdbcUrl, jdbcProps.getProperty("user"),
                    jdbcProps.getProperty("password", ""), env("BENCH_USER", "admin"), env("BENCH_PASSWORD", "admin"),
                    "-Xmx" + trackerMaxHeapMb + "m", results.resolve("bare-rest.log"));
            t0 = System.nanoTime();
            generator.generateAndAppend(db, totalEvents);
            double loadSeconds = secondsSince(t0);
            long events = count(db, "SELECT count(*) FROM domainevententry");
            log("loaded %,d more events in %.1f s; store holds %,d", totalEvents - smallEvents, loadSeconds, events);
            log("bare REST app up %.1f s after its start (started with the load, which it slowed)",
                    bareApp.awaitReady((client, i) -> decisionRequest(pids)));
            out.put("eventsInStore", events);
            double rebuildRate = rebuild(db);
            double heapMb = heapAfterGc();
            double rawSelect = rawSelect(db);

            // ---- queries on the large store
            String largest = largestPartnership(db);
            log("largest partnership: %s (%s at the small store)", largest, smallLargest);
            out.put("largestPartnership", largest);
            Latencies.Result map = httpGets(8, queryPhaseSeconds, i -> mapPath(largest, null));
            Latencies.Result rawMap = rawMapReads(largest, 8, queryPhaseSeconds);
            explainQueries(db, largest);
            Latencies.Result decisions = httpGets(8, queryPhaseSeconds,
                    i -> "/api/partnerships/" + largest + "/decisions");
            Latencies.Result asOf = httpGets(8, queryPhaseSeconds, i -> mapPath(largest, randomPast()));
            Latencies.Result map1 = httpGets(1, queryPhaseSeconds / 2, i -> mapPath(largest, null));

            // ---- commands (they append to the store, so they run last)
            commandsWarmUp(pids);
            List<Latencies.Result> commands = new ArrayList<>();
            for (int clients : new int[]{1, 8, 32}) {
                CpuMeter.Snapshot cpu0 = CpuMeter.snapshot(app.pid(), CpuMeter.postmaster(dataDir));
                Latencies.Result r = commands(pids, clients, commandPhaseSeconds);
                if (clients == 8) {
                    commandCpu = CpuMeter.since(cpu0, CpuMeter.snapshot(app.pid(), CpuMeter.postmaster(dataDir)),
                            r.ok());
                    log("CPU per command at 8 clients: tracker %.2f ms, PostgreSQL %.2f ms", commandCpu.appMs(),
                            commandCpu.dbMs());
                }
                commands.add(r);
                log("commands at %d clients: %.0f/s, p50 %.1f ms, p99 %.1f ms, failed %d %s", clients, r.perSecond(),
                        r.p50Ms(), r.p99Ms(), r.failed(), r.firstError() == null ? "" : r.firstError());
            }
            readSideCatchUp = readSideCatchUp(db, largest);
            Latencies.Result rawInsert = rawInserts(db, 8, commandPhaseSeconds);
            BareRest.Measured bare = BareRest.measure(bareApp, CpuMeter.postmaster(dataDir), 8, commandPhaseSeconds,
                    warmUpRoundSeconds, warmUpMaxSeconds, (client, i) -> decisionRequest(pids));
            bareWarmUp = bare.warmUp();
            log("bare REST warm-up: %.1f s in %d rounds, last %.0f/s, %s", bareWarmUp.seconds(), bareWarmUp.rounds(),
                    bareWarmUp.lastPerSecond(), bareWarmUp.steady() ? "levelled off" : "still rising at the limit");
            bareApp.close();
            bareApp = null;
            bareRest = bare.result();
            bareCpu = bare.cpu();
            log("CPU per bare request at 8 clients: app %.2f ms, PostgreSQL %.2f ms", bareCpu.appMs(), bareCpu.dbMs());
            log("bare REST (Tomcat + Security + Hikari + Jackson, one INSERT+COMMIT) at 8 clients: %.0f/s, "
                    + "p50 %.2f ms, p99 %.2f ms, failed %d", bareRest.perSecond(), bareRest.p50Ms(), bareRest.p99Ms(),
                    bareRest.failed());

            report(events, smallRebuild, rebuildRate, rawSelect, heapMb, smallMap, map, rawMap, decisions, asOf, map1,
                    commands, rawInsert, loadSeconds, db);
        }
    }

    // ================================================================ figures

    /**
     * The bulk-loaded rows must be what the tracker itself writes. One command through REST on a bulk-loaded
     * aggregate proves that the tracker sources the aggregate from them and continues their hash chain; its own row,
     * deserialised and serialised again by the generator's serializer, must come out byte for byte the same.
     */
    private void formatCheck(Connection db, StoreGenerator.P partnership) throws Exception {
        String partnershipId = partnership.id();
        // A member at the time of answering (a current one, as of its joining day or later).
        StoreGenerator.Member respondent = partnership.members.values().stream().filter(m -> m.current)
                .min(java.util.Comparator.comparing((StoreGenerator.Member m) -> m.joinedOn)).orElseThrow();
        post("/api/partnerships/" + partnershipId + "/confidence", "{\"question\":\"How confident are you in the "
                + "partnership's governance?\",\"respondentOdsCode\":\"" + respondent.ods + "\",\"respondentRole\":"
                + "\"Chair\",\"level\":\"HIGH\",\"reason\":\"Benchmark format check\",\"on\":\""
                + java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")) + "\"}", 200);
        // Assessments and confidence are their own aggregate: the partnership's ":assessments" stream.
        String aggregateId = partnershipId + ":assessments";
        ObjectMapper mapper = StoreGenerator.axonObjectMapper();
        org.axonframework.serialization.json.JacksonSerializer serializer =
                org.axonframework.serialization.json.JacksonSerializer.builder().objectMapper(mapper).build();
        try (PreparedStatement ps = db.prepareStatement("SELECT payloadtype, payloadrevision, payload, metadata, "
                + "timestamp, type, sequencenumber FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 2")) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String type = rs.getString(1);
                byte[] payload = rs.getBytes(3);
                Map<?, ?> meta = mapper.readValue(rs.getBytes(4), Map.class);
                String recordedAt = rs.getString(5);
                String aggregateType = rs.getString(6);
                String revision = rs.getString(2);
                generator.adopt(aggregateId, rs.getLong(7), String.valueOf(meta.get("hash")));
                // A small store may have no earlier answer of this partnership: the chain then starts here.
                String previousHash = rs.next() ? (String) mapper.readValue(rs.getBytes(4), Map.class).get("hash")
                        : HashChain.GENESIS;
                Object actor = meta.get("actor");
                String expectedHash = HashChain.next(previousHash, type, payload, recordedAt,
                        actor == null ? null : actor.toString());
                var again = serializer.serialize(mapper.readValue(payload, load(type)), byte[].class);
                boolean samePayload = java.util.Arrays.equals(again.getData(), payload)
                        && again.getType().getName().equals(type)
                        && java.util.Objects.equals(again.getType().getRevision(), revision);
                boolean chained = expectedHash.equals(meta.get("hash"));
                ObjectNode check = out.putObject("formatCheck");
                check.put("payloadBytesIdentical", samePayload);
                check.put("hashChainContinued", chained);
                check.put("aggregateType", aggregateType);
                check.put("metadataKeys", String.valueOf(new java.util.TreeSet<>(meta.keySet().stream()
                        .map(String::valueOf).toList())));
                log("format check on %s: payload bytes identical %s, tracker continued the bulk hash chain %s, "
                        + "metadata keys %s", partnershipId, samePayload, chained, check.get("metadataKeys").asText());
                if (!samePayload || !chained) {
                    throw new IllegalStateException("Bulk-loaded rows differ from the tracker's own format");
                }
            }
        }
        db.commit();
    }

    /** POST /api/admin/replays and poll until DONE; events in the store per second of rebuild. */
    private double rebuild(Connection db) throws Exception {
        long events = count(db, "SELECT count(*) FROM domainevententry");
        CpuMeter.Snapshot cpu0 = CpuMeter.snapshot(app.pid(), CpuMeter.postmaster(dataDir));
        long t0 = System.nanoTime();
        send("POST", "/api/admin/replays", null, 202, 200);
        JsonNode status = null;
        // A limit only against a rebuild that never ends: 30 minutes is 1M events at 560 events/s.
        long deadline = System.nanoTime() + Duration.ofMinutes(quick ? 3 : 30).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = get("/api/admin/replays");
            if ("DONE".equals(status.path("state").asText())) {
                double seconds = secondsSince(t0);
                double rate = events / seconds;
                // CPU per event compares runs on a shared machine better than events/s (it leaves out waiting for a
                // core); it includes the status polls, a few ms per second.
                rebuildCpu = CpuMeter.since(cpu0, CpuMeter.snapshot(app.pid(), CpuMeter.postmaster(dataDir)), events);
                log("rebuild of %,d events: %.1f s, %.0f events/s; CPU per event: tracker %.0f us, PostgreSQL %.0f us",
                        events, seconds, rate, rebuildCpu.appMs() * 1000, rebuildCpu.dbMs() * 1000);
                return rate;
            }
        }
        throw new IllegalStateException("Rebuild not DONE in time; last status " + status);
    }

    /** Keyset SELECT by global index and Jackson deserialisation of the same rows, on one connection. */
    private double rawSelect(Connection db) throws Exception {
        ObjectMapper mapper = StoreGenerator.axonObjectMapper();
        Map<String, Class<?>> types = new HashMap<>();
        long last = -1, rows = 0;
        long t0 = System.nanoTime();
        try (PreparedStatement ps = db.prepareStatement("SELECT globalindex, eventidentifier, aggregateidentifier, "
                + "sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, metadata "
                + "FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1000")) {
            while (true) {
                ps.setLong(1, last);
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        rs.getString(2);
                        rs.getString(3);
                        rs.getLong(4);
                        rs.getString(5);
                        Instant.parse(rs.getString(6));
                        String type = rs.getString(7);
                        rs.getString(8);
                        Class<?> cls = types.computeIfAbsent(type, Bench::load);
                        mapper.readValue(rs.getBytes(9), cls);
                        mapper.readValue(rs.getBytes(10), Map.class);
                        n++;
                    }
                }
                db.commit();
                rows += n;
                if (n == 0) {
                    break;
                }
            }
        }
        double rate = rows / secondsSince(t0);
        log("raw keyset select + deserialise of %,d rows: %.0f rows/s", rows, rate);
        return rate;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The partnership with the most events (its map is the largest). */
    private static String largestPartnership(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT partnership_id FROM q_timeline "
                + "GROUP BY partnership_id ORDER BY count(*) DESC, partnership_id LIMIT 1")) {
            rs.next();
            String pid = rs.getString(1);
            db.commit();
            return pid;
        }
    }

    /**
     * The statements MapReader runs for the default first page of a current map: the page of open rows in
     * sort_key order and the counts (the projection's totals less the changes dated after today).
     */
    private static final String[] MAP_SQL = {
            "SELECT partnership_id, subject_type, subject_ref, sort_key, title, theme, themes, ods_codes, "
                    + "holders::text AS holders, gaps::text AS gaps FROM q_map_subject WHERE partnership_id = ? "
                    + "AND valid_to IS NULL AND sort_key > '' ORDER BY sort_key LIMIT 201",
            "SELECT kind, sum(n) FROM (SELECT kind, n FROM q_map_total WHERE partnership_id = ? UNION ALL "
                    + "SELECT kind, -n FROM q_map_count WHERE partnership_id = ? AND day > CURRENT_DATE) c GROUP BY kind"};

    /**
     * Further statements whose plans explain.txt keeps: what MapReader runs (the version its kept answers and rows
     * are filed under, the ids of a current page and of as-of pages late and early in the history, the as-of
     * summary's totals and count changes on today and on an earlier day, the rows not yet kept), the decision page
     * and its ratifications, the cross-partnership gap page.
     */
    private static final String[] EXPLAINED_SQL = {
            "SELECT version FROM q_partnership_version WHERE partnership_id = ?",
            "SELECT id FROM q_map_subject WHERE partnership_id = ? AND valid_to IS NULL AND sort_key > '' "
                    + "ORDER BY sort_key LIMIT 201",
            "SELECT id FROM q_map_subject WHERE partnership_id = ? AND valid_from <= now() - interval '400 days' "
                    + "AND coalesce(valid_to, 'infinity'::timestamptz) > now() - interval '400 days' AND sort_key > '' "
                    + "ORDER BY sort_key LIMIT 201",
            "SELECT id FROM q_map_subject WHERE partnership_id = ? AND valid_from <= timestamptz '2017-01-01' "
                    + "AND coalesce(valid_to, 'infinity'::timestamptz) > timestamptz '2017-01-01' AND sort_key > '' "
                    + "ORDER BY sort_key LIMIT 201",
            "SELECT totals::text FROM q_map_total_change WHERE partnership_id = ? "
                    + "AND recorded_at <= now() - interval '400 days' ORDER BY recorded_at DESC LIMIT 1",
            "SELECT kind, sum(n) FROM q_map_count_change WHERE partnership_id = ? AND day > CURRENT_DATE "
                    + "AND recorded_at <= now() - interval '400 days' GROUP BY kind",
            "SELECT kind, sum(n) FROM q_map_count_change WHERE partnership_id = ? AND day > date '2019-04-01' "
                    + "AND recorded_at <= now() - interval '400 days' GROUP BY kind",
            "SELECT id, partnership_id, subject_type, subject_ref, sort_key, title, theme, themes, ods_codes, "
                    + "holders::text, gaps::text FROM q_map_subject WHERE id = ANY(ARRAY(SELECT id FROM q_map_subject "
                    + "WHERE partnership_id = ? AND valid_to IS NULL ORDER BY sort_key LIMIT 201))",
            "SELECT * FROM q_decision WHERE partnership_id = ? AND valid_to IS NULL "
                    + "ORDER BY decided_on DESC, recorded_at DESC, decision_id DESC LIMIT 501",
            "SELECT decision_id, ods_code, ratified_on FROM q_ratification WHERE decision_id IN (SELECT decision_id "
                    + "FROM q_decision WHERE partnership_id = ? AND valid_to IS NULL ORDER BY decided_on DESC, "
                    + "recorded_at DESC, decision_id DESC LIMIT 500)",
            "SELECT * FROM q_decision WHERE partnership_id = ? AND tstzrange(valid_from, valid_to) @> "
                    + "now() - interval '400 days' ORDER BY decided_on DESC, recorded_at DESC, decision_id DESC LIMIT 501",
            "SELECT * FROM q_map_subject WHERE valid_to IS NULL AND gap_kinds <> '{}' AND (partnership_id, sort_key) "
                    + ">= (?, '') ORDER BY partnership_id, sort_key LIMIT 501"};

    /** Direct JDBC of the same rows as the map's default first page: MapReader's statements in one transaction. */
    private Latencies.Result rawMapReads(String pid, int threads, double seconds) throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement[]> statements = new ArrayList<>();
        int[] parameters = new int[MAP_SQL.length];
        for (int i = 0; i < threads; i++) {
            Connection c = connect();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connections.add(c);
            PreparedStatement[] ps = new PreparedStatement[MAP_SQL.length];
            for (int s = 0; s < ps.length; s++) {
                ps[s] = c.prepareStatement(MAP_SQL[s]);
                // Asked once: the driver may ask the server on every call.
                parameters[s] = ps[s].getParameterMetaData().getParameterCount();
            }
            statements.add(ps);
        }
        try {
            Latencies.Call read = (client, i) -> {
                long cells = 0;
                PreparedStatement[] mine = statements.get(client);
                for (int s = 0; s < mine.length; s++) {
                    PreparedStatement ps = mine[s];
                    for (int p = 1; p <= parameters[s]; p++) {
                        ps.setString(p, pid);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int c = 1; c <= columns; c++) {
                                if (rs.getObject(c) != null) {
                                    cells++;
                                }
                            }
                        }
                    }
                }
                connections.get(client).commit();
                return cells > 0;
            };
            // Warmed up as the tracker's queries are (httpGets), so both sides are measured warm.
            Latencies.run(threads, Math.min(seconds, 3), read);
            Latencies.Result r = Latencies.run(threads, seconds, read);
            log("raw JDBC of the map page's rows: p50 %.2f ms, p99 %.2f ms", r.p50Ms(), r.p99Ms());
            return r;
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** EXPLAIN ANALYZE of the query statements for the largest partnership, to results/explain.txt. */
    private void explainQueries(Connection db, String pid) throws Exception {
        StringBuilder sb = new StringBuilder("-- partnership " + pid + "\n\n");
        List<String> all = new ArrayList<>(List.of(MAP_SQL));
        all.addAll(List.of(EXPLAINED_SQL));
        for (String sql : all) {
            sb.append("-- ").append(sql).append('\n');
            try (PreparedStatement ps = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                int params = (int) sql.chars().filter(ch -> ch == '?').count();
                for (int p = 1; p <= params; p++) {
                    ps.setString(p, pid);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('\n');
                    }
                }
            }
            sb.append('\n');
        }
        db.commit();
        Files.writeString(results.resolve("explain.txt"), sb);
    }

    private void commandsWarmUp(List<String> pids) throws Exception {
        commandWarmUp = Latencies.warmUp(8, warmUpRoundSeconds, warmUpMaxSeconds, commandCall(pids, 8));
        log("command warm-up: %.1f s in %d rounds, last %.0f/s, %s", commandWarmUp.seconds(), commandWarmUp.rounds(),
                commandWarmUp.lastPerSecond(), commandWarmUp.steady() ? "levelled off" : "still rising at the limit");
    }

    /**
     * Each client cycles through three commands on the generated partnerships: record a decision (201), ratify it
     * (200), and assign a RESPONSIBLE accountability for it (201).
     */
    private Latencies.Result commands(List<String> pids, int clients, double seconds) throws Exception {
        return Latencies.run(clients, seconds, commandCall(pids, clients));
    }

    private Latencies.Call commandCall(List<String> pids, int clients) {
        Map<String, List<String>> statutory = new HashMap<>();
        Map<String, List<String>> forums = new HashMap<>();
        // A body that delegated DECISIONS to the forum is bound by the forum's decision and owes no ratification
        // (DESIGN §1): the ratifying body is one that owes it.
        java.util.Set<String> bound = new java.util.HashSet<>();
        for (StoreGenerator.P p : generator.partnerships()) {
            statutory.put(p.id(), p.current(true).stream().map(m -> m.ods).toList());
            forums.put(p.id(), p.forums.stream().map(StoreGenerator.Forum::id).toList());
            p.delegations.stream().filter(d -> d.themes.contains(uk.nhs.stpgov.events.ThemeCode.DECISIONS))
                    .forEach(d -> bound.add(d.forumId + "|" + d.from));
        }
        String[][] lastDecision = new String[clients][];
        return (client, i) -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int op = (int) (i % 3);
            if (op == 0 || lastDecision[client] == null) {
                String pid = pids.get(r.nextInt(pids.size()));
                List<String> s = statutory.get(pid);
                String a = s.get(r.nextInt(s.size())), b = s.get(r.nextInt(s.size()));
                List<String> f = forums.get(pid);
                String id = UUID.randomUUID().toString();
                String forum = f.get(r.nextInt(f.size()));
                String ratifier = !bound.contains(forum + "|" + a) ? a : !bound.contains(forum + "|" + b) ? b : null;
                String body = "{\"id\":\"" + id + "\",\"title\":\"Approve the urgent care recovery plan\","
                        + "\"theme\":\"DECISIONS\",\"forumId\":\"" + forum + "\","
                        + "\"decidingOdsCodes\":[\"" + a + "\"" + (a.equals(b) ? "" : ",\"" + b + "\"") + "],"
                        + "\"outcome\":\"APPROVED\",\"rationale\":\"Within the system control total\","
                        + "\"decidedOn\":\"" + LocalDate.now() + "\"}";
                boolean ok = post("/api/partnerships/" + pid + "/decisions", body, 201);
                if (ok) {
                    lastDecision[client] = new String[]{pid, id, ratifier};
                }
                return ok;
            }
            String[] d = lastDecision[client];
            if (op == 1 && d[2] != null) {
                return post("/api/decisions/" + d[1] + "/ratifications",
                        "{\"odsCode\":\"" + d[2] + "\",\"ratifiedOn\":\"" + LocalDate.now() + "\"}", 200);
            }
            List<String> s = statutory.get(d[0]);
            return post("/api/partnerships/" + d[0] + "/accountabilities", "{\"subject\":{\"type\":\"DECISION\","
                    + "\"ref\":\"" + d[1] + "\"},\"role\":\"RESPONSIBLE\",\"odsCode\":\"" + s.get(r.nextInt(s.size()))
                    + "\",\"post\":\"Director of Strategy\",\"personName\":\"Priya Shah\",\"effectiveFrom\":\""
                    + LocalDate.now() + "\"}", 201);
        };
    }

    /** The body of a "record a decision" command on a random generated partnership: path and JSON. */
    private String[] decisionRequest(List<String> pids) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StoreGenerator.P p = generator.partnerships().get(r.nextInt(generator.partnerships().size()));
        List<String> s = p.current(true).stream().map(m -> m.ods).toList();
        String a = s.get(r.nextInt(s.size())), b = s.get(r.nextInt(s.size()));
        String forum = p.forums.get(r.nextInt(p.forums.size())).id();
        return new String[]{"/api/partnerships/" + p.id() + "/decisions", "{\"id\":\"" + UUID.randomUUID()
                + "\",\"title\":\"Approve the urgent care recovery plan\",\"theme\":\"DECISIONS\",\"forumId\":\""
                + forum + "\",\"decidingOdsCodes\":[\"" + a + "\"" + (a.equals(b) ? "" : ",\"" + b + "\"") + "],"
                + "\"outcome\":\"APPROVED\",\"rationale\":\"Within the system control total\",\"decidedOn\":\""
                + LocalDate.now() + "\"}"};
    }

    /** 8 threads, one INSERT + COMMIT each of an equivalent event row, into a scratch copy of the event table. */
    private Latencies.Result rawInserts(Connection db, int threads, double seconds) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_event");
            s.execute("DROP SEQUENCE IF EXISTS bench_raw_event_seq");
            s.execute("CREATE SEQUENCE bench_raw_event_seq");
            s.execute("CREATE TABLE bench_raw_event (LIKE domainevententry INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            s.execute("ALTER TABLE bench_raw_event ALTER COLUMN globalindex SET DEFAULT nextval('bench_raw_event_seq')");
        }
        db.commit();
        // A typical command's event row, as the tracker stores it: a DecisionRecorded with its metadata.
        byte[] payload;
        String payloadType;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT payload, payloadtype FROM "
                + "domainevententry WHERE payloadtype LIKE '%DecisionRecorded' ORDER BY globalindex DESC LIMIT 1")) {
            rs.next();
            payload = rs.getBytes(1);
            payloadType = rs.getString(2);
        }
        db.commit();
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = connect();
            c.setAutoCommit(true);
            connections.add(c);
            statements.add(c.prepareStatement("INSERT INTO bench_raw_event (eventidentifier, aggregateidentifier, "
                    + "sequencenumber, type, timestamp, payloadtype, payloadrevision, payload, metadata) "
                    + "VALUES (?,?,?,?,?,?,?,?,?)"));
        }
        try {
            Latencies.Result r = Latencies.run(threads, seconds, (client, i) -> {
                String recordedAt = DateTimeUtils.formatInstant(Instant.now());
                String hash = HashChain.next(HashChain.GENESIS, payloadType, payload, recordedAt, "admin");
                byte[] metadata = ("{\"actor\":\"admin\",\"correlationId\":\"" + UUID.randomUUID() + "\",\"hash\":\""
                        + hash + "\"}").getBytes(StandardCharsets.UTF_8);
                PreparedStatement ps = statements.get(client);
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, UUID.randomUUID().toString());
                ps.setLong(3, 0);
                ps.setString(4, "Decision");
                ps.setString(5, recordedAt);
                ps.setString(6, payloadType);
                ps.setString(7, "1");
                ps.setBytes(8, payload);
                ps.setBytes(9, metadata);
                return ps.executeUpdate() == 1;
            });
            log("raw JDBC INSERT+COMMIT at %d threads: %.0f/s, p50 %.2f ms, p99 %.2f ms", threads, r.perSecond(),
                    r.p50Ms(), r.p99Ms());
            return r;
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE bench_raw_event");
                s.execute("DROP SEQUENCE bench_raw_event_seq");
            }
            db.commit();
        }
    }

    /** Heap in use after a full GC: jcmd GC.run on the tracker's JVM, then /actuator/prometheus. */
    private double heapAfterGc() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(app.pid()), "GC.run")
                .redirectErrorStream(true).start();
        String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            log("jcmd GC.run failed (%s); heap read without a forced GC", outText.strip());
        }
        Thread.sleep(300);
        HttpRequest prometheus = HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                .header("Accept", "text/plain;version=0.0.4;q=1.0, */*;q=0.1").GET().build();
        HttpResponse<String> r = http.send(prometheus, HttpResponse.BodyHandlers.ofString());
        double bytes = 0, max = 0;
        if (r.statusCode() == 200) {
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
                if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
                    max += Math.max(0, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        }
        if (bytes == 0) {
            // No prometheus figures (secured or different format): ask the JVM itself.
            Process info = new ProcessBuilder(jcmd.toString(), String.valueOf(app.pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor();
            var m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(text);
            if (m.find()) {
                bytes = Long.parseLong(m.group(2)) * 1024.0;
                log("heap from jcmd GC.heap_info (prometheus answered %d)", r.statusCode());
            }
        }
        out.put("heapSource", r.statusCode() == 200 && max > 0 ? "actuator/prometheus" : "jcmd GC.heap_info");
        double mb = bytes / (1024 * 1024);
        log("heap used after rebuild and a full GC: %.1f MB (max heap %.0f MB)", mb, max / (1024 * 1024));
        out.put("heapMaxMb", Math.round(max / (1024 * 1024)));
        return mb;
    }

    // ================================================================ output

    private void report(long events, double smallRebuild, double rebuildRate, double rawSelect, double heapMb,
                        Latencies.Result smallMap, Latencies.Result map, Latencies.Result rawMap,
                        Latencies.Result decisions, Latencies.Result asOf, Latencies.Result map1,
                        List<Latencies.Result> commands, Latencies.Result rawInsert, double loadSeconds,
                        Connection db) throws Exception {
        Latencies.Result c8 = commands.get(1);
        ObjectNode cmd = out.putObject("commands");
        cmd.put("clients", 8);
        cmd.put("perSecond", r1(c8.perSecond()));
        cmd.put("p50Ms", r2(c8.p50Ms()));
        cmd.put("p99Ms", r2(c8.p99Ms()));
        cmd.put("rawJdbcPerSecond", r1(rawInsert.perSecond()));
        cmd.put("ratio", r3(c8.perSecond() / rawInsert.perSecond()));
        cmd.put("bareRestPerSecond", r1(bareRest.perSecond()));
        cmd.put("restRatio", r3(c8.perSecond() / bareRest.perSecond()));
        cmd.put("warmUpSeconds", r1(commandWarmUp.seconds()));
        cmd.put("warmUpLevelledOff", commandWarmUp.steady());
        ObjectNode bare = out.putObject("bareRest");
        bare.put("p50Ms", r2(bareRest.p50Ms()));
        bare.put("p99Ms", r2(bareRest.p99Ms()));
        bare.put("failed", bareRest.failed());
        bare.put("warmUpSeconds", r1(bareWarmUp.seconds()));
        bare.put("warmUpLevelledOff", bareWarmUp.steady());
        bare.put("appCpuMsPerRequest", r2(bareCpu.appMs()));
        bare.put("dbCpuMsPerRequest", r2(bareCpu.dbMs()));
        cmd.put("appCpuMsPerCommand", r2(commandCpu.appMs()));
        cmd.put("dbCpuMsPerCommand", r2(commandCpu.dbMs()));
        out.put("trackerMaxHeapMb", trackerMaxHeapMb);
        out.put("readSideCatchUpSeconds", r2(readSideCatchUp));
        out.put("seconds", r1(secondsSince(startedNanos)));
        ObjectNode rb = out.putObject("rebuild");
        rb.put("eventsPerSecond", r1(rebuildRate));
        rb.put("rawSelectPerSecond", r1(rawSelect));
        rb.put("ratio", r3(rebuildRate / rawSelect));
        rb.put("appCpuUsPerEvent", r1(rebuildCpu.appMs() * 1000));
        rb.put("dbCpuUsPerEvent", r1(rebuildCpu.dbMs() * 1000));
        ObjectNode mq = out.putObject("mapQuery");
        mq.put("p50Ms", r2(map.p50Ms()));
        mq.put("p99Ms", r2(map.p99Ms()));
        mq.put("rawP99Ms", r2(rawMap.p99Ms()));
        mq.put("ratio", r3(map.p99Ms() / rawMap.p99Ms()));
        ObjectNode ao = out.putObject("asOfQuery");
        ao.put("p50Ms", r2(asOf.p50Ms()));
        ao.put("p99Ms", r2(asOf.p99Ms()));
        ObjectNode gr = out.putObject("growth");
        gr.put("p99Small", r2(smallMap.p99Ms()));
        gr.put("p99Large", r2(map.p99Ms()));
        gr.put("ratio", r3(map.p99Ms() / smallMap.p99Ms()));
        out.put("heapAfterRebuildMb", r1(heapMb));

        // Context beyond the contract's keys.
        out.put("mode", quick ? "quick" : "full");
        out.put("smallStoreEvents", smallEvents);
        out.put("queryClients", 8);
        ArrayNode byClients = out.putArray("commandsByClients");
        for (Latencies.Result r : commands) {
            ObjectNode n = byClients.addObject();
            n.put("clients", r.clients());
            n.put("perSecond", r1(r.perSecond()));
            n.put("p50Ms", r2(r.p50Ms()));
            n.put("p99Ms", r2(r.p99Ms()));
            n.put("ok", r.ok());
            n.put("failed", r.failed());
            if (r.firstError() != null) {
                n.put("firstError", r.firstError());
            }
        }
        ObjectNode raw = out.putObject("rawJdbcInsert");
        raw.put("threads", rawInsert.clients());
        raw.put("perSecond", r1(rawInsert.perSecond()));
        raw.put("p50Ms", r2(rawInsert.p50Ms()));
        raw.put("p99Ms", r2(rawInsert.p99Ms()));
        ObjectNode mqx = out.putObject("mapQueryDetail");
        mqx.put("requests", map.ok());
        mqx.put("failed", map.failed());
        mqx.put("rawP50Ms", r2(rawMap.p50Ms()));
        mqx.put("oneClientP50Ms", r2(map1.p50Ms()));
        mqx.put("oneClientP99Ms", r2(map1.p99Ms()));
        ObjectNode dq = out.putObject("decisionPage");
        dq.put("p50Ms", r2(decisions.p50Ms()));
        dq.put("p99Ms", r2(decisions.p99Ms()));
        dq.put("failed", decisions.failed());
        out.put("rebuildSmallStoreEventsPerSecond", r1(smallRebuild));
        out.put("bulkLoadEventsPerSecond", r1((totalEvents - smallEvents) / loadSeconds));
        ObjectNode kinds = out.putObject("eventKinds");
        generator.kinds().forEach(kinds::put);
        ObjectNode projections = out.putObject("projectionRows");
        for (String t : List.of("q_partnership", "q_member", "q_forum", "q_delegation", "q_service_change",
                "q_decision", "q_ratification", "q_accountability", "q_theme_assessment", "q_confidence", "q_timeline",
                "q_map_subject", "q_map_count")) {
            projections.put(t, count(db, "SELECT count(*) FROM " + t));
        }
        out.set("machine", machine(db));
        out.put("totalSeconds", r1(secondsSince(startedNanos)));
        Files.writeString(results.resolve("latest.json"), JSON.writeValueAsString(out) + "\n");

        row("figure", "ours", "baseline", "ratio", "target", "met");
        row("events in store", String.format("%,d", events), "", "", "", "");
        row("commands/s, 8 clients (p50/p99 ms)", String.format("%.0f (%.1f/%.1f)", c8.perSecond(), c8.p50Ms(),
                c8.p99Ms()), String.format("%.0f raw INSERT", rawInsert.perSecond()),
                String.format("%.2f", c8.perSecond() / rawInsert.perSecond()), ">= 0.2",
                met(c8.perSecond() / rawInsert.perSecond() >= 0.2));
        row("  vs bare REST + INSERT (p50/p99 ms)", "", String.format("%.0f (%.1f/%.1f)", bareRest.perSecond(),
                bareRest.p50Ms(), bareRest.p99Ms()), String.format("%.2f", c8.perSecond() / bareRest.perSecond()),
                ">= 0.5", met(c8.perSecond() / bareRest.perSecond() >= 0.5));
        for (Latencies.Result r : commands) {
            row("  commands/s, " + r.clients() + " client(s)", String.format("%.0f (%.1f/%.1f)", r.perSecond(),
                    r.p50Ms(), r.p99Ms()), "", "", "", r.failed() == 0 ? "" : r.failed() + " failed");
        }
        row("rebuild events/s", String.format("%.0f", rebuildRate), String.format("%.0f raw SELECT", rawSelect),
                String.format("%.2f", rebuildRate / rawSelect), ">= 0.3", met(rebuildRate / rawSelect >= 0.3));
        row("map query p50/p99 ms, 8 clients", String.format("%.1f/%.1f", map.p50Ms(), map.p99Ms()),
                String.format("%.1f raw p99", rawMap.p99Ms()), String.format("%.2f", map.p99Ms() / rawMap.p99Ms()),
                "<= 2, p99 < 20", met(map.p99Ms() / rawMap.p99Ms() <= 2 && map.p99Ms() < 20));
        row("decision page p50/p99 ms", String.format("%.1f/%.1f", decisions.p50Ms(), decisions.p99Ms()), "", "",
                "p99 < 20", met(decisions.p99Ms() < 20));
        row("as-of map p50/p99 ms", String.format("%.1f/%.1f", asOf.p50Ms(), asOf.p99Ms()), "", "", "p99 < 50",
                met(asOf.p99Ms() < 50));
        row("growth of map p99 (small -> large)", String.format("%.1f -> %.1f", smallMap.p99Ms(), map.p99Ms()), "",
                String.format("%.2f", map.p99Ms() / smallMap.p99Ms()), "<= 1.2", met(map.p99Ms() / smallMap.p99Ms() <= 1.2));
        row("heap after rebuild MB", String.format("%.0f", heapMb), "", "", "<= 256", met(heapMb <= 256));
        row("read side caught up after commands, s", readSideCatchUp < 0 ? "never" : String.format("%.2f",
                readSideCatchUp), "", "", "", "");
        printTable();
        log("wrote %s (%.0f s in all)", root.relativize(results.resolve("latest.json")), secondsSince(startedNanos));
    }

    private ObjectNode machine(Connection db) throws Exception {
        ObjectNode m = JSON.createObjectNode();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("ramGb", r1(memTotalKb() / 1024.0 / 1024.0));
        m.put("cpu", cpuModel());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            m.put("postgres", rs.getString(1));
        }
        db.commit();
        m.put("database", System.getenv("STPGOV_DB_URL") == null || System.getenv("STPGOV_DB_URL").isBlank()
                ? "embedded (zonky), temporary data directory" : "external STPGOV_DB_URL");
        return m;
    }

    private static long memTotalKb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void row(String... cells) {
        table.add(cells);
    }

    private void printTable() {
        int[] widths = new int[table.get(0).length];
        for (String[] r : table) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder("\n");
        for (int k = 0; k < table.size(); k++) {
            String[] r = table.get(k);
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format("%-" + widths[i] + "s", r[i])).append(i + 1 < r.length ? " | " : "\n");
            }
            if (k == 0) {
                for (int i = 0; i < widths.length; i++) {
                    sb.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "-+-" : "\n");
                }
            }
        }
        System.out.println(sb);
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "NO";
    }

    // ================================================================ app and database

    private void startApp() throws Exception {
        // BENCH_APP_JAR: another build of the tracker, e.g. to measure before and after a change with one driver.
        Path jar = System.getenv("BENCH_APP_JAR") != null ? Path.of(System.getenv("BENCH_APP_JAR"))
                : root.resolve("deploy/target/stpgov.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -B -ntp -DskipTests package");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://localhost:" + port;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = env("BENCH_APP_OPTS", "");
        if (!opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        var xmx = java.util.regex.Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(opts);
        if (xmx.find()) {
            trackerMaxHeapMb = Long.parseLong(xmx.group(1)) * (xmx.group(2).equalsIgnoreCase("g") ? 1024 : 1);
        } else {
            command.add("-Xmx" + trackerMaxHeapMb + "m");
        }
        command.addAll(List.of("-Ddisable-axoniq-console-message=true", "-jar", jar.toString(),
                "--server.port=" + port));
        String extra = env("BENCH_APP_ARGS", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        String profiles = env("BENCH_PROFILES", "");
        if (!profiles.isBlank()) {
            command.add("--spring.profiles.active=" + profiles);
        }
        // One ADMIN user for the driver; not the demo profile, whose sample partnership would fill the store.
        command.addAll(List.of("--stpgov.security.users[0].username=" + env("BENCH_USER", "admin"),
                "--stpgov.security.users[0].password={noop}" + env("BENCH_PASSWORD", "admin"),
                "--stpgov.security.users[0].roles[0]=ADMIN"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(results.resolve("app.log").toFile());
        pb.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        String external = System.getenv("STPGOV_DB_URL");
        if (external == null || external.isBlank()) {
            dataDir = Files.createTempDirectory("stpgov-bench-");
            pb.environment().put("STPGOV_DATA_DIR", dataDir.toString());
        }
        long t0 = System.nanoTime();
        app = pb.start();
        log("starting the tracker (pid %d) on port %d: %s", app.pid(), port, String.join(" ", command.subList(1,
                command.size())));
        while (true) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The tracker exited with " + app.exitValue() + "; see "
                        + results.resolve("app.log"));
            }
            if (secondsSince(t0) > 600) {
                // Generous: on a shared, loaded 2-core machine start-up alone has taken minutes.
                throw new IllegalStateException("The tracker did not become healthy in 600 s");
            }
            try {
                HttpResponse<String> r = request("GET", "/actuator/health", null);
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        log("tracker healthy after %.1f s", secondsSince(t0));
        if (dataDir != null) {
            List<String> pid = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            jdbcUrl = "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres";
            jdbcProps = new Properties();
            jdbcProps.setProperty("user", "postgres");
        } else {
            jdbcUrl = external;
            jdbcProps = new Properties();
            jdbcProps.setProperty("user", env("STPGOV_DB_USER", ""));
            jdbcProps.setProperty("password", env("STPGOV_DB_PASSWORD", ""));
        }
    }

    private synchronized void stopApp() {
        if (app != null && app.isAlive()) {
            app.destroy();
            try {
                if (!app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                    app.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dataDir != null && Files.exists(dataDir) && System.getenv("BENCH_KEEP_DATA") == null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                log("could not delete %s: %s", dataDir, e);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, jdbcProps);
    }

    private void requireEmptyStore(Connection db) throws SQLException {
        long events = count(db, "SELECT count(*) FROM domainevententry");
        if (events > 0 && System.getenv("BENCH_ALLOW_NONEMPTY") == null) {
            throw new IllegalStateException("The event store already holds " + events + " events: the benchmark "
                    + "needs an empty, disposable database (unset STPGOV_DB_URL to use a temporary embedded one)");
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            db.commit();
            return n;
        }
    }

    // ================================================================ HTTP

    interface PathSupplier {
        String path(long iteration);
    }

    /**
     * {@code clients} clients asking for {@code paths} for {@code seconds}, after as long again (at most 3 s) of the
     * same requests that are not counted: the JIT compiles a query's path during its first few thousand requests, and
     * a 3-second phase measured from cold would mostly measure the compiler.
     */
    private Latencies.Result httpGets(int clients, double seconds, PathSupplier paths) throws Exception {
        Latencies.run(clients, Math.min(seconds, 3), (client, i) -> measuredGet(paths.path(i)) == 200);
        Latencies.Result r = Latencies.run(clients, seconds, (client, i) -> {
            String path = paths.path(i);
            int status = measuredGet(path);
            if (status != 200) {
                HttpResponse<String> again = request("GET", path, null);
                throw new IllegalStateException("GET " + path + " -> " + status + " (again: " + again.statusCode()
                        + " " + abbreviate(again.body()) + ")");
            }
            return true;
        });
        if (r.failed() > 0) {
            log("  %d failed requests, first: %s", r.failed(), r.firstError());
        }
        return r;
    }

    private String mapPath(String pid, String asOf) {
        return "/api/partnerships/" + pid + "/accountability-map" + (asOf == null ? "" : "?asOf=" + asOf);
    }

    private String randomPast() {
        long from = StoreGenerator.HISTORY_START.plus(Duration.ofDays(200)).toEpochMilli();
        long to = generator.lastInstant().toEpochMilli();
        return Instant.ofEpochMilli(ThreadLocalRandom.current().nextLong(from, to)).toString();
    }

    private boolean post(String path, String body, int expected) throws Exception {
        HttpResponse<String> r = request("POST", path, body);
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return true;
    }

    private void send(String method, String path, String body, int... expected) throws Exception {
        HttpResponse<String> r = request(method, path, body);
        for (int e : expected) {
            if (r.statusCode() == e) {
                return;
            }
        }
        throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + abbreviate(r.body()));
    }

    /**
     * How long after the last command the read side has every event the command phases stored: a read with
     * {@code minPosition} of the newest event, repeated while it answers 503 (not yet readable). The projections run
     * behind the commands throughout; a read side that stopped (as one did under a burst of refused duplicates,
     * issue 10) shows here as -1 after two minutes.
     */
    private double readSideCatchUp(Connection db, String partnershipId) throws Exception {
        long head = count(db, "SELECT max(globalindex) FROM domainevententry");
        long t0 = System.nanoTime();
        while (secondsSince(t0) < 120) {
            HttpResponse<String> r = request("GET", "/api/partnerships/" + partnershipId + "?minPosition=" + head,
                    null);
            if (r.statusCode() == 200) {
                double seconds = secondsSince(t0);
                log("read side had every command's event %.2f s after the last command", seconds);
                return seconds;
            }
            if (r.statusCode() != 503) {
                throw new IllegalStateException("minPosition read -> " + r.statusCode() + " " + abbreviate(r.body()));
            }
        }
        log("READ SIDE BEHIND: event %d not readable two minutes after the last command", head);
        return -1;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = request("GET", path, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return JSON.readTree(r.body());
    }

    /**
     * A measured GET: the whole body is received and dropped, as wrk does. Decoding a map page (~170 KB) or a
     * decision page (~370 KB) into a String is the client's work, not the tracker's, and on a machine whose two cores
     * the tracker and PostgreSQL share it would be counted against both.
     */
    private int measuredGet(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> request(String method, String path, String body) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ================================================================ small things

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double r1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", secondsSince(startedNanos), String.format(Locale.ROOT, format,
                args));
    }
}
