package uk.nhs.stpgov.events.decision;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A decision as it was taken. {@code forumId}, {@code serviceChangeId} and {@code supersedes} may be null;
 * {@code decidingOdsCodes} may be empty or hold only non-statutory bodies (recorded as it happened, flagged later).
 */
@Revision("1")
public record DecisionRecorded(String decisionId, String partnershipId, String title, ThemeCode theme, String forumId,
                               String serviceChangeId, List<String> decidingOdsCodes, DecisionOutcome outcome,
                               String rationale, LocalDate decidedOn, String supersedes) implements GovernanceEvent {
    public DecisionRecorded {
        decidingOdsCodes = Immutable.list(decidingOdsCodes);
    }

    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
