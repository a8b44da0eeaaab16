package uk.nhs.stpgov.query.replay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The read models' indexes that only queries read (marked {@value #MARK} by their migration, V93): a rebuild drops
 * them before it fills the tables and builds them again, in bulk, once it has caught up. Kept up row by row through
 * a replay they cost a fifth of its time; built at the end they cost a few seconds (benchmarks/RESULTS.md).
 * <p>
 * Their definitions wait in {@code rebuild_deferred_index} meanwhile, so an instance that dies mid-rebuild leaves
 * nothing lost: whichever instance sees the projections caught up builds them. Each index is built in one transaction
 * with its row's {@code built} (PostgreSQL's DDL is transactional), so two instances never build one twice; a row
 * goes once its table has been analysed.
 */
@Component
public class DeferredIndexes {
    static final String MARK = "stpgov: queries only";
    private static final int BUILDERS = 2;
    private static final Logger log = LoggerFactory.getLogger(DeferredIndexes.class);

    private record Deferred(String name, String definition) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    DeferredIndexes(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Drops the marked indexes, keeping their definitions. All or none: if a query holds a table longer than the lock
     * timeout, the rebuild runs with its indexes, as before.
     */
    public void defer() {
        try {
            List<String> dropped = transaction.execute(status -> {
                jdbc.execute("SET LOCAL lock_timeout = '5s'");
                List<String> names = jdbc.queryForList("INSERT INTO rebuild_deferred_index (name, definition) "
                        + "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind = 'i' AND n.nspname = current_schema() "
                        + "AND obj_description(c.oid, 'pg_class') = ? "
                        + "ON CONFLICT (name) DO NOTHING RETURNING name", String.class, MARK);
                names.forEach(name -> jdbc.execute("DROP INDEX " + quoted(name)));
                return names;
            });
            log.info("Rebuild: {} query indexes dropped until the projections have caught up", dropped.size());
        } catch (DataAccessException e) {
            log.warn("Rebuild: the query indexes stay while it runs ({})", e.getMessage());
        }
    }

    /** How many indexes wait to be built. */
    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM rebuild_deferred_index", Long.class);
    }

    /**
     * Builds every deferred index that no other instance is building, two at a time (each build keeps one core of
     * the database busy), then analyses the tables of the built ones and lets their rows go; answers how many
     * indexes it built.
     */
    public int build() {
        long start = System.nanoTime();
        AtomicInteger built = new AtomicInteger();
        ExecutorService builders = Executors.newFixedThreadPool(BUILDERS);
        try {
            for (Future<?> each : builders.invokeAll(Collections.nCopies(BUILDERS, () -> buildWhileAny(built)))) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return built.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failed ? failed : new IllegalStateException(e.getCause());
        } finally {
            builders.shutdownNow();
        }
        transaction.executeWithoutResult(status -> analyseBuilt());
        if (built.get() > 0) {
            log.info("Rebuild: {} query indexes built again in {} ms", built.get(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return built.get();
    }

    private Void buildWhileAny(AtomicInteger built) {
        while (Boolean.TRUE.equals(transaction.execute(status -> buildOne()))) {
            built.incrementAndGet();
        }
        return null;
    }

    /** Builds the next index no one else is building; false when none is left. */
    private boolean buildOne() {
        List<Deferred> next = jdbc.query("SELECT name, definition FROM rebuild_deferred_index WHERE NOT built "
                + "ORDER BY name LIMIT 1 FOR UPDATE SKIP LOCKED", (rs, n) -> new Deferred(rs.getString(1),
                rs.getString(2)));
        if (next.isEmpty()) {
            return false;
        }
        Deferred index = next.get(0);
        // A bulk build sorts in memory: PostgreSQL's default of 64MB spills the larger read models to disk.
        jdbc.execute("SET LOCAL maintenance_work_mem = '256MB'");
        jdbc.execute(index.definition().replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS "));
        jdbc.execute("COMMENT ON INDEX " + quoted(index.name()) + " IS '" + MARK + "'");
        jdbc.update("UPDATE rebuild_deferred_index SET built = true WHERE name = ?", index.name());
        return true;
    }

    /**
     * Analyses the tables of the built indexes (also those an instance built and died before analysing), then lets
     * their rows go. Only now the planner has statistics of the indexes' expressions (the validity ranges): the
     * replay's own analyses name columns, which gathers none, and without them it takes an as-of range for a few
     * rows where there are thousands.
     */
    private void analyseBuilt() {
        List<String> names = jdbc.queryForList("SELECT name FROM rebuild_deferred_index WHERE built "
                + "FOR UPDATE SKIP LOCKED", String.class);
        if (names.isEmpty()) {
            return;
        }
        List<String> tables = jdbc.queryForList("SELECT DISTINCT tablename FROM pg_indexes "
                + "WHERE schemaname = current_schema() AND indexname = ANY (?)", String.class,
                (Object) names.toArray(String[]::new));
        if (!tables.isEmpty()) {
            jdbc.execute("ANALYZE " + String.join(", ", tables.stream().map(DeferredIndexes::quoted).toList()));
        }
        jdbc.update("DELETE FROM rebuild_deferred_index WHERE name = ANY (?)", (Object) names.toArray(String[]::new));
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
