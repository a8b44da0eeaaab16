package uk.nhs.stpgov.events.decision;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** A deciding body declined to ratify the decision on {@code on}, for {@code reason}. */
@Revision("1")
public record DecisionRatificationDeclined(String decisionId, String partnershipId, ThemeCode theme, String odsCode,
                                           LocalDate on, String reason) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
