package uk.nhs.stpgov.events.decision;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.DecisionOutcome;
import uk.nhs.stpgov.events.DecisionPosition;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A decision as it was taken. {@code forumId}, {@code serviceChangeId}, {@code supersedes} and {@code reference}
 * (the forum's own minute reference) may be null; {@code decidingOdsCodes} may be empty or hold only non-statutory
 * bodies (recorded as it happened, flagged later); {@code positions} says how bodies stood, possibly none.
 * Revision 2 added {@code reference} and {@code positions} (revision 1 rows are read with null and none).
 */
@Revision("2")
public record DecisionRecorded(String decisionId, String partnershipId, String title, ThemeCode theme, String forumId,
                               String serviceChangeId, List<String> decidingOdsCodes, DecisionOutcome outcome,
                               String rationale, LocalDate decidedOn, String supersedes, String reference,
                               List<DecisionPosition> positions) implements GovernanceEvent {
    public DecisionRecorded {
        decidingOdsCodes = Immutable.list(decidingOdsCodes);
        positions = Immutable.list(positions);
    }

    /** A decision without a minute reference or positions. */
    public DecisionRecorded(String decisionId, String partnershipId, String title, ThemeCode theme, String forumId,
                            String serviceChangeId, List<String> decidingOdsCodes, DecisionOutcome outcome,
                            String rationale, LocalDate decidedOn, String supersedes) {
        this(decisionId, partnershipId, title, theme, forumId, serviceChangeId, decidingOdsCodes, outcome, rationale,
                decidedOn, supersedes, null, List.of());
    }

    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
