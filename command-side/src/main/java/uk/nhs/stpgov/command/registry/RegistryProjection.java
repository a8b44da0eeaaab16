package uk.nhs.stpgov.command.registry;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Keeps the command side's registry tables. Runs in a subscribing processor, inside the transaction that appends
 * the events, so the registry never lags behind the event store.
 */
@Component
@ProcessingGroup(GovernanceRegistry.PROCESSING_GROUP)
class RegistryProjection {

    private final JdbcClient jdbc;

    RegistryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PartnershipRegistered event) {
        jdbc.sql("INSERT INTO cmd_partnership (partnership_id) VALUES (?) ON CONFLICT DO NOTHING")
                .param(event.partnershipId()).update();
    }

    @EventHandler
    void on(MemberAdmitted event) {
        jdbc.sql("INSERT INTO cmd_member (partnership_id, ods_code, statutory, current) VALUES (?, ?, ?, true) "
                        + "ON CONFLICT (partnership_id, ods_code) DO UPDATE SET statutory = excluded.statutory, current = true")
                .params(event.partnershipId(), event.odsCode(), event.statutory()).update();
    }

    @EventHandler
    void on(MemberWithdrew event) {
        jdbc.sql("UPDATE cmd_member SET current = false WHERE partnership_id = ? AND ods_code = ?")
                .params(event.partnershipId(), event.odsCode()).update();
    }

    @EventHandler
    void on(ForumEstablished event) {
        jdbc.sql("INSERT INTO cmd_forum (partnership_id, forum_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.partnershipId(), event.forumId()).update();
    }

    @EventHandler
    void on(ServiceChangeProposed event) {
        insertSubject("SERVICE_CHANGE", event.serviceChangeId(), event.partnershipId(), event.themes(), null);
    }

    @EventHandler
    void on(DecisionRecorded event) {
        insertSubject("DECISION", event.decisionId(), event.partnershipId(), event.themes(), DecisionStatus.ACTIVE);
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
        jdbc.sql("INSERT INTO cmd_accountability (accountability_id, partnership_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(event.accountabilityId(), event.partnershipId()).update();
        if (event.role() == RaciRole.ACCOUNTABLE) {
            jdbc.sql("INSERT INTO cmd_accountable (accountability_id, partnership_id, subject_type, subject_ref, "
                            + "ods_code, post, person_name) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(event.accountabilityId(), event.partnershipId(), event.subject().type().name(),
                            event.subject().ref(), event.odsCode(), event.post(), event.personName())
                    .update();
        }
    }

    @EventHandler
    void on(AccountabilityTransferred event) {
        jdbc.sql("UPDATE cmd_accountable SET ods_code = ?, post = ?, person_name = ? WHERE accountability_id = ?")
                .params(event.odsCode(), event.post(), event.personName(), event.accountabilityId()).update();
    }

    @EventHandler
    void on(AccountabilityRelinquished event) {
        jdbc.sql("DELETE FROM cmd_accountable WHERE accountability_id = ?").param(event.accountabilityId()).update();
    }

    private void insertSubject(String type, String id, String partnershipId, Collection<ThemeCode> themes,
                               DecisionStatus status) {
        jdbc.sql("INSERT INTO cmd_subject (subject_type, subject_id, partnership_id, themes, status) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(type, id, partnershipId,
                        themes.stream().map(Enum::name).collect(Collectors.joining(",")),
                        status == null ? null : status.name())
                .update();
    }

    private void decisionStatus(String decisionId, DecisionStatus status) {
        jdbc.sql("UPDATE cmd_subject SET status = ? WHERE subject_type = 'DECISION' AND subject_id = ?")
                .params(status.name(), decisionId).update();
    }
}
