package uk.nhs.stpgov.command.partnership;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AdmitMember;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.AssessTheme;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.DelegateAuthority;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.EstablishForum;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RecordConfidence;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RegisterPartnership;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.RevokeDelegation;
import uk.nhs.stpgov.command.partnership.PartnershipCommands.WithdrawMember;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.assessment.ConfidenceRecorded;
import uk.nhs.stpgov.events.assessment.ThemeAssessed;
import uk.nhs.stpgov.events.partnership.AuthorityDelegated;
import uk.nhs.stpgov.events.partnership.DelegationRevoked;
import uk.nhs.stpgov.events.partnership.ForumEstablished;
import uk.nhs.stpgov.events.partnership.MemberAdmitted;
import uk.nhs.stpgov.events.partnership.MemberWithdrew;
import uk.nhs.stpgov.events.partnership.PartnershipRegistered;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An STP footprint: its member organisations, forums and the delegations of authority to them, plus its theme
 * self-assessments and confidence records. The partnership itself is not a legal body; statutory members are.
 */
@Aggregate(cache = "aggregateCache")
public class Partnership {

    @AggregateIdentifier
    private String partnershipId;
    private final Map<String, MemberState> members = new HashMap<>();
    private final Map<String, List<String>> forums = new HashMap<>();
    private final Map<String, DelegationState> delegations = new HashMap<>();

    private record MemberState(boolean statutory, boolean current, LocalDate joinedOn) {
    }

    private record DelegationState(String forumId, Set<ThemeCode> themes,
                                   LocalDate effectiveFrom, boolean revoked) {
    }

    protected Partnership() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public Partnership(RegisterPartnership command) {
        apply(new PartnershipRegistered(command.partnershipId(), command.name(), command.region()));
    }

    @CommandHandler
    void handle(AdmitMember command) {
        MemberState member = members.get(command.odsCode());
        if (member != null && member.current()) {
            throw new RuleViolation(command.odsCode() + " is already a member of " + partnershipId);
        }
        apply(new MemberAdmitted(partnershipId, command.odsCode(), command.name(), command.sector(),
                command.statutory(), command.joinedOn()));
    }

    @CommandHandler
    void handle(WithdrawMember command) {
        MemberState member = members.get(command.odsCode());
        if (member == null) {
            throw new UnknownEntity("member of " + partnershipId, command.odsCode());
        }
        if (!member.current()) {
            throw new RuleViolation(command.odsCode() + " has already withdrawn from " + partnershipId);
        }
        if (command.on().isBefore(member.joinedOn())) {
            throw new RuleViolation(command.odsCode() + " cannot withdraw on " + command.on()
                    + ", before it joined on " + member.joinedOn());
        }
        apply(new MemberWithdrew(partnershipId, command.odsCode(), command.on(), command.reason()));
    }

    @CommandHandler
    void handle(EstablishForum command) {
        if (forums.containsKey(command.forumId())) {
            throw new RuleViolation("Forum " + command.forumId() + " already exists in " + partnershipId);
        }
        command.memberOdsCodes().forEach(this::requireCurrentMember);
        apply(new ForumEstablished(partnershipId, command.forumId(), command.name(), command.kind(),
                command.memberOdsCodes(), command.themes()));
    }

    @CommandHandler
    void handle(DelegateAuthority command) {
        requireForum(command.forumId());
        if (delegations.containsKey(command.delegationId())) {
            throw new RuleViolation("Delegation " + command.delegationId() + " already exists");
        }
        MemberState from = requireCurrentMember(command.fromOdsCode());
        if (!from.statutory()) {
            throw new RuleViolation(command.fromOdsCode()
                    + " is not a statutory body, so it has no decision authority to delegate");
        }
        apply(new AuthorityDelegated(partnershipId, command.forumId(), command.delegationId(), command.fromOdsCode(),
                command.themes(), command.effectiveFrom(), command.effectiveTo()));
    }

    @CommandHandler
    void handle(RevokeDelegation command) {
        requireForum(command.forumId());
        DelegationState delegation = delegations.get(command.delegationId());
        if (delegation == null || !delegation.forumId().equals(command.forumId())) {
            throw new UnknownEntity("delegation of forum " + command.forumId(), command.delegationId());
        }
        if (delegation.revoked()) {
            throw new RuleViolation("Delegation " + command.delegationId() + " is already revoked");
        }
        if (command.on().isBefore(delegation.effectiveFrom())) {
            throw new RuleViolation("A delegation cannot be revoked on " + command.on()
                    + ", before it took effect on " + delegation.effectiveFrom());
        }
        apply(new DelegationRevoked(partnershipId, command.forumId(), command.delegationId(), delegation.themes(),
                command.on(), command.reason()));
    }

    @CommandHandler
    void handle(AssessTheme command) {
        apply(new ThemeAssessed(partnershipId, command.assessmentId(), command.theme(), command.rating(),
                command.answers(), command.assessedOn()));
    }

    @CommandHandler
    void handle(RecordConfidence command) {
        apply(new ConfidenceRecorded(partnershipId, command.assessmentId(), command.respondentRole(),
                command.level(), command.reason(), command.recordedOn()));
    }

    private MemberState requireCurrentMember(String odsCode) {
        MemberState member = members.get(odsCode);
        if (member == null || !member.current()) {
            throw new RuleViolation(odsCode + " is not a current member of partnership " + partnershipId);
        }
        return member;
    }

    private void requireForum(String forumId) {
        if (!forums.containsKey(forumId)) {
            throw new UnknownEntity("forum in partnership " + partnershipId, forumId);
        }
    }

    @EventSourcingHandler
    void on(PartnershipRegistered event) {
        partnershipId = event.partnershipId();
    }

    @EventSourcingHandler
    void on(MemberAdmitted event) {
        members.put(event.odsCode(), new MemberState(event.statutory(), true, event.joinedOn()));
    }

    @EventSourcingHandler
    void on(MemberWithdrew event) {
        members.computeIfPresent(event.odsCode(), (ods, m) -> new MemberState(m.statutory(), false, m.joinedOn()));
    }

    @EventSourcingHandler
    void on(ForumEstablished event) {
        forums.put(event.forumId(), event.memberOdsCodes());
    }

    @EventSourcingHandler
    void on(AuthorityDelegated event) {
        delegations.put(event.delegationId(),
                new DelegationState(event.forumId(), event.themes(), event.effectiveFrom(), false));
    }

    @EventSourcingHandler
    void on(DelegationRevoked event) {
        delegations.computeIfPresent(event.delegationId(),
                (id, d) -> new DelegationState(d.forumId(), d.themes(), d.effectiveFrom(), true));
    }
}
