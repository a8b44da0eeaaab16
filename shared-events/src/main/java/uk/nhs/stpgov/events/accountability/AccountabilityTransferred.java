package uk.nhs.stpgov.events.accountability;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** The same assignment passes to a new holder, who then has to accept it. */
@Revision("1")
public record AccountabilityTransferred(String accountabilityId, String partnershipId, Subject subject,
                                        Set<ThemeCode> themes, RaciRole role, String fromOdsCode, String fromPost,
                                        String odsCode, String post, String personName, LocalDate on)
        implements GovernanceEvent {
    public AccountabilityTransferred {
        themes = Immutable.sortedSet(themes);
    }
}
