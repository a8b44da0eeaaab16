package uk.nhs.stpgov.events.decision;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * A deciding body that had neither ratified nor declined was succeeded on {@code on}: its successor
 * {@code odsCode} takes its place among the deciding bodies and owes the ratification ({@code succeededFrom} is
 * the predecessor).
 */
@Revision("1")
public record DecisionRatifierSucceeded(String decisionId, String partnershipId, ThemeCode theme, String odsCode,
                                        String succeededFrom, LocalDate on) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
