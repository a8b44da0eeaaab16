package uk.nhs.stpgov.events.assessment;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.MaturityRating;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/** A self-assessment of one theme; {@code answers} maps question id to the partnership's answer. */
@Revision("1")
public record ThemeAssessed(String partnershipId, String assessmentId, ThemeCode theme, MaturityRating rating, Map<String, String> answers,
                            LocalDate assessedOn) implements GovernanceEvent {
    public ThemeAssessed {
        answers = Immutable.sortedMap(answers);
    }

    @Override
    public Set<ThemeCode> themes() {
        return Set.of(theme);
    }
}
