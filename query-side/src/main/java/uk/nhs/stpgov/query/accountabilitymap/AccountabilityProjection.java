package uk.nhs.stpgov.query.accountabilitymap;

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
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityReviewed;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static uk.nhs.stpgov.query.support.Sql.array;
import static uk.nhs.stpgov.query.support.Sql.ts;

/** RACI assignments, one version per change, so the map can be read as of any instant. */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
@Order(ProjectionProgress.SOURCE_ORDER)
class AccountabilityProjection {
    private static final String COLUMNS = "accountability_id, partnership_id, subject_type, subject_ref, themes, role, "
            + "ods_code, post, person_name, effective_from, review_by, joint, held_since, accepted_on, "
            + "relinquished_on, relinquish_reason, succeeded_from, reviewed_on, former_holders, reviews";

    /**
     * The holders so far, each until the transfer's day at the latest (a transfer back-loaded before a succession
     * that passed the office on ends its holder's period there, and the periods the succession began never held a
     * day, as MapSubjects.transfer), then the current holder until that day.
     */
    private static final String FORMER_HOLDER = "(SELECT coalesce(jsonb_agg(CASE WHEN CAST(x.h->>'until' AS date) > "
            + "CAST(:on AS date) THEN jsonb_set(x.h, '{until}', to_jsonb(CAST(:on AS date))) ELSE x.h END "
            + "ORDER BY x.n), '[]') FROM jsonb_array_elements(former_holders) WITH ORDINALITY AS x(h, n)) "
            + "|| jsonb_build_array(jsonb_build_object("
            + "'odsCode', ods_code, 'post', post, 'personName', person_name, 'from', held_since, "
            + "'until', CAST(:on AS date), 'acceptedOn', accepted_on, 'succeededFrom', succeeded_from))";

