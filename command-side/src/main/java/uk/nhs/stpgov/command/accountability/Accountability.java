package uk.nhs.stpgov.command.accountability;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AcceptAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.AssignAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.RelinquishAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.ReviewAccountability;
import uk.nhs.stpgov.command.accountability.AccountabilityCommands.TransferAccountability;
import uk.nhs.stpgov.command.common.BusinessDay;
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
import uk.nhs.stpgov.events.accountability.AccountabilityReviewed;
import uk.nhs.stpgov.events.accountability.AccountabilityTransferred;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One RACI assignment: a member organisation's post holds a role for a theme, service change or decision, from
 * {@code effectiveFrom}. Transfers and a relinquishment take effect on their own dates, which may lie ahead. Only one
 * ACCOUNTABLE per subject at any date, unless the assignment says it is knowingly joint.
 */
@Aggregate(cache = "aggregateCache")
public class Accountability {

    @AggregateIdentifier
    private String accountabilityId;
    private String partnershipId;
    private Subject subject;
    private Set<ThemeCode> themes;
    private RaciRole role;
    private LocalDate effectiveFrom;
    /** Holders in date order: the assignee from effectiveFrom, then each transferee from its transfer date. */
    private final List<HolderPeriod> holders = new ArrayList<>();
    private LocalDate relinquishedOn;

    /**
     * {@code bySuccession}: the period continues the one before it in a successor body (the same office);
     * {@code actedOn}: the latest day its holder itself accepted it (null: never).
     */
    private record HolderPeriod(LocalDate from, String odsCode, String post, boolean accepted, boolean bySuccession,
                                LocalDate actedOn) {
        HolderPeriod accepting() {
            return new HolderPeriod(from, odsCode, post, true, bySuccession, actedOn);
        }

        HolderPeriod acceptingOn(LocalDate on) {
            return new HolderPeriod(from, odsCode, post, true, bySuccession,
                    actedOn == null || on.isAfter(actedOn) ? on : actedOn);
        }
    }

