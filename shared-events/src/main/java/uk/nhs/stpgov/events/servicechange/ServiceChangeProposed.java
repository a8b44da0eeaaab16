package uk.nhs.stpgov.events.servicechange;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.ThemeCode;

import java.util.Set;

@Revision("1")
public record ServiceChangeProposed(String serviceChangeId, String partnershipId, String title, ServiceChangeKind kind,
                                    Set<ThemeCode> themes, String leadOdsCode, String description)
        implements GovernanceEvent {
    public ServiceChangeProposed {
        themes = Immutable.sortedSet(themes);
    }
}
