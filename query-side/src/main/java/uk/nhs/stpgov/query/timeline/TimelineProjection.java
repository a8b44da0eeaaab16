package uk.nhs.stpgov.query.timeline;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.BatchedRows;
import uk.nhs.stpgov.query.replay.ProjectionProgress;
import uk.nhs.stpgov.events.GovernanceEvent;

import java.time.Instant;

import static uk.nhs.stpgov.query.support.Sql.ts;

/** Every event of a partnership, with who recorded it and a one-line summary, for the timeline and histories. */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
class TimelineProjection {
    private final JdbcClient jdbc;
    private final BatchedRows rows;

    TimelineProjection(JdbcClient jdbc, BatchedRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /**
     * Every event lands here, so rows are collected for the processor's whole batch and written as one JDBC batch
     * when the batch commits (in its transaction, with its token), instead of one round trip per event.
     */
    @EventHandler
    void on(GovernanceEvent event, @Timestamp Instant at, @SequenceNumber long seq, @SourceId String aggregateId,
            @MetaDataValue("actor") String actor) {
        rows.add("INSERT INTO q_timeline (aggregate_id, seq, partnership_id, type, recorded_at, actor, summary) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                aggregateId, seq, event.partnershipId(), event.getClass().getSimpleName(), ts(at), actor,
                Summaries.of(event));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_timeline").update();
    }
}
