package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** A statutory member delegates decision authority for some themes to a forum; {@code effectiveTo} may be null. */
@Revision("1")
public record AuthorityDelegated(String partnershipId, String forumId, String delegationId, String fromOdsCode,
                                 Set<ThemeCode> themes, LocalDate effectiveFrom, LocalDate effectiveTo)
        implements GovernanceEvent {
    public AuthorityDelegated {
        themes = Immutable.sortedSet(themes);
    }
}