    /**
     * The former holders (by their place n in former_holders) whose acceptance a late acceptance by :ods on :on is:
     * its own periods begun by then not yet accepted (the first period whatever the day: an acceptance signed before
     * the office began counts from its first day, as in the Accountability aggregate), and each successor's period
     * right after one of them that it took over by succession and had not accepted itself (down a chain: CCG, merged
     * CCG, ICB).
     */
    private static final String ACCEPTED_CHAIN = "WITH RECURSIVE held(h, n) AS (SELECT x.h, x.n FROM "
            + "jsonb_array_elements(former_holders) WITH ORDINALITY AS x(h, n)), chain(n, ods) AS ("
            + "SELECT held.n, held.h->>'odsCode' FROM held WHERE held.h->>'odsCode' = :ods "
            + "AND held.h->>'acceptedOn' IS NULL AND (held.n = 1 OR CAST(held.h->>'from' AS date) <= CAST(:on AS date)) "
            + "UNION ALL "
            + "SELECT held.n, held.h->>'odsCode' FROM held JOIN chain c ON held.n = c.n + 1 "
            + "WHERE held.h->>'succeededFrom' = c.ods AND held.h->>'acceptedOn' IS NULL) ";

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    AccountabilityProjection(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(AccountabilityAssigned event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_accountability", event.accountabilityId(), "INSERT INTO q_accountability (" + COLUMNS
                        + ", valid_from, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, "
                        + "NULL, '[]', '[]', ?, ?) ON CONFLICT DO NOTHING",
                event.accountabilityId(), event.partnershipId(), event.subject().type().name(),
                        event.subject().ref(), array(event.themes()), event.role().name(), event.odsCode(),
                        event.post(), event.personName(), event.effectiveFrom(), event.reviewBy(), event.joint(),
                        event.effectiveFrom(), ts(at), seq);
    }

    /**
     * The current holder's acceptance; or a former holder's, recorded after the assignment moved on (a back-loaded
     * log): it belongs to that holder's periods begun by then, and carries on to the successor bodies that continued
     * them, down a chain of successions (as MapSubjects.accept).
     */
    @EventHandler
    void on(AccountabilityAccepted event, @Timestamp Instant at, @SequenceNumber long seq) {
        newVersion(event.accountabilityId(), Map.of(
                "accepted_on", "CASE WHEN ods_code = :ods OR (accepted_on IS NULL AND (succeeded_from = :ods OR "
                        + "EXISTS (" + ACCEPTED_CHAIN + "SELECT 1 FROM chain WHERE chain.n = "
                        + "jsonb_array_length(former_holders) AND chain.ods = succeeded_from))) "
                        + "THEN CAST(:on AS date) ELSE accepted_on END",
                "former_holders", "CASE WHEN ods_code = :ods THEN former_holders ELSE (" + ACCEPTED_CHAIN
                        + "SELECT coalesce(jsonb_agg(CASE WHEN held.n IN (SELECT n FROM chain) "
                        + "THEN jsonb_set(held.h, '{acceptedOn}', to_jsonb(CAST(:on AS date))) ELSE held.h END "
                        + "ORDER BY held.n), '[]') FROM held) END"),
                Map.of("on", event.on(), "ods", event.odsCode()), at, seq);
    }

    @EventHandler
    void on(AccountabilityRelinquished event, @Timestamp Instant at, @SequenceNumber long seq) {
        newVersion(event.accountabilityId(), Map.of("relinquished_on", ":on", "relinquish_reason", ":reason"),
                Map.of("on", event.on(), "reason", event.reason()), at, seq);
    }

    @EventHandler
    void on(AccountabilityReviewed event, @Timestamp Instant at, @SequenceNumber long seq) {
        // The next review date replaces the one that fell due (null: no further review planned).
        Map<String, Object> values = new HashMap<>();
        values.put("on", event.on());
        values.put("next", event.nextReviewBy());
        // Each review is kept with the date it replaced, so a day before it is judged on the date then in force.
        newVersion(event.accountabilityId(), Map.of("reviewed_on", ":on", "review_by", "CAST(:next AS date)",
                "reviews", "reviews || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('on', CAST(:on AS date), "
                        + "'was', review_by, 'next', CAST(:next AS date))))"), values, at, seq);
    }

    @EventHandler
    void on(AccountabilityTransferred event, @Timestamp Instant at, @SequenceNumber long seq) {
        // A new holder has to accept afresh and holds it from the transfer; a successor body takes the assignment
        // over as its predecessor left it, acceptance included, and the row names the predecessor.
        Map<String, Object> values = new HashMap<>();
        values.put("ods", event.odsCode());
        values.put("post", event.post());
        values.put("person", event.personName());
        values.put("on", event.on());
        values.put("from", event.succeededFrom());
        boolean succession = event.succeededFrom() != null;
        // The former holder is kept with the day it held until, so the map on an earlier day still shows it.
        newVersion(event.accountabilityId(), Map.of("ods_code", ":ods", "post", ":post", "person_name", ":person",
                "held_since", ":on", "accepted_on", succession ? "accepted_on" : "NULL",
                "succeeded_from", succession ? ":from" : "NULL",
                "former_holders", FORMER_HOLDER), values, at, seq);
    }

    /**
     * Closes the current version and inserts the next one: a copy with the {@code changes} (column to SQL
     * expression) applied. A redelivered event finds no version older than itself and changes nothing.
     */
    private void newVersion(String id, Map<String, String> changes, Map<String, Object> values, Instant at, long seq) {
        String select = Arrays.stream(COLUMNS.split(", "))
                .map(column -> changes.getOrDefault(column, column))
                .collect(Collectors.joining(", "));
        Map<String, Object> all = new HashMap<>(values);
        all.put("id", id);
        all.put("at", ts(at));
        all.put("seq", seq);
        writes.addNamed("q_accountability", id, "WITH closed AS (UPDATE q_accountability SET valid_to = :at "
                + "WHERE accountability_id = :id AND valid_to IS NULL AND seq < :seq RETURNING *) "
                + "INSERT INTO q_accountability (" + COLUMNS + ", valid_from, seq) "
                + "SELECT " + select + ", :at, :seq FROM closed", all);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_accountability").update();
    }
}
