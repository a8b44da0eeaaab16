package uk.nhs.stpgov.events.decision;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** Applied to the earlier decision when a later one supersedes it. */
@Revision("1")
public record DecisionSuperseded(String decisionId, String partnershipId, ThemeCode theme, String supersededBy,
                                 LocalDate on) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
