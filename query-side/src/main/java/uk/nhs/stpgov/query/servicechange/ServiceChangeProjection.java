package uk.nhs.stpgov.query.servicechange;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;
import uk.nhs.stpgov.query.replay.ProjectionWrites;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import java.time.Instant;

import static uk.nhs.stpgov.query.support.Sql.array;
import static uk.nhs.stpgov.query.replay.ProjectionWrites.params;
import static uk.nhs.stpgov.query.support.Sql.ts;

/** Service changes, their stage history and assurance tests. */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
@Order(ProjectionProgress.SOURCE_ORDER)
class ServiceChangeProjection {
    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    ServiceChangeProjection(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(ServiceChangeProposed event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_service_change", event.serviceChangeId(),
                "INSERT INTO q_service_change (service_change_id, partnership_id, title, kind, themes, lead_ods_code, "
                        + "description, stage, proposed_at, valid_from, seq, substantial, proposed_on) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.serviceChangeId(), event.partnershipId(), event.title(), event.kind().name(),
                array(event.themes()), event.leadOdsCode(), event.description(), Stage.PROPOSED.name(), ts(at), ts(at),
                seq, event.substantial(), event.proposedOn());
    }

    @EventHandler
    void on(AssuranceTestRecorded event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_assurance_test", event.serviceChangeId() + "|" + seq,
                "INSERT INTO q_assurance_test (service_change_id, seq, test, result, evidence, recorded_at, "
                        + "assessed_on, assessor) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.serviceChangeId(), seq, event.test().name(), event.result().name(), event.evidence(), ts(at),
                event.assessedOn(), event.assessor());
    }

    @EventHandler
    void on(ServiceChangeAdvanced event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_stage_move", event.serviceChangeId() + "|" + seq,
                "INSERT INTO q_stage_move (service_change_id, seq, from_stage, to_stage, note, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.serviceChangeId(), seq, event.from().name(), event.to().name(), event.note(), ts(at));
        writes.addNamed("q_service_change", event.serviceChangeId(), """
                        WITH closed AS (UPDATE q_service_change SET valid_to = :at
                            WHERE service_change_id = :id AND valid_to IS NULL AND seq < :seq RETURNING *)
                        INSERT INTO q_service_change (service_change_id, partnership_id, title, kind, themes,
                            lead_ods_code, description, stage, proposed_at, valid_from, seq, substantial, proposed_on)
                        SELECT service_change_id, partnership_id, title, kind, themes, lead_ods_code, description,
                               :stage, proposed_at, :at, :seq, substantial, proposed_on FROM closed""",
                params("id", event.serviceChangeId(), "stage", event.to().name(), "at", ts(at), "seq", seq));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_service_change, q_assurance_test, q_stage_move").update();
    }
}
