package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.PartnershipStatus;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** STP → ICS → STATUTORY_ICS from {@code on}; {@code name} is the new name, or null when it is unchanged. */
@Revision("1")
public record PartnershipStatusChanged(String partnershipId, PartnershipStatus from, PartnershipStatus status,
                                       String name, LocalDate on) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(ThemeCode.STRUCTURE);
    }
}
