package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.ThemeCode;

import java.util.Set;

@Revision("1")
public record PartnershipRegistered(String partnershipId, String name, String region) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(ThemeCode.STRUCTURE);
    }
}
