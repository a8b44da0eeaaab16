package uk.nhs.stpgov.events.accountability;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * A RACI assignment. {@code themes} are the subject's themes; {@code joint} records that the assigner knowingly
 * added a second ACCOUNTABLE holder. {@code personName} and {@code reviewBy} may be null.
 */
@Revision("1")
public record AccountabilityAssigned(String accountabilityId, String partnershipId, Subject subject,
                                     Set<ThemeCode> themes, RaciRole role, String odsCode, String post,
                                     String personName, LocalDate effectiveFrom, LocalDate reviewBy, boolean joint)
        implements GovernanceEvent {
    public AccountabilityAssigned {
        themes = Immutable.sortedSet(themes);
    }
}
