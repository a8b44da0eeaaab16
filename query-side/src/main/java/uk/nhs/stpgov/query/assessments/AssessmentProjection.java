package uk.nhs.stpgov.query.assessments;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.query.replay.ProjectionProgress;
import uk.nhs.stpgov.query.replay.ProjectionWrites;
import tools.jackson.databind.json.JsonMapper;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;

import java.time.Instant;

import static uk.nhs.stpgov.query.support.Sql.ts;

/** Theme self-assessments and confidence records: both are histories, kept whole. */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
class AssessmentProjection {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    AssessmentProjection(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(ThemeAssessed event, @Timestamp Instant at) {
        writes.add("q_theme_assessment", event.assessmentId(),
                "INSERT INTO q_theme_assessment (assessment_id, partnership_id, theme, rating, answers, assessed_on, "
                        + "recorded_at, questions) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING",
                event.assessmentId(), event.partnershipId(), event.theme().name(), event.rating().name(),
                JSON.writeValueAsString(event.answerMap()), event.assessedOn(), ts(at),
                JSON.writeValueAsString(event.answers()));
    }

    @EventHandler
    void on(ConfidenceRecorded event, @Timestamp Instant at) {
        writes.add("q_confidence", event.assessmentId(),
                "INSERT INTO q_confidence (assessment_id, partnership_id, respondent_role, level, reason, recorded_on, "
                        + "recorded_at, question, respondent_ods_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                event.assessmentId(), event.partnershipId(), event.respondentRole(), event.level().name(),
                event.reason(), event.recordedOn(), ts(at), event.question(), event.respondentOdsCode());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_theme_assessment, q_confidence").update();
    }
}
