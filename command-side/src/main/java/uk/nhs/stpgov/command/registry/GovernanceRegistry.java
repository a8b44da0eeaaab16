package uk.nhs.stpgov.command.registry;

import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.MemberDays;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a command must know about other aggregates: who was a member on which dates, which forums, service changes
 * and decisions exist, who held ACCOUNTABLE for a subject over which dates, and what a member holds that a
 * succession must carry over. Kept up to date in the same transaction as the events that change it, so a check here
 * sees every committed command.
 */
public interface GovernanceRegistry {
    /** The subscribing processing group that keeps the registry and runs command-side policies. */
    String PROCESSING_GROUP = "command-registry";

    boolean partnershipExists(String partnershipId);

    /** Every membership period of the body in the partnership, oldest first. */
    List<Membership> memberships(String partnershipId, String odsCode);

    boolean forumExists(String partnershipId, String forumId);

    /** Themes of a service change or decision of the partnership; empty if there is none. */
    Optional<SubjectRecord> serviceChange(String partnershipId, String serviceChangeId);

    Optional<SubjectRecord> decision(String partnershipId, String decisionId);

    /** The decision of the partnership that carries this minute reference, if any. */
    Optional<String> decisionWithReference(String partnershipId, String reference);

    /**
     * Every ACCOUNTABLE assignment of a subject, ended or not, with its dates. Locks the subject until the transaction
     * ends, so two concurrent assignments cannot both see it free.
     */
    List<Holder> accountableHolders(String partnershipId, Subject subject);

    /** Assignments (any role) whose holder is the body and that have not been relinquished on or before the date. */
    List<Held> accountabilitiesHeldBy(String partnershipId, String odsCode, LocalDate on);

    /** Active APPROVED or REJECTED decisions on which the body has neither ratified nor declined. */
    List<String> pendingRatificationsOf(String partnershipId, String odsCode);

    /**
     * The bodies among {@code odsCodes} that had delegated {@code theme} to the forum by a delegation in force on
     * {@code day} (from its effectiveFrom to its effectiveTo, not revoked on or before the day): a decision the forum
     * took that day binds them by delegation, and they owe no ratification (DESIGN §1, binding per body).
     */
    Set<String> boundByDelegation(String partnershipId, String forumId, ThemeCode theme, Collection<String> odsCodes,
                                  LocalDate day);

    /**
     * The decisions of the delegation's forum in one of its themes, taken on or after {@code from}, whose ratification
     * the body that delegated still owes as a deciding body (as {@link #pendingRatificationsOf}), with their days.
     */
    List<Owed> owedUnderDelegation(String partnershipId, String delegationId, LocalDate from);

    /** State of one deciding body on a decision: PENDING, RATIFIED or DECLINED; empty if it is not one. */
    Optional<String> decidingBodyState(String decisionId, String odsCode);

    /**
     * The earliest act on record dated after {@code day} that names the body as a member of the partnership: a
     * decision it took or that records its position, its answer to a ratification, an accountability it holds, was
     * transferred or accepted, a confidence answer, a service change it leads. With {@code ownActsOnly}, what a
     * succession passes on instead ({@link MemberAct.Kind#passesOnSuccession}) is left out.
     */
    Optional<MemberAct> firstActAfter(String partnershipId, String odsCode, LocalDate day, boolean ownActsOnly);

    /**
     * One period of membership; {@code leftOn} (inclusive: the last day as a member) is null while it lasts.
     * {@code leftBy} is WITHDRAWN or SUCCEEDED; {@code successor} the body that succeeded it on {@code leftOn}.
     */
    record Membership(String odsCode, boolean statutory, LocalDate joinedOn, LocalDate leftOn, String leftBy,
                      String successor) {
        public boolean covers(LocalDate day) {
            return MemberDays.covers(joinedOn, leftOn, day);
        }

        /** Whether this period ended by a succession ({@code successor}) on or after {@code day}. */
        public boolean succeededOnOrAfter(LocalDate day) {
            return "SUCCEEDED".equals(leftBy) && successor != null && !leftOn.isBefore(day);
        }

        @Override
        public String toString() {
            return joinedOn + (leftOn == null ? " onwards" : " to " + leftOn + " (" + leftBy + ")");
        }
    }

    /** A ratification a body owes on a decision taken on {@code decidedOn}. */
    record Owed(String decisionId, String odsCode, LocalDate decidedOn) {
    }

    /** An assignment held by a body: its id, the post and person holding it, and when it took effect. */
    record Held(String accountabilityId, String post, String personName, LocalDate effectiveFrom) {
    }

    record SubjectRecord(String id, Set<ThemeCode> themes, DecisionStatus status) {
    }

    /** An ACCOUNTABLE assignment from {@code effectiveFrom} until {@code endsOn} (exclusive; null: open). */
    record Holder(String accountabilityId, String odsCode, String post, String personName, LocalDate effectiveFrom,
                  LocalDate endsOn) {
        /** Whether an open-ended assignment starting on {@code from} would overlap this one. */
        public boolean overlapsFrom(LocalDate from) {
            return endsOn == null || from.isBefore(endsOn);
        }

        @Override
        public String toString() {
            // The assignment's dates, not the holder's: after a transfer or a succession the holder named is the
            // latest, who may have taken it over after it started (or, if it starts ahead, not hold it yet).
            return odsCode + " (" + post + (personName == null ? "" : ", " + personName) + "), the latest holder of "
                    + "accountability " + accountabilityId + ", which runs from " + effectiveFrom
                    + (endsOn == null ? "" : " until " + endsOn);
        }
    }

    default void requirePartnership(String partnershipId) {
        if (!partnershipExists(partnershipId)) {
            throw new UnknownEntity("partnership", partnershipId);
        }
    }

    /** The membership in force on the day, if the body was a member then. */
    default Optional<Membership> memberOn(String partnershipId, String odsCode, LocalDate day) {
        return memberships(partnershipId, odsCode).stream().filter(m -> m.covers(day)).findFirst();
    }

    /**
     * Rules are judged at the business date of the act: the body must have been a member that day (joined on or
     * before it, not withdrawn or succeeded before it), else 409 naming its periods.
     */
    default Membership requireMemberOn(String partnershipId, String odsCode, LocalDate day) {
        return memberOn(partnershipId, odsCode, day).orElseThrow(() -> {
            List<Membership> periods = memberships(partnershipId, odsCode);
            return new RuleViolation(odsCode + " was not a member of partnership " + partnershipId + " on " + day
                    + (periods.isEmpty() ? " (it has never been one)" : "; its membership: " + periods));
        });
    }
}
