package uk.nhs.stpgov.query.accountabilitymap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;

import java.time.Instant;

import static uk.nhs.stpgov.query.common.Sql.array;
import static uk.nhs.stpgov.query.common.Sql.ts;

/** RACI assignments, one version per change, so the map can be read as of any instant. */
@Component
@ProcessingGroup("accountabilities")
class AccountabilityProjection {
    private static final String COLUMNS = "accountability_id, partnership_id, subject_type, subject_ref, themes, role, "
            + "ods_code, post, person_name, effective_from, review_by, joint, held_since, accepted_on, "
            + "relinquished_on, relinquish_reason";

    private final JdbcClient jdbc;

    AccountabilityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountabilityAssigned event, @Timestamp Instant at, @SequenceNumber long seq) {
        jdbc.sql("INSERT INTO q_accountability (" + COLUMNS + ", valid_from, seq) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?) ON CONFLICT DO NOTHING")
                .params(event.accountabilityId(), event.partnershipId(), event.subject().type().name(),
                        event.subject().ref(), array(event.themes()), event.role().name(), event.odsCode(),
                        event.post(), event.personName(), event.effectiveFrom(), event.reviewBy(), event.joint(),
                        event.effectiveFrom(), ts(at), seq)
                .update();
    }

    @EventHandler
    void on(AccountabilityAccepted event, @Timestamp Instant at, @SequenceNumber long seq) {
        newVersion(event.accountabilityId(), "accepted_on = :on", event.on(), null, at, seq);
    }

    @EventHandler
    void on(AccountabilityRelinquished event, @Timestamp Instant at, @SequenceNumber long seq) {
        newVersion(event.accountabilityId(), "relinquished_on = :on, relinquish_reason = :text", event.on(),
                event.reason(), at, seq);
    }

    @EventHandler
    void on(AccountabilityTransferred event, @Timestamp Instant at, @SequenceNumber long seq) {
        // The new holder has to accept afresh; how long they have held it counts from the transfer.
        jdbc.sql(closeAndCopy("ods_code = :ods, post = :post, person_name = :person, held_since = :on, accepted_on = NULL"))
                .param("id", event.accountabilityId()).param("ods", event.odsCode()).param("post", event.post())
                .param("person", event.personName()).param("on", event.on()).param("at", ts(at)).param("seq", seq)
                .update();
    }

    private void newVersion(String id, String changes, Object on, String text, Instant at, long seq) {
        var statement = jdbc.sql(closeAndCopy(changes)).param("id", id).param("on", on).param("at", ts(at))
                .param("seq", seq);
        if (text != null) {
            statement = statement.param("text", text);
        } else if (changes.contains(":text")) {
            statement = statement.param("text", null);
        }
        statement.update();
    }

    /** Closes the current version and inserts a copy with {@code changes} applied (an UPDATE-style SET list). */
    private static String closeAndCopy(String changes) {
        return "WITH closed AS (UPDATE q_accountability SET valid_to = :at "
                + "WHERE accountability_id = :id AND valid_to IS NULL AND seq < :seq RETURNING *), "
                + "copied AS (INSERT INTO q_accountability (" + COLUMNS + ", valid_from, valid_to, seq) "
                + "SELECT " + COLUMNS + ", :at, :at, :seq FROM closed RETURNING accountability_id, seq) "
                + "UPDATE q_accountability SET " + changes + ", valid_to = NULL "
                + "FROM copied WHERE q_accountability.accountability_id = copied.accountability_id "
                + "AND q_accountability.seq = copied.seq";
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_accountability").update();
    }
}
