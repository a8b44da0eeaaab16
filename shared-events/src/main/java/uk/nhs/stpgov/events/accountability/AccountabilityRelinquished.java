package uk.nhs.stpgov.events.accountability;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

@Revision("1")
public record AccountabilityRelinquished(String accountabilityId, String partnershipId, Subject subject,
                                         Set<ThemeCode> themes, RaciRole role, String odsCode, LocalDate on,
                                         String reason) implements GovernanceEvent {
    public AccountabilityRelinquished {
        themes = Immutable.sortedSet(themes);
    }
}
