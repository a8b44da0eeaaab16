package uk.nhs.stpgov.events.accountability;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

@Revision("1")
public record AccountabilityAccepted(String accountabilityId, String partnershipId, Subject subject,
                                     Set<ThemeCode> themes, String odsCode, LocalDate on) implements GovernanceEvent {
    public AccountabilityAccepted {
        themes = Immutable.sortedSet(themes);
    }
}
