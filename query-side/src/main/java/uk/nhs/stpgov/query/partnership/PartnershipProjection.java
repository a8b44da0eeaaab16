package uk.nhs.stpgov.query.partnership;

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
import uk.nhs.stpgov.query.support.MemberPeriod;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.ForumTermsChanged;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;
import uk.nhs.stpgov.events.partnership.PartnershipStatusChanged;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static uk.nhs.stpgov.query.replay.ProjectionWrites.params;
import static uk.nhs.stpgov.query.support.Sql.array;
import static uk.nhs.stpgov.query.support.Sql.ts;

/**
 * Partnerships with their members, forums and delegations, versioned by recorded time. Writes are queued for the end
 * of the processor batch ({@link ProjectionWrites}), each naming the record it changes.
 * <p>
 * The partnership's status and name, and each forum's terms, change from a business day: {@code q_partnership} and
 * {@code q_forum} hold the latest, and {@code q_partnership_status} and {@code q_forum_terms} every one with its day
 * and recorded instant (one row per event, so the reader can judge them on any day as of any instant). V94 filled
 * those two from the events stored before it, so their inserts skip a row that is already there.
 */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
@Order(ProjectionProgress.SOURCE_ORDER)
class PartnershipProjection {
    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    PartnershipProjection(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(PartnershipRegistered event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_partnership", event.partnershipId(), "INSERT INTO q_partnership (partnership_id, name, region, "
                        + "recorded_at, seq) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.partnershipId(), event.name(), event.region(), ts(at), seq);
        // Every partnership starts as an STP under the name it was registered with.
        status(event.partnershipId(), seq, PartnershipStatus.STP, event.name(), null, at);
    }

    /** A body joins: a version closing the one of an earlier membership, if any, and keeping its periods. */
    private static final String ADMIT = """
            WITH closed AS (UPDATE q_member SET valid_to = :at
                WHERE partnership_id = :p AND ods_code = :ods AND valid_to IS NULL AND seq < :seq
                RETURNING *)
            INSERT INTO q_member (partnership_id, ods_code, name, sector, statutory, joined_on, valid_from, seq,
                                  earlier_periods)
            SELECT :p, :ods, :name, :sector, :statutory, :joined, :at, :seq,
                   coalesce((SELECT """ + MemberPeriod.CLOSED_AS_JSON + """
             FROM closed), '[]')
            ON CONFLICT DO NOTHING""";

    @EventHandler
    void on(MemberAdmitted event, @Timestamp Instant at, @SequenceNumber long seq) {
        // A re-admission closes the withdrawn version first and keeps its periods: the new period comes after them,
        // so a day of an earlier period is still judged on it (it was a member then, or had left).
        writes.addNamed("q_member", event.partnershipId() + "|" + event.odsCode(), ADMIT,
                params("p", event.partnershipId(), "ods", event.odsCode(), "name", event.name(), "sector",
                        event.sector().name(), "statutory", event.statutory(), "joined", event.joinedOn(), "at", ts(at), "seq",
                        seq));
    }

    @EventHandler
    void on(MemberWithdrew event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.addNamed("q_member", event.partnershipId() + "|" + event.odsCode(), """
                        WITH closed AS (UPDATE q_member SET valid_to = :at
                            WHERE partnership_id = :p AND ods_code = :ods AND valid_to IS NULL AND seq < :seq
                            RETURNING *)
                        INSERT INTO q_member (partnership_id, ods_code, name, sector, statutory, joined_on,
                                              withdrawn_on, withdraw_reason, valid_from, seq, earlier_periods)
                        SELECT partnership_id, ods_code, name, sector, statutory, joined_on, :on, :reason, :at, :seq,
                               earlier_periods
                        FROM closed""",
                params("p", event.partnershipId(), "ods", event.odsCode(), "on", event.on(), "reason", event.reason(),
                        "at", ts(at), "seq", seq));
    }

    @EventHandler
    void on(MemberSucceeded event, @Timestamp Instant at, @SequenceNumber long seq) {
        // The predecessor leaves on `on`, naming its successor, so what it held is not read as abandoned.
        writes.addNamed("q_member", event.partnershipId() + "|" + event.odsCode(), """
                        WITH closed AS (UPDATE q_member SET valid_to = :at
                            WHERE partnership_id = :p AND ods_code = :ods AND valid_to IS NULL AND seq < :seq
                            RETURNING *)
                        INSERT INTO q_member (partnership_id, ods_code, name, sector, statutory, joined_on,
                                              withdrawn_on, withdraw_reason, succeeded_by, valid_from, seq,
                                              earlier_periods)
                        SELECT partnership_id, ods_code, name, sector, statutory, joined_on, :on, :reason, :successor,
                               :at, :seq, earlier_periods FROM closed""",
                params("p", event.partnershipId(), "ods", event.odsCode(), "on", event.on(), "reason", event.reason(),
                        "successor", event.successorOdsCode(), "at", ts(at), "seq", seq));
        // A body that absorbs another keeps its own membership, name and sector: its row does not change. (It took
        // the name typed on the succession, and since names are not kept by day, a typo in the second half of a
        // merger renamed the body for every day of its history; outside tester.)
        if (!event.successorWasMember()) {
            // A successor that was a member once before joins again, as a re-admission does.
            writes.addNamed("q_member", event.partnershipId() + "|" + event.successorOdsCode(), ADMIT,
                params("p", event.partnershipId(), "ods", event.successorOdsCode(), "name", event.successorName(),
                        "sector", event.sector().name(), "statutory", event.statutory(), "joined", event.on(), "at", ts(at),
                        "seq", seq));
        }
    }

    @EventHandler
    void on(PartnershipStatusChanged event, @Timestamp Instant at, @SequenceNumber long seq) {
        // The partnership row holds the latest status by day (a change back-loaded before it leaves it); the history
        // row, every change with the day it applies from.
        writes.add("q_partnership", event.partnershipId(),
                "UPDATE q_partnership SET status = ?, status_on = ?, name = coalesce(?, name) WHERE partnership_id = ? "
                        + "AND (status_on IS NULL OR status_on <= ?)",
                event.status().name(), event.on(), event.name(), event.partnershipId(), event.on());
        status(event.partnershipId(), seq, event.status(), event.name(), event.on(), at);
    }

    private void status(String partnershipId, long seq, PartnershipStatus status, String name, LocalDate on,
                        Instant at) {
        writes.add("q_partnership_status", partnershipId + "|" + seq,
                "INSERT INTO q_partnership_status (partnership_id, seq, status, name, status_on, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                partnershipId, seq, status.name(), name, on, ts(at));
    }

    @EventHandler
    void on(ForumTermsChanged event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_forum", event.partnershipId() + "|" + event.forumId(),
                "UPDATE q_forum SET member_ods_codes = ?, themes = ?, terms_on = ? "
                        + "WHERE partnership_id = ? AND forum_id = ?",
                array(event.memberOdsCodes()), array(event.themes()), event.on(), event.partnershipId(),
                event.forumId());
        terms(event.partnershipId(), seq, event.forumId(), event.memberOdsCodes(), event.themes(), event.on(), at);
    }

    @EventHandler
    void on(ForumEstablished event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_forum", event.partnershipId() + "|" + event.forumId(),
                "INSERT INTO q_forum (partnership_id, forum_id, name, kind, member_ods_codes, themes, recorded_at, "
                        + "seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.partnershipId(), event.forumId(), event.name(), event.kind().name(),
                array(event.memberOdsCodes()), array(event.themes()), ts(at), seq);
        // The establishment terms, from establishedOn (null in revision-1 events: from any day).
        terms(event.partnershipId(), seq, event.forumId(), event.memberOdsCodes(), event.themes(),
                event.establishedOn(), at);
    }

    private void terms(String partnershipId, long seq, String forumId, List<String> members, Set<ThemeCode> themes,
                       LocalDate on, Instant at) {
        writes.add("q_forum_terms", partnershipId + "|" + seq,
                "INSERT INTO q_forum_terms (partnership_id, seq, forum_id, member_ods_codes, themes, terms_on, "
                        + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                partnershipId, seq, forumId, array(members), array(themes), on, ts(at));
    }

    @EventHandler
    void on(AuthorityDelegated event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.add("q_delegation", event.partnershipId() + "|" + event.delegationId(),
                "INSERT INTO q_delegation (partnership_id, forum_id, delegation_id, from_ods_code, themes, "
                        + "effective_from, effective_to, valid_from, seq, succeeded_from, previous_delegation_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.partnershipId(), event.forumId(), event.delegationId(), event.fromOdsCode(),
                array(event.themes()), event.effectiveFrom(), event.effectiveTo(), ts(at), seq, event.succeededFrom(),
                event.previousDelegationId());
    }

    @EventHandler
    void on(DelegationRevoked event, @Timestamp Instant at, @SequenceNumber long seq) {
        writes.addNamed("q_delegation", event.partnershipId() + "|" + event.delegationId(), """
                        WITH closed AS (UPDATE q_delegation SET valid_to = :at
                            WHERE partnership_id = :p AND delegation_id = :d AND valid_to IS NULL AND seq < :seq
                            RETURNING *)
                        INSERT INTO q_delegation (partnership_id, forum_id, delegation_id, from_ods_code, themes,
                                                  effective_from, effective_to, revoked_on, revoke_reason,
                                                  valid_from, seq, succeeded_from, previous_delegation_id)
                        SELECT partnership_id, forum_id, delegation_id, from_ods_code, themes, effective_from,
                               effective_to, :on, :reason, :at, :seq, succeeded_from, previous_delegation_id
                        FROM closed""",
                params("p", event.partnershipId(), "d", event.delegationId(), "on", event.on(), "reason",
                        event.reason(), "at", ts(at), "seq", seq));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_partnership, q_member, q_forum, q_delegation, q_partnership_status, q_forum_terms")
                .update();
    }
}
