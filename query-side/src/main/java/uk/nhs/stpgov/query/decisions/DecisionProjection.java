package uk.nhs.stpgov.query.decisions;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.query.replay.ProjectionProgress;
import uk.nhs.stpgov.query.replay.ProjectionWrites;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;

import java.time.Instant;
import java.time.LocalDate;

import static uk.nhs.stpgov.query.support.Sql.array;
import static uk.nhs.stpgov.query.replay.ProjectionWrites.params;
import static uk.nhs.stpgov.query.support.Sql.ts;

/** Decisions with their ratifications and supersede/rescind chain, versioned by recorded time. */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
@Order(ProjectionProgress.SOURCE_ORDER)
class DecisionProjection {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    DecisionProjection(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(DecisionRecorded event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_decision", event.decisionId(),
                "INSERT INTO q_decision (decision_id, partnership_id, title, theme, forum_id, service_change_id, "
                        + "deciding_ods_codes, outcome, rationale, decided_on, supersedes, status, recorded_at, "
                        + "valid_from, seq, reference, positions) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING",
                event.decisionId(), event.partnershipId(), event.title(), event.theme().name(), event.forumId(),
                event.serviceChangeId(), array(event.decidingOdsCodes()), event.outcome().name(), event.rationale(),
                event.decidedOn(), event.supersedes(), DecisionStatus.ACTIVE.name(), ts(at), ts(at), seq,
                event.reference(), JSON.writeValueAsString(event.positions()));
    }

    @EventHandler
    void on(DecisionRatified event, @Timestamp Instant at, @SequenceNumber long seq) {
        answer(event.decisionId(), event.partnershipId(), event.odsCode(), event.ratifiedOn(), false, null, at, seq);
    }

    @EventHandler
    void on(DecisionRatificationDeclined event, @Timestamp Instant at, @SequenceNumber long seq) {
        answer(event.decisionId(), event.partnershipId(), event.odsCode(), event.on(), true, event.reason(), at, seq);
    }

    /** A body's answer to the decision; a later answer replaces an earlier one, a redelivered one changes nothing. */
    private void answer(String decisionId, String partnershipId, String odsCode, LocalDate on, boolean declined,
                        String reason, Instant at, long seq) {
        writes.add("q_ratification", decisionId + "|" + odsCode,
                "INSERT INTO q_ratification (decision_id, partnership_id, ods_code, ratified_on, recorded_at, seq, "
                        + "declined, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id, ods_code) "
                        + "DO UPDATE SET ratified_on = excluded.ratified_on, recorded_at = excluded.recorded_at, "
                        + "seq = excluded.seq, declined = excluded.declined, reason = excluded.reason "
                        + "WHERE q_ratification.seq < excluded.seq",
                decisionId, partnershipId, odsCode, on, ts(at), seq, declined, reason);
    }

    @EventHandler
    void on(DecisionRatifierSucceeded event, @Timestamp Instant at, @SequenceNumber long seq) {
        // The successor owes the predecessor's ratification. The deciding bodies stay as they decided (the rules on
        // decidedOn judge them); passed_to maps each predecessor to its successor (several may pass to one).
        writes.addNamed("q_decision", event.decisionId(), """
                        WITH closed AS (UPDATE q_decision SET valid_to = :at
                            WHERE decision_id = :id AND valid_to IS NULL AND seq < :seq RETURNING *)
                        INSERT INTO q_decision (decision_id, partnership_id, title, theme, forum_id, service_change_id,
                            deciding_ods_codes, outcome, rationale, decided_on, supersedes, superseded_by, status,
                            status_on, status_reason, recorded_at, valid_from, seq, reference, positions,
                            passed_to)
                        SELECT decision_id, partnership_id, title, theme, forum_id, service_change_id,
                               deciding_ods_codes, outcome, rationale, decided_on,
                               supersedes, superseded_by, status, status_on, status_reason, recorded_at, :at, :seq,
                               reference, positions, passed_to || jsonb_build_object(CAST(:from AS text), CAST(:ods AS text))
                        FROM closed""",
                params("id", event.decisionId(), "from", event.succeededFrom(), "ods", event.odsCode(), "at", ts(at),
                        "seq", seq));
    }

    @EventHandler
    void on(DecisionSuperseded event, @Timestamp Instant at, @SequenceNumber long seq) {
        newStatus(event.decisionId(), DecisionStatus.SUPERSEDED, event.supersededBy(), event.on(), null, at, seq);
    }

    @EventHandler
    void on(DecisionRescinded event, @Timestamp Instant at, @SequenceNumber long seq) {
        newStatus(event.decisionId(), DecisionStatus.RESCINDED, null, event.on(), event.reason(), at, seq);
    }

    private void newStatus(String decisionId, DecisionStatus status, String supersededBy, LocalDate on,
                           String reason, Instant at, long seq) {
        writes.addNamed("q_decision", decisionId, """
                        WITH closed AS (UPDATE q_decision SET valid_to = :at
                            WHERE decision_id = :id AND valid_to IS NULL AND seq < :seq RETURNING *)
                        INSERT INTO q_decision (decision_id, partnership_id, title, theme, forum_id, service_change_id,
                            deciding_ods_codes, outcome, rationale, decided_on, supersedes, superseded_by, status,
                            status_on, status_reason, recorded_at, valid_from, seq, reference, positions,
                            passed_to)
                        SELECT decision_id, partnership_id, title, theme, forum_id, service_change_id,
                               deciding_ods_codes, outcome, rationale, decided_on, supersedes,
                               coalesce(:supersededBy, superseded_by), :status, :on, :reason, recorded_at, :at, :seq,
                               reference, positions, passed_to
                        FROM closed""",
                params("id", decisionId, "supersededBy", supersededBy, "status", status.name(), "on", on, "reason",
                        reason, "at", ts(at), "seq", seq));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_decision, q_ratification").update();
    }
}
