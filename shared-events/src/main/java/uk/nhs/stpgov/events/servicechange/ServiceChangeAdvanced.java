package uk.nhs.stpgov.events.servicechange;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.Stage;
import uk.nhs.stpgov.events.ThemeCode;

import java.util.Set;

/** A move to the next stage, or to WITHDRAWN. */
@Revision("1")
public record ServiceChangeAdvanced(String serviceChangeId, String partnershipId, Set<ThemeCode> themes, Stage from,
                                    Stage to, String note) implements GovernanceEvent {
    public ServiceChangeAdvanced {
        themes = Immutable.sortedSet(themes);
    }
}
