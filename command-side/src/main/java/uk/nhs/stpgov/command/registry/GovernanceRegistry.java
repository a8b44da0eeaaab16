package uk.nhs.stpgov.command.registry;

import uk.nhs.stpgov.command.common.RuleViolation;
import uk.nhs.stpgov.command.common.UnknownEntity;
import uk.nhs.stpgov.events.DecisionStatus;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a command must know about other aggregates: who is a current member, which forums, service changes and
 * decisions exist, and who already holds ACCOUNTABLE for a subject. Kept up to date in the same transaction as the
 * events that change it, so a check here sees every committed command.
 */
public interface GovernanceRegistry {
    /** The subscribing processing group that keeps the registry and runs command-side policies. */
    String PROCESSING_GROUP = "command-registry";

    boolean partnershipExists(String partnershipId);

    Optional<Member> member(String partnershipId, String odsCode);

    boolean forumExists(String partnershipId, String forumId);

    /** Themes of a service change or decision of the partnership; empty if there is none. */
    Optional<SubjectRecord> serviceChange(String partnershipId, String serviceChangeId);

    Optional<SubjectRecord> decision(String partnershipId, String decisionId);

    /**
     * Current ACCOUNTABLE holders of a subject. Locks the subject until the transaction ends, so two concurrent
     * assignments cannot both see it free.
     */
    List<Holder> accountableHolders(String partnershipId, Subject subject);

    record Member(String odsCode, boolean statutory, boolean current) {
    }

    record SubjectRecord(String id, Set<ThemeCode> themes, DecisionStatus status) {
    }

    record Holder(String accountabilityId, String odsCode, String post, String personName) {
        @Override
        public String toString() {
            return odsCode + " (" + post + (personName == null ? "" : ", " + personName) + ", accountability "
                    + accountabilityId + ")";
        }
    }

    default void requirePartnership(String partnershipId) {
        if (!partnershipExists(partnershipId)) {
            throw new UnknownEntity("partnership", partnershipId);
        }
    }

    default Member requireCurrentMember(String partnershipId, String odsCode) {
        return member(partnershipId, odsCode)
                .filter(Member::current)
                .orElseThrow(() -> new RuleViolation(
                        odsCode + " is not a current member of partnership " + partnershipId));
    }
}
