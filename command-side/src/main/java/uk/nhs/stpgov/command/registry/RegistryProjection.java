package uk.nhs.stpgov.command.registry;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.DecisionPosition;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.Collectors;

/**
 * Keeps the command side's registry tables. Runs in a subscribing processor, inside the transaction that appends
 * the events, so the registry never lags behind the event store. Ordered first in its group, so the policies that
 * run after it (succession, supersession) see the registry as the event left it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ProcessingGroup(GovernanceRegistry.PROCESSING_GROUP)
class RegistryProjection {

    private static final String DECIDING_BODY = "INSERT INTO cmd_decision_body (decision_id, partnership_id, ods_code, "
            + "state) VALUES (?, ?, ?, ?) ON CONFLICT (decision_id, ods_code) DO UPDATE SET state = excluded.state";

    private static final String SETTLE = "UPDATE cmd_decision_body b SET state = 'ANSWERED' ";

    private static final String ACT = "INSERT INTO cmd_member_act (partnership_id, ods_code, acted_on, act, record_id) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    RegistryProjection(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    @EventHandler
    void on(PartnershipRegistered event) {
        jdbc.sql("INSERT INTO cmd_partnership (partnership_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(event.partnershipId()).update();
    }

    @EventHandler
    void on(MemberAdmitted event) {
        jdbc.sql("INSERT INTO cmd_membership (partnership_id, ods_code, joined_on, statutory) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(event.partnershipId(), event.odsCode(), event.joinedOn(), event.statutory()).update();
        JdbcGovernanceRegistry.forgetMemberships();
    }

    @EventHandler
    void on(MemberWithdrew event) {
        jdbc.sql("UPDATE cmd_membership SET left_on = ?, left_by = 'WITHDRAWN' "
                        + "WHERE partnership_id = ? AND ods_code = ? AND left_on IS NULL")
                .params(event.on(), event.partnershipId(), event.odsCode()).update();
        JdbcGovernanceRegistry.forgetMemberships();
    }

    /** The predecessor's last day is the succession day (both are members that day); the successor joins on it. */
    @EventHandler
    void on(MemberSucceeded event) {
        jdbc.sql("UPDATE cmd_membership SET left_on = ?, left_by = 'SUCCEEDED', successor = ? "
                        + "WHERE partnership_id = ? AND ods_code = ? AND left_on IS NULL")
                .params(event.on(), event.successorOdsCode(), event.partnershipId(), event.odsCode()).update();
        if (!event.successorWasMember()) {
            jdbc.sql("INSERT INTO cmd_membership (partnership_id, ods_code, joined_on, statutory) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")
                    .params(event.partnershipId(), event.successorOdsCode(), event.on(), event.statutory()).update();
        }
        JdbcGovernanceRegistry.forgetMemberships();
    }

    @EventHandler
    void on(ForumEstablished event) {
        jdbc.sql("INSERT INTO cmd_forum (partnership_id, forum_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.partnershipId(), event.forumId()).update();
    }

    @EventHandler
    void on(AuthorityDelegated event) {
        jdbc.sql("INSERT INTO cmd_delegation (partnership_id, delegation_id, forum_id, from_ods_code, themes, "
                        + "effective_from, effective_to) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(event.partnershipId(), event.delegationId(), event.forumId(), event.fromOdsCode(),
                        event.themes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                        event.effectiveFrom(), event.effectiveTo())
                .update();
    }

    /** The latest revocation recorded stands (one back-loaded before a succession's pass replaces the pass's day). */
    @EventHandler
    void on(DelegationRevoked event) {
        jdbc.sql("UPDATE cmd_delegation SET revoked_on = ? WHERE partnership_id = ? AND delegation_id = ?")
                .params(event.on(), event.partnershipId(), event.delegationId()).update();
    }

    @EventHandler
    void on(ServiceChangeProposed event) {
        insertSubject("SERVICE_CHANGE", event.serviceChangeId(), event.partnershipId(), event.themes(), null);
        if (event.proposedOn() != null) {
            act(event.partnershipId(), event.leadOdsCode(), event.proposedOn(), MemberAct.Kind.LEAD,
                    event.serviceChangeId());
        }
    }

    @EventHandler
    void on(DecisionRecorded event) {
        // One statement for the decision and one batch for its deciding bodies: this runs inside every decision
        // command's transaction.
        jdbc.sql("INSERT INTO cmd_subject (subject_type, subject_id, partnership_id, themes, status, outcome, reference, "
                        + "forum_id, decided_on) VALUES ('DECISION', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(event.decisionId(), event.partnershipId(), themes(event.themes()), DecisionStatus.ACTIVE.name(),
                        event.outcome().name(), event.reference(), event.forumId(), event.decidedOn())
                .update();
        jdbcTemplate.batchUpdate(DECIDING_BODY, event.decidingOdsCodes().stream()
                .map(ods -> new Object[]{event.decisionId(), event.partnershipId(), ods, "PENDING"}).toList());
        List<Object[]> acts = Stream.concat(
                event.decidingOdsCodes().stream().map(ods -> actRow(event, ods, MemberAct.Kind.DECIDED)),
                event.positions().stream().map(DecisionPosition::odsCode)
                        .map(ods -> actRow(event, ods, MemberAct.Kind.POSITION))).toList();
        if (!acts.isEmpty()) {
            jdbcTemplate.batchUpdate(ACT, acts);
        }
    }

    private static Object[] actRow(DecisionRecorded event, String odsCode, MemberAct.Kind kind) {
        return new Object[]{event.partnershipId(), odsCode, event.decidedOn(), kind.name(), event.decisionId()};
    }

    @EventHandler
    void on(DecisionRatified event) {
        answered(event.decisionId(), event.partnershipId(), event.odsCode(), "RATIFIED");
        act(event.partnershipId(), event.odsCode(), event.ratifiedOn(), MemberAct.Kind.RATIFIED, event.decisionId());
    }

    @EventHandler
    void on(DecisionRatificationDeclined event) {
        answered(event.decisionId(), event.partnershipId(), event.odsCode(), "DECLINED");
        act(event.partnershipId(), event.odsCode(), event.on(), MemberAct.Kind.DECLINED, event.decisionId());
    }

    /**
     * The body's answer, in the same statement as its consequence for a body that had passed its ratification on by
     * succession and then answered after all (dated before the succession: a back-loaded minute): the successors it
     * passed it to owe nothing, nor do theirs.
     */
    private void answered(String decisionId, String partnershipId, String odsCode, String state) {
        List<String> settled = jdbc.sql("WITH answer AS (" + DECIDING_BODY + " RETURNING decision_id, ods_code) "
                        + SETTLE + "FROM answer a WHERE b.decision_id = a.decision_id AND b.succeeded_from = a.ods_code "
                        + "AND b.state IN ('PENDING', 'SUCCEEDED') RETURNING b.ods_code")
                .params(decisionId, partnershipId, odsCode, state).query(String.class).list();
        for (String successor : settled) {
            settleSuccessors(decisionId, successor);
        }
    }

    private void settleSuccessors(String decisionId, String predecessor) {
        jdbc.sql(SETTLE + "WHERE b.decision_id = ? AND b.succeeded_from = ? AND b.state IN ('PENDING', 'SUCCEEDED') "
                        + "RETURNING b.ods_code")
                .params(decisionId, predecessor).query(String.class).list()
                .forEach(successor -> settleSuccessors(decisionId, successor));
    }

    /** The predecessor no longer owes the ratification: its successor does. */
    @EventHandler
    void on(DecisionRatifierSucceeded event) {
        jdbc.sql("UPDATE cmd_decision_body SET state = 'SUCCEEDED' WHERE decision_id = ? AND ods_code = ?")
                .params(event.decisionId(), event.succeededFrom()).update();
        // A successor that was itself a deciding body keeps its own state (and owes for itself, not its predecessor).
        jdbc.sql("INSERT INTO cmd_decision_body (decision_id, partnership_id, ods_code, state, succeeded_from) "
                        + "VALUES (?, ?, ?, 'PENDING', ?) ON CONFLICT DO NOTHING")
                .params(event.decisionId(), event.partnershipId(), event.odsCode(), event.succeededFrom()).update();
    }

    @EventHandler
    void on(DecisionSuperseded event) {
        decisionStatus(event.decisionId(), DecisionStatus.SUPERSEDED);
    }

    @EventHandler
    void on(DecisionRescinded event) {
        decisionStatus(event.decisionId(), DecisionStatus.RESCINDED);
    }

    @EventHandler
    void on(AccountabilityAssigned event) {
        jdbc.sql("INSERT INTO cmd_accountability (accountability_id, partnership_id, subject_type, subject_ref, role, "
                        + "ods_code, post, person_name, effective_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(event.accountabilityId(), event.partnershipId(), event.subject().type().name(),
                        event.subject().ref(), event.role().name(), event.odsCode(), event.post(), event.personName(),
                        event.effectiveFrom())
                .update();
        act(event.partnershipId(), event.odsCode(), event.effectiveFrom(), MemberAct.Kind.HELD,
                event.accountabilityId());
    }

    @EventHandler
    void on(AccountabilityAccepted event) {
        act(event.partnershipId(), event.odsCode(), event.on(), MemberAct.Kind.ACCEPTED, event.accountabilityId());
    }

    /** The latest holder, even when the transfer is dated ahead: a succession or a 409 names who will hold it. */
    @EventHandler
    void on(AccountabilityTransferred event) {
        jdbc.sql("UPDATE cmd_accountability SET ods_code = ?, post = ?, person_name = ? WHERE accountability_id = ?")
                .params(event.odsCode(), event.post(), event.personName(), event.accountabilityId()).update();
        act(event.partnershipId(), event.odsCode(), event.on(),
                event.succeededFrom() == null ? MemberAct.Kind.TRANSFERRED : MemberAct.Kind.PASSED,
                event.accountabilityId());
    }

    @EventHandler
    void on(AccountabilityRelinquished event) {
        jdbc.sql("UPDATE cmd_accountability SET ends_on = ? WHERE accountability_id = ?")
                .params(event.on(), event.accountabilityId()).update();
    }

    /** The respondent's organisation answered as a member that day (revision-1 answers name none). */
    @EventHandler
    void on(ConfidenceRecorded event) {
        if (event.respondentOdsCode() != null) {
            act(event.partnershipId(), event.respondentOdsCode(), event.recordedOn(), MemberAct.Kind.CONFIDENCE,
                    event.assessmentId());
        }
    }

    /** An act that names the body as a member on the day (see {@link GovernanceRegistry#firstActAfter}). */
    private void act(String partnershipId, String odsCode, LocalDate on, MemberAct.Kind kind, String recordId) {
        jdbc.sql(ACT).params(partnershipId, odsCode, on, kind.name(), recordId).update();
    }

    private void insertSubject(String type, String id, String partnershipId, Collection<ThemeCode> themes,
                               DecisionStatus status) {
        jdbc.sql("INSERT INTO cmd_subject (subject_type, subject_id, partnership_id, themes, status) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(type, id, partnershipId, themes(themes), status == null ? null : status.name())
                .update();
    }

    private static String themes(Collection<ThemeCode> themes) {
        return themes.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private void decisionStatus(String decisionId, DecisionStatus status) {
        jdbc.sql("UPDATE cmd_subject SET status = ? WHERE subject_type = 'DECISION' AND subject_id = ?")
                .params(status.name(), decisionId).update();
    }
}
