package uk.nhs.stpgov.query.accountabilitymap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityReviewed;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;
import uk.nhs.stpgov.events.decision.DecisionRatificationDeclined;
import uk.nhs.stpgov.events.decision.DecisionRatified;
import uk.nhs.stpgov.events.decision.DecisionRatifierSucceeded;
import uk.nhs.stpgov.events.decision.DecisionRecorded;
import uk.nhs.stpgov.events.decision.DecisionRescinded;
import uk.nhs.stpgov.events.decision.DecisionSuperseded;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.ForumTermsChanged;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberSucceeded;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;
import uk.nhs.stpgov.events.servicechange.AssuranceTestRecorded;
import uk.nhs.stpgov.events.servicechange.ServiceChangeAdvanced;
import uk.nhs.stpgov.events.servicechange.ServiceChangeProposed;
import uk.nhs.stpgov.query.accountabilitymap.MapRows.Key;
import uk.nhs.stpgov.query.gaps.SubjectFacts;
import uk.nhs.stpgov.query.replay.ProjectionProgress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The accountability map: one row per subject with its holders and gap windows, and per-partnership counts. It runs
 * after the other projections of its group ({@code @Order}) because it reads the rows they have just written for
 * the same event; each event names the subjects it can change.
 */
@Component
@ProcessingGroup(ProjectionProgress.GROUP)
@Order(ProjectionProgress.DERIVED_ORDER)
class AccountabilityMapProjection {
    private final MapSubjects subjects;
    private final JdbcClient jdbc;

    AccountabilityMapProjection(MapSubjects subjects, JdbcClient jdbc) {
        this.subjects = subjects;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PartnershipRegistered event, @Timestamp Instant at) {
        subjects.refresh(event.partnershipId(), Arrays.stream(ThemeCode.values())
                .map(theme -> new Key("THEME", theme.name())).toList(), at);
    }

    @EventHandler
    void on(MemberAdmitted event, @Timestamp Instant at) {
        subjects.membersChanged(event.partnershipId());
        subjects.refresh(event.partnershipId(), subjects.naming(event.partnershipId(), event.odsCode()), at);
    }

    @EventHandler
    void on(MemberWithdrew event, @Timestamp Instant at) {
        subjects.membersChanged(event.partnershipId());
        subjects.refresh(event.partnershipId(), subjects.naming(event.partnershipId(), event.odsCode()), at);
    }

    @EventHandler
    void on(MemberSucceeded event, @Timestamp Instant at) {
        // The transfers, delegations and ratifier changes of the succession follow as their own events; here the
        // predecessor's subjects learn that it has a successor, and the successor's that it was renamed.
        subjects.membersChanged(event.partnershipId());
        List<Key> keys = new ArrayList<>(subjects.naming(event.partnershipId(), event.odsCode()));
        keys.addAll(subjects.naming(event.partnershipId(), event.successorOdsCode()));
        subjects.refresh(event.partnershipId(), keys, at);
    }

    @EventHandler
    void on(ForumTermsChanged event, @Timestamp Instant at) {
        subjects.forumsChanged(event.partnershipId(), event.forumId());
        // A theme newly in remit needs an ACCOUNTABLE from the terms' day, one leaving every forum's remit no longer
        // does from then: every theme is judged again (terms change rarely).
        List<Key> keys = new ArrayList<>(Arrays.stream(ThemeCode.values()).map(theme -> new Key("THEME", theme.name()))
                .toList());
        keys.addAll(subjects.decisionsOfForum(event.partnershipId(), event.forumId()));
        subjects.refresh(event.partnershipId(), keys, at);
    }

    @EventHandler
    void on(ForumEstablished event, @Timestamp Instant at) {
        subjects.forumsChanged(event.partnershipId(), event.forumId());
        subjects.refresh(event.partnershipId(), event.themes().stream()
                .map(theme -> new Key("THEME", theme.name())).toList(), at);
    }

    @EventHandler
    void on(AuthorityDelegated event, @Timestamp Instant at) {
        subjects.forumsChanged(event.partnershipId(), event.forumId());
        subjects.refresh(event.partnershipId(), subjects.decisionsOfForum(event.partnershipId(), event.forumId()), at);
    }

