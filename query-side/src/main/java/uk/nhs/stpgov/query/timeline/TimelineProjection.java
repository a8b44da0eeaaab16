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
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static uk.nhs.stpgov.query.support.Sql.ts;

/** Every event of a partnership, with who recorded it and a one-line summary, for the timeline and histories. */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
class TimelineProjection {
    private static final int TITLES_KEPT = 10_000;

    private final JdbcClient jdbc;
    private final BatchedRows rows;
    /** Titles seen lately (a title never changes, so any instance may keep one): a lookup per event saved. */
    private final Map<String, String> titles = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > TITLES_KEPT;
        }
    });

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
        String title = null;
        if (event instanceof ServiceChangeProposed proposed) {
            rememberTitle(proposed.serviceChangeId(), proposed.title());
        } else if (event instanceof AssuranceTestRecorded e) {
            title = titleOf(e.serviceChangeId());
        } else if (event instanceof ServiceChangeAdvanced e) {
            title = titleOf(e.serviceChangeId());
        }
        rows.add("INSERT INTO q_timeline (aggregate_id, seq, partnership_id, type, recorded_at, actor, summary) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                aggregateId, seq, event.partnershipId(), event.getClass().getSimpleName(), ts(at), actor,
                Summaries.of(event, title));
    }

    /**
     * A service change's title, from its proposal, kept in this read model's own table: its later events may come in
     * a later batch, or after a restart. Written at once (not batched), so a later event of the same batch finds it.
     */
    private void rememberTitle(String serviceChangeId, String title) {
        jdbc.sql("INSERT INTO q_timeline_title (subject_id, title) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(serviceChangeId, title).update();
        titles.put(serviceChangeId, title);
    }

    /** The title of a proposed change (never changed after); its id should its proposal be missing. */
    private String titleOf(String serviceChangeId) {
        String known = titles.get(serviceChangeId);
        if (known != null) {
            return known;
        }
        String title = jdbc.sql("SELECT title FROM q_timeline_title WHERE subject_id = ?").param(serviceChangeId)
                .query(String.class).optional().orElse(null);
        if (title == null) {
            return serviceChangeId;
        }
        titles.put(serviceChangeId, title);
        return title;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_timeline, q_timeline_title").update();
        titles.clear();
    }
}
