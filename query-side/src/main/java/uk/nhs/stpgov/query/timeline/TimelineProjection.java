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
import uk.nhs.stpgov.events.GovernanceEvent;

import java.time.Instant;

import static uk.nhs.stpgov.query.common.Sql.ts;

/** Every event of a partnership, with who recorded it and a one-line summary, for the timeline and histories. */
@Component
@ProcessingGroup("timeline")
class TimelineProjection {
    private final JdbcClient jdbc;

    TimelineProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(GovernanceEvent event, @Timestamp Instant at, @SequenceNumber long seq, @SourceId String aggregateId,
            @MetaDataValue("actor") String actor) {
        jdbc.sql("INSERT INTO q_timeline (aggregate_id, seq, partnership_id, type, recorded_at, actor, summary) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(aggregateId, seq, event.partnershipId(), event.getClass().getSimpleName(), ts(at), actor,
                        Summaries.of(event))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_timeline").update();
    }
}