    @EventHandler
    void on(DelegationRevoked event, @Timestamp Instant at) {
        subjects.forumsChanged(event.partnershipId(), event.forumId());
        subjects.refresh(event.partnershipId(), subjects.decisionsOfForum(event.partnershipId(), event.forumId()), at);
    }

    @EventHandler
    void on(ServiceChangeProposed event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.serviceChangeProposed(event, at, seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("SERVICE_CHANGE", event.serviceChangeId())), at);
    }

    @EventHandler
    void on(ServiceChangeAdvanced event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.serviceChangeAdvanced(event.serviceChangeId(), event.to(), at, seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("SERVICE_CHANGE", event.serviceChangeId())), at);
    }

    @EventHandler
    void on(AssuranceTestRecorded event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.assuranceTestRecorded(event.serviceChangeId(), event.test(), event.result(),
                event.assessedOn() != null ? event.assessedOn() : LocalDate.ofInstant(at, java.time.ZoneOffset.UTC),
                seq);
        List<Key> keys = new ArrayList<>(List.of(new Key("SERVICE_CHANGE", event.serviceChangeId())));
        keys.addAll(subjects.decisionsOnServiceChange(event.serviceChangeId()));
        subjects.refresh(event.partnershipId(), keys, at);
    }

    @EventHandler
    void on(DecisionRecorded event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.decisionRecorded(event, at, seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("DECISION", event.decisionId())), at);
    }

    @EventHandler
    void on(DecisionRatified event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.decisionAnswered(event.decisionId(), event.odsCode(), event.ratifiedOn(), false, seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("DECISION", event.decisionId())), at);
    }

    @EventHandler
    void on(DecisionRatificationDeclined event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.decisionAnswered(event.decisionId(), event.odsCode(), event.on(), true, seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("DECISION", event.decisionId())), at);
    }

    @EventHandler
    void on(DecisionRatifierSucceeded event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.decisionRatifierSucceeded(event.decisionId(), event.odsCode(), event.succeededFrom(), seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("DECISION", event.decisionId())), at);
    }

    @EventHandler
    void on(DecisionSuperseded event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.decisionStatus(event.decisionId(), DecisionStatus.SUPERSEDED, event.on(), seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("DECISION", event.decisionId())), at);
    }

    @EventHandler
    void on(DecisionRescinded event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.decisionStatus(event.decisionId(), DecisionStatus.RESCINDED, event.on(), seq);
        subjects.refresh(event.partnershipId(), List.of(new Key("DECISION", event.decisionId())), at);
    }

    @EventHandler
    void on(AccountabilityAssigned event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.accountabilityAssigned(event, seq);
        refresh(event.partnershipId(), event.subject(), at);
    }

    @EventHandler
    void on(AccountabilityAccepted event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.accountabilityChanged(event.partnershipId(), event.subject(), event.accountabilityId(), seq,
                a -> MapSubjects.accept(a, event));
        refresh(event.partnershipId(), event.subject(), at);
    }

    @EventHandler
    void on(AccountabilityRelinquished event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.accountabilityChanged(event.partnershipId(), event.subject(), event.accountabilityId(), seq,
                a -> a.relinquishedOn = event.on());
        refresh(event.partnershipId(), event.subject(), at);
    }

    @EventHandler
    void on(AccountabilityReviewed event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.accountabilityChanged(event.partnershipId(), event.subject(), event.accountabilityId(), seq,
                a -> {
                    a.reviews.add(new SubjectFacts.Review(event.on(), a.reviewBy, event.nextReviewBy()));
                    a.reviewBy = event.nextReviewBy();
                });
        refresh(event.partnershipId(), event.subject(), at);
    }

    @EventHandler
    void on(AccountabilityTransferred event, @Timestamp Instant at, @SequenceNumber long seq) {
        subjects.accountabilityChanged(event.partnershipId(), event.subject(), event.accountabilityId(), seq,
                a -> MapSubjects.transfer(a, event));
        refresh(event.partnershipId(), event.subject(), at);
    }

    private void refresh(String partnershipId, Subject subject, Instant at) {
        subjects.refresh(partnershipId, List.of(new Key(subject.type().name(), subject.ref())), at);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE q_map_subject, q_map_count, q_map_total, q_map_count_change, q_map_total_change").update();
        subjects.reset();
    }
}
