package uk.nhs.stpgov.events.assessment;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** A leader's confidence in the partnership's governance, in the manner of the HSJ barometer. */
@Revision("1")
public record ConfidenceRecorded(String partnershipId, String assessmentId, String respondentRole, ConfidenceLevel level, String reason,
                                 LocalDate recordedOn) implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(ThemeCode.LEADERSHIP);
    }
}
