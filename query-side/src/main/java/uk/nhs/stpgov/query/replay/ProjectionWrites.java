package uk.nhs.stpgov.query.replay;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query projections' writes, deferred to the end of the processor batch and sent as JDBC batches instead of
 * one round trip per event (issue 10). Each write names the record it changes (table and key): writes to one record
 * run in the order of their events; writes to different records commute, so each run of writes with the same
 * statement is one JDBC batch. The statements are the projections' own (close-and-copy versions with the
 * {@code seq} guard included), so the tables end up as if every statement had run when its event was handled.
 * <p>
 * Nothing reads the projections' tables between their events within a batch: the accountability map keeps what it
 * needs in memory ({@code MapSubjects}), and before reading a table after a rare event it calls {@link #flush}.
 * <p>
 * A write that fails for a reason that is not passing (a constraint, a value the database refuses) is traced to its
 * event, which {@link ProjectionFailures} remembers; the batch rolls back and the processor retries it, and the retry
 * parks that event before any of its writes are queued, exactly as when a handler's own statement fails.
 */
@Component
public class ProjectionWrites {
    private static final Logger log = LoggerFactory.getLogger(ProjectionWrites.class);
    private static final String PENDING = ProjectionWrites.class.getName() + ".pending";

    private record Write(EventMessage<?> event, String record, String sql, Object[] positional,
                         Map<String, Object> named, int level) {
    }

    private static final class Pending {
        final List<Write> writes = new ArrayList<>();
        final Map<String, Write> lastOfRecord = new HashMap<>();
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DataSource dataSource;
    private final ProjectionFailures failures;

    ProjectionWrites(JdbcTemplate jdbc, DataSource dataSource, ProjectionFailures failures) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.dataSource = dataSource;
        this.failures = failures;
    }

    /** Queues a statement with positional parameters that changes only the record {@code table}/{@code key}. */
    public void add(String table, Object key, String sql, Object... values) {
        queue(table + "|" + key, sql, values, null);
    }

    /** Queues a statement with named parameters that changes only the record {@code table}/{@code key}. */
    public void addNamed(String table, Object key, String sql, Map<String, Object> values) {
        queue(table + "|" + key, sql, null, values);
    }

    /** A builder of named parameters that accepts nulls. */
    public static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    private void queue(String record, String sql, Object[] positional, Map<String, Object> values) {
        if (!CurrentUnitOfWork.isStarted()) {
            execute(sql, positional, values);
            return;
        }
        Pending pending = pending();
        Write previous = pending.lastOfRecord.get(record);
        int level = previous == null ? 0 : previous.sql().equals(sql) ? previous.level() : previous.level() + 1;
        Write write = new Write((EventMessage<?>) CurrentUnitOfWork.get().getMessage(), record, sql, positional,
                values, level);
        pending.writes.add(write);
        pending.lastOfRecord.put(record, write);
    }

    private Pending pending() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            batch.onPrepareCommit(u -> flush(pending));
            return pending;
        });
    }

    /** Writes what the current batch has queued so far (before a read of the projections' tables). */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(PENDING);
            if (pending != null) {
                flush(pending);
            }
        }
    }

    private void flush(Pending pending) {
        Set<String> parked = ProjectionFailures.parkedInThisBatch();
        List<Write> writes = pending.writes.stream()
                .filter(w -> !parked.contains(w.event().getIdentifier())).toList();
        pending.writes.clear();
        pending.lastOfRecord.clear();
        if (writes.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint whole = connection.setSavepoint();
            try {
                writeBatched(writes);
                connection.releaseSavepoint(whole);
                return;
            } catch (RuntimeException failed) {
                if (ProjectionFailures.passing(failed)) {
                    throw failed;
                }
                connection.rollback(whole);
            }
            // One by one, in the order of their events, to find the event whose write the database refuses.
            for (Write write : writes) {
                Savepoint one = connection.setSavepoint();
                try {
                    execute(write.sql(), write.positional(), write.named());
                    connection.releaseSavepoint(one);
                } catch (RuntimeException failed) {
                    if (ProjectionFailures.passing(failed)) {
                        throw failed;
                    }
                    connection.rollback(one);
                    log.warn("Event {}: its write cannot be applied ({}); the batch is retried without it",
                            write.event().getIdentifier(), failed.getMessage());
                    failures.remember(write.event().getIdentifier(), failed);
                    throw new UnappliedEvent(write.event().getIdentifier(), failed);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Savepoint failed while writing the projections' batch", e);
        }
    }

    /** Runs of the same statement at the same level as JDBC batches, levels in order. */
    private void writeBatched(List<Write> writes) {
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            firstSeen.putIfAbsent(writes.get(i).sql(), i);
        }
        Map<List<Object>, List<Write>> groups = new LinkedHashMap<>();
        writes.stream()
                .sorted(Comparator.comparingInt(Write::level).thenComparing(w -> firstSeen.get(w.sql())))
                .forEach(w -> groups.computeIfAbsent(List.of(w.level(), w.sql()), k -> new ArrayList<>()).add(w));
        for (List<Write> group : groups.values()) {
            Write first = group.get(0);
            if (group.size() == 1) {
                execute(first.sql(), first.positional(), first.named());
            } else if (first.named() != null) {
                named.batchUpdate(first.sql(), group.stream().map(w -> new MapSqlParameterSource(w.named()))
                        .toArray(SqlParameterSource[]::new));
            } else {
                jdbc.batchUpdate(first.sql(), group.stream().map(Write::positional).toList());
            }
        }
    }

    private void execute(String sql, Object[] positional, Map<String, Object> values) {
        if (values != null) {
            named.update(sql, values);
        } else {
            jdbc.update(sql, positional);
        }
    }

    /** The batch is rolled back and retried: the event named is parked by the retry. */
    static final class UnappliedEvent extends RuntimeException {
        UnappliedEvent(String eventId, Throwable cause) {
            super("Event " + eventId + " cannot be applied: " + cause.getMessage(), cause);
        }
    }
}