    protected Accountability() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    public Accountability(AssignAccountability command, GovernanceRegistry registry) {
        String partnership = command.partnershipId();
        registry.requirePartnership(partnership);
        Set<ThemeCode> subjectThemes = themesOf(command.subject(), partnership, registry);
        registry.requireMemberOn(partnership, command.odsCode(), command.effectiveFrom());
        if (command.role() == RaciRole.ACCOUNTABLE && !command.joint()) {
            List<Holder> overlapping = registry.accountableHolders(partnership, command.subject()).stream()
                    .filter(h -> h.overlapsFrom(command.effectiveFrom())).toList();
            if (!overlapping.isEmpty()) {
                // The day the two would first overlap: the request's, or a planned holder's start after it.
                Holder holder = overlapping.get(0);
                boolean later = holder.effectiveFrom().isAfter(command.effectiveFrom());
                throw new RuleViolation("Subject " + command.subject() + " already has an ACCOUNTABLE holder from "
                        + (later ? holder.effectiveFrom() : command.effectiveFrom()) + ": " + holder + "."
                        + (later ? " An assignment from " + command.effectiveFrom() + " has no end, so it would "
                        + "overlap that one." : "") + " Transfer that assignment, start after its relinquishment "
                        + "takes effect, or say \"joint\": true to record a joint one");
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

    /** The holder in force on {@code on} accepts; acceptance ahead of the start date is allowed. */
    @CommandHandler
    void handle(AcceptAccountability command, GovernanceRegistry registry, BusinessDay businessDay) {
        businessDay.requireNotAfterToday(command.on(), "An acceptance");
        requireHeldOn(command.on(), "accepted");
        HolderPeriod holder = holderOn(command.on());
        // The holder accepts as a member: not after its organisation left the partnership.
        registry.requireMemberOn(partnershipId, holder.odsCode(), command.on());
        if (holder.accepted()) {
            throw new RuleViolation("Accountability " + accountabilityId + " is already accepted by "
                    + holder.odsCode() + " " + holder.post());
        }
        apply(new AccountabilityAccepted(accountabilityId, partnershipId, subject, themes, holder.odsCode(),
                command.on()));
    }

    @CommandHandler
    void handle(ReviewAccountability command, BusinessDay businessDay) {
        businessDay.requireNotAfterToday(command.on(), "A review");
        requireHeldOn(command.on(), "reviewed");
        if (command.on().isBefore(effectiveFrom)) {
            throw new RuleViolation("Accountability " + accountabilityId + " takes effect on " + effectiveFrom
                    + " and cannot be reviewed on " + command.on());
        }
        apply(new AccountabilityReviewed(accountabilityId, partnershipId, subject, themes,
                holderOn(command.on()).odsCode(), command.on(), command.nextReviewBy(), command.note()));
    }

    /** Takes effect on its date: the holder holds until then (a date ahead leaves the assignment in force meanwhile). */
    @CommandHandler
    void handle(RelinquishAccountability command) {
        if (relinquishedOn != null) {
            throw new RuleViolation("Accountability " + accountabilityId + " is already relinquished from "
                    + relinquishedOn);
        }
        // A period that a succession began continues its predecessor's office: a relinquishment dated before it (a
        // back-loaded log) ends the office there, and the succession passed nothing on.
        LocalDate latest = holders.stream().filter(h -> !h.bySuccession()).reduce((first, second) -> second)
                .orElseThrow().from();
        if (command.on().isBefore(latest)) {
            throw new RuleViolation("Accountability " + accountabilityId + " cannot be relinquished on "
                    + command.on() + ", before its current holder's start on " + latest);
        }
        HolderPeriod holder = holderOn(command.on());
        apply(new AccountabilityRelinquished(accountabilityId, partnershipId, subject, themes, role, holder.odsCode(),
                command.on(), command.reason()));
    }

    /**
     * Takes effect on its date, from the holder of the office then. A transfer dated on or before the day a succession
     * passed the office on (a back-loaded log: a CCG's 2021 transfer to a trust, loaded after the CCG's 2022
     * succession) is the holder's own: the succession passed nothing, as if the transfer had been recorded first, and
     * the periods it began are set aside, unless their holder acted on them (accepted the office).
     */
    @CommandHandler
    void handle(TransferAccountability command, GovernanceRegistry registry) {
        requireHeldOn(command.on(), "transferred");
        int kept = command.succeededFrom() == null ? keptBefore(command.on()) : holders.size();
        HolderPeriod latest = holders.get(kept - 1);
        for (HolderPeriod passed : holders.subList(kept, holders.size())) {
            if (passed.actedOn() != null) {
                throw new RuleViolation("Accountability " + accountabilityId + " cannot be transferred on "
                        + command.on() + ": it passed to " + passed.odsCode() + " by succession on " + passed.from()
                        + ", which accepted it on " + passed.actedOn());
            }
        }
        if (!command.on().isAfter(latest.from()) && kept > 1 || command.on().isBefore(effectiveFrom)) {
            throw new RuleViolation("Accountability " + accountabilityId + " cannot be transferred on "
                    + command.on() + ": its holder " + latest.odsCode() + " holds it from " + latest.from());
        }
        // Its holder accepted it on a later day: a transfer dated before that would leave the acceptance with a body
        // that no longer held it (a log loaded out of order; as a member's leaving day cannot precede its acts).
        if (latest.actedOn() != null && command.on().isBefore(latest.actedOn())) {
            throw new RuleViolation("Accountability " + accountabilityId + " cannot be transferred on " + command.on()
                    + ": its holder " + latest.odsCode() + " accepted it on " + latest.actedOn() + ", after that day");
        }
        if (command.odsCode().equals(latest.odsCode()) && command.post().equals(latest.post())) {
            throw new RuleViolation("Accountability " + accountabilityId + " is already held by " + latest.odsCode()
                    + " " + latest.post());
        }
        registry.requireMemberOn(partnershipId, command.odsCode(), command.on());
        apply(new AccountabilityTransferred(accountabilityId, partnershipId, subject, themes, role, latest.odsCode(),
                latest.post(), command.odsCode(), command.post(), command.personName(), command.on(),
                command.succeededFrom()));
    }

    /**
     * How many holder periods stand before a transfer dated {@code on}: all but the last ones that a succession began
     * on or after that day.
     */
    private int keptBefore(LocalDate on) {
        int kept = holders.size();
        while (kept > 1 && holders.get(kept - 1).bySuccession() && !holders.get(kept - 1).from().isBefore(on)) {
            kept--;
        }
        return kept;
    }

    private void requireHeldOn(LocalDate on, String action) {
        if (relinquishedOn != null && !on.isBefore(relinquishedOn)) {
            throw new RuleViolation("Accountability " + accountabilityId + " was relinquished from " + relinquishedOn
                    + " and cannot be " + action + " on " + on);
        }
    }

    private HolderPeriod holderOn(LocalDate on) {
        HolderPeriod inForce = holders.get(0);
        for (HolderPeriod h : holders) {
            if (!h.from().isAfter(on)) {
                inForce = h;
            }
        }
        return inForce;
    }

    @EventSourcingHandler
    void on(AccountabilityAssigned event) {
        accountabilityId = event.accountabilityId();
        partnershipId = event.partnershipId();
        subject = event.subject();
        themes = event.themes();
        role = event.role();
        effectiveFrom = event.effectiveFrom();
        holders.add(new HolderPeriod(event.effectiveFrom(), event.odsCode(), event.post(), false, false, null));
    }

    @EventSourcingHandler
    void on(AccountabilityAccepted event) {
        int accepting = 0;
        for (int i = 0; i < holders.size(); i++) {
            HolderPeriod h = holders.get(i);
            if (h.odsCode().equals(event.odsCode()) && (i == 0 || !h.from().isAfter(event.on()))) {
                accepting = i;
            }
        }
        holders.set(accepting, holders.get(accepting).acceptingOn(event.on()));
        // An acceptance recorded after the office passed on by succession (a back-loaded log) carries on with it.
        for (int i = accepting + 1; i < holders.size() && holders.get(i).bySuccession(); i++) {
            holders.set(i, holders.get(i).accepting());
        }
    }

    @EventSourcingHandler
    void on(AccountabilityRelinquished event) {
        relinquishedOn = event.on();
    }

    @EventSourcingHandler
    void on(AccountabilityTransferred event) {
        boolean succession = event.succeededFrom() != null;
        if (!succession) {
            // Dated before a succession that passed the office on: that succession passed nothing.
            holders.subList(keptBefore(event.on()), holders.size()).clear();
        }
        HolderPeriod previous = holders.get(holders.size() - 1);
        // A succession moves the same office to the successor body: an acceptance already given stands.
        holders.add(new HolderPeriod(event.on(), event.odsCode(), event.post(), succession && previous.accepted(),
                succession, null));
    }
}
