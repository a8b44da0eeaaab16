package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

@Revision("1")
public record DelegationRevoked(String partnershipId, String forumId, String delegationId, Set<ThemeCode> themes,
                                LocalDate on, String reason) implements GovernanceEvent {
    public DelegationRevoked {
        themes = Immutable.sortedSet(themes);
    }
}
