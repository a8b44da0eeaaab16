package uk.nhs.stpgov.events.decision;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

@Revision("1")
public record DecisionRatified(String decisionId, String partnershipId, ThemeCode theme, String odsCode,
                               LocalDate ratifiedOn) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
