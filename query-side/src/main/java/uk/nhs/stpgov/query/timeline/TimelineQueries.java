package uk.nhs.stpgov.query.timeline;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

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

    public List<Entry> ofPartnership(String partnershipId) {
        return jdbc.sql("SELECT * FROM q_timeline WHERE partnership_id = ? ORDER BY recorded_at, aggregate_id, seq")
                .param(partnershipId).query((rs, n) -> entry(rs)).list();
    }

    public List<Entry> history(String aggregateId) {
        return jdbc.sql("SELECT * FROM q_timeline WHERE aggregate_id = ? ORDER BY seq")
                .param(aggregateId).query((rs, n) -> entry(rs)).list();
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString("type"), instant(rs, "recorded_at"), rs.getString("actor"),
                rs.getString("summary"), rs.getString("aggregate_id"), rs.getLong("seq"));
    }
}
