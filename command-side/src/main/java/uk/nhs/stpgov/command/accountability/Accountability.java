package uk.nhs.stpgov.command.accountability;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AcceptAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AssignAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.RelinquishAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.command.registry.GovernanceRegistry.Holder;
import uk.nhs.stpgov.command.registry.GovernanceRegistry.SubjectRecord;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;
import uk.nhs.stpgov.events.accountability.AccountabilityAccepted;
import uk.nhs.stpgov.events.accountability.AccountabilityAssigned;
import uk.nhs.stpgov.events.accountability.AccountabilityRelinquished;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;

import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One RACI assignment: a member organisation's post holds a role for a theme, service change or decision. Only one
 * ACCOUNTABLE per subject, unless the assignment says it is knowingly joint.
 */
@Aggregate(cache = "aggregateCache")
public class Accountability {

    @AggregateIdentifier
    private String accountabilityId;
    private String partnershipId;
    private Subject subject;
    private Set<ThemeCode> themes;
    private RaciRole role;
    private String odsCode;
    private String post;
    private boolean accepted;
    private boolean relinquished;

    protected Accountability() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public Accountability(AssignAccountability command, GovernanceRegistry registry) {
        String partnership = command.partnershipId();
        registry.requirePartnership(partnership);
        Set<ThemeCode> subjectThemes = themesOf(command.subject(), partnership, registry);
        registry.requireCurrentMember(partnership, command.odsCode());
        if (command.role() == RaciRole.ACCOUNTABLE && !command.joint()) {
            List<Holder> holders = registry.accountableHolders(partnership, command.subject());
            if (!holders.isEmpty()) {
                throw new RuleViolation("Subject " + command.subject() + " already has an ACCOUNTABLE holder: "
                        + holders.get(0) + ". Transfer that assignment, or say \"joint\": true to record a joint one");
            }
        }
        apply(new AccountabilityAssigned(command.accountabilityId(), partnership, command.subject(), subjectThemes,
                command.role(), command.odsCode(), command.post(), command.personName(), command.effectiveFrom(),
                command.reviewBy(), command.joint()));
    }

    private static Set<ThemeCode> themesOf(Subject subject, String partnership, GovernanceRegistry registry) {
        return switch (subject.type()) {
            case THEME -> Set.of(ThemeCode.valueOf(subject.ref()));
            case SERVICE_CHANGE -> registry.serviceChange(partnership, subject.ref()).map(SubjectRecord::themes)
                    .orElseThrow(() -> new RuleViolation(
                            "Service change " + subject.ref() + " is not part of " + partnership));
            case DECISION -> registry.decision(partnership, subject.ref()).map(SubjectRecord::themes)
                    .orElseThrow(() -> new RuleViolation("Decision " + subject.ref() + " is not part of " + partnership));
        };
    }

    @CommandHandler
    void handle(AcceptAccountability command) {
        requireHeld("accepted");
        if (accepted) {
            throw new RuleViolation("Accountability " + accountabilityId + " is already accepted by " + odsCode);
        }
        apply(new AccountabilityAccepted(accountabilityId, partnershipId, subject, themes, odsCode, command.on()));
    }

    @CommandHandler
    void handle(RelinquishAccountability command) {
        requireHeld("relinquished");
        apply(new AccountabilityRelinquished(accountabilityId, partnershipId, subject, themes, role, odsCode,
                command.on(), command.reason()));
    }

    @CommandHandler
    void handle(TransferAccountability command, GovernanceRegistry registry) {
        requireHeld("transferred");
        if (command.odsCode().equals(odsCode) && command.post().equals(post)) {
            throw new RuleViolation("Accountability " + accountabilityId + " is already held by " + odsCode + " "
                    + post);
        }
        registry.requireCurrentMember(partnershipId, command.odsCode());
        apply(new AccountabilityTransferred(accountabilityId, partnershipId, subject, themes, role, odsCode, post,
                command.odsCode(), command.post(), command.personName(), command.on()));
    }

    private void requireHeld(String action) {
        if (relinquished) {
            throw new RuleViolation("Accountability " + accountabilityId + " was relinquished and cannot be " + action);
        }
    }

    @EventSourcingHandler
    void on(AccountabilityAssigned event) {
        accountabilityId = event.accountabilityId();
        partnershipId = event.partnershipId();
        subject = event.subject();
        themes = event.themes();
        role = event.role();
        odsCode = event.odsCode();
        post = event.post();
    }

    @EventSourcingHandler
    void on(AccountabilityAccepted event) {
        accepted = true;
    }

    @EventSourcingHandler
    void on(AccountabilityRelinquished event) {
        relinquished = true;
    }

    @EventSourcingHandler
    void on(AccountabilityTransferred event) {
        odsCode = event.odsCode();
        post = event.post();
        accepted = false;
    }
}
