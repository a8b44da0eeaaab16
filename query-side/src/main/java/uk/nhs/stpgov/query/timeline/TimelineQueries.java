package uk.nhs.stpgov.query.timeline;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import uk.nhs.stpgov.query.support.Cursor;
import uk.nhs.stpgov.query.support.Paging.Page;
import uk.nhs.stpgov.query.support.Sql;

import static uk.nhs.stpgov.query.support.Sql.instant;

/** Reads the timeline: a partnership's events, or one record's own history. */
@Component
public class TimelineQueries {
    public record Entry(String type, Instant recordedAt, String actor, String summary, String aggregateId,
                        long sequenceNumber) {
    }

    private final JdbcClient jdbc;

    TimelineQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A partnership's events in recorded order, a keyset page at a time: those recorded by {@code asOf} (null: all).
     */
    public Page<Entry> ofPartnership(String partnershipId, Instant asOf, String after, int limit) {
        String sql = "SELECT * FROM q_timeline WHERE partnership_id = :p "
                + (asOf == null ? "" : "AND recorded_at <= :t ")
                + (after == null ? "" : "AND (recorded_at, aggregate_id, seq) > (:r, :a, :s) ")
                + "ORDER BY recorded_at, aggregate_id, seq LIMIT :n";
        var statement = jdbc.sql(sql).param("p", partnershipId).param("n", limit + 1);
        if (asOf != null) {
            statement = statement.param("t", Sql.ts(asOf));
        }
        if (after != null) {
            List<String> cursor = Cursor.decode(Cursor.Kind.TIMELINE, partnershipId, after, 3);
            try {
                statement = statement.param("r", Sql.ts(Instant.parse(cursor.get(0)))).param("a", cursor.get(1))
                        .param("s", Long.parseLong(cursor.get(2)));
            } catch (RuntimeException e) {
                throw Cursor.refused(after);
            }
        }
        List<Entry> rows = statement.query((rs, n) -> entry(rs)).list();
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        Entry last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), Cursor.encode(Cursor.Kind.TIMELINE, partnershipId,
                last.recordedAt().toString(),
                last.aggregateId(), String.valueOf(last.sequenceNumber())));
    }

    /** One record's own history as it stood at {@code asOf} (null: now): the events recorded by then. */
    public List<Entry> history(String aggregateId, Instant asOf) {
        if (asOf == null) {
            return jdbc.sql("SELECT * FROM q_timeline WHERE aggregate_id = ? ORDER BY seq")
                    .param(aggregateId).query((rs, n) -> entry(rs)).list();
        }
        return jdbc.sql("SELECT * FROM q_timeline WHERE aggregate_id = ? AND recorded_at <= ? ORDER BY seq")
                .params(aggregateId, Sql.ts(asOf)).query((rs, n) -> entry(rs)).list();
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString("type"), instant(rs, "recorded_at"), rs.getString("actor"),
                rs.getString("summary"), rs.getString("aggregate_id"), rs.getLong("seq"));
    }
}
