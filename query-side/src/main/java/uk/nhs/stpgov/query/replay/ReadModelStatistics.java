package uk.nhs.stpgov.query.replay;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps PostgreSQL's planner statistics of the read models current while they are rebuilt. A reset empties the tables
 * (TRUNCATE forgets their statistics), and until they are analysed again the planner takes {@code valid_to IS NULL}
 * for a rare condition: a batch's set-based reads then hash-join every open row of a table instead of looking their
 * subjects up by index (one batch's assignments at 100K events: 41 ms instead of 0.6 ms, growing with the table).
 * Autovacuum analyses them only where it runs, and late; so each time the events read in catch-up batches have
 * doubled since the last analysis, the tables are analysed again, on a connection of their own, outside any batch.
 */
@Component
public class ReadModelStatistics {
    private static final Logger log = LoggerFactory.getLogger(ReadModelStatistics.class);
    /**
     * The tables the projections' batches read by key, with the columns they look rows up by and their validity. Only
     * those: sampling the JSON and array columns too (a map row's holders are kilobytes, stored out of line) made the
     * analyses 15 % of the database's time in a 100K rebuild, for statistics no batch read uses.
     */
    static final List<String> TABLES = List.of("q_member (partnership_id, valid_to)", "q_forum (partnership_id)",
            "q_delegation (partnership_id, forum_id, valid_to)",
            "q_decision (decision_id, partnership_id, forum_id, service_change_id, valid_to)",
            "q_ratification (decision_id, partnership_id)", "q_service_change (service_change_id, valid_to)",
            "q_assurance_test (service_change_id)",
            "q_accountability (accountability_id, partnership_id, subject_type, subject_ref, valid_to)",
            "q_map_subject (partnership_id, subject_type, subject_ref, sort_key, valid_from, valid_to)");
    private static final long FIRST = 2_000;

    private final JdbcTemplate jdbc;
    private final Executor analyser;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong due = new AtomicLong(FIRST);

    @Autowired
    ReadModelStatistics(JdbcTemplate jdbc) {
        this(jdbc, Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "read-model-statistics");
            thread.setDaemon(true);
            return thread;
        }));
    }

    ReadModelStatistics(JdbcTemplate jdbc, Executor analyser) {
        this.jdbc = jdbc;
        this.analyser = analyser;
    }

    /** A catch-up batch of {@code events} is being read. */
    public void batch(int events) {
        long seen = read.addAndGet(events);
        long at = due.get();
        if (seen >= at && due.compareAndSet(at, seen * 2)) {
            analyser.execute(this::analyse);
        }
    }

    /** The read models were emptied: their statistics are due again soon. */
    public void reset() {
        read.set(0);
        due.set(FIRST);
    }

    private void analyse() {
        try {
            jdbc.execute("ANALYZE " + String.join(", ", TABLES));
        } catch (DataAccessException e) {
            log.warn("Could not analyse the read models: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (analyser instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
