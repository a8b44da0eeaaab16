package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * A statutory member delegates decision authority for some themes to a forum; {@code effectiveTo} may be null.
 * When a succession carries a delegation over, {@code succeededFrom} is the predecessor and
 * {@code previousDelegationId} the delegation it replaces (both null otherwise; revision 1 rows had neither).
 */
@Revision("2")
public record AuthorityDelegated(String partnershipId, String forumId, String delegationId, String fromOdsCode,
                                 Set<ThemeCode> themes, LocalDate effectiveFrom, LocalDate effectiveTo,
                                 String succeededFrom, String previousDelegationId)
        implements GovernanceEvent {
    public AuthorityDelegated {
        themes = Immutable.sortedSet(themes);
    }

    /** A delegation made directly, not carried over by a succession. */
    public AuthorityDelegated(String partnershipId, String forumId, String delegationId, String fromOdsCode,
                              Set<ThemeCode> themes, LocalDate effectiveFrom, LocalDate effectiveTo) {
        this(partnershipId, forumId, delegationId, fromOdsCode, themes, effectiveFrom, effectiveTo, null, null);
    }
}
