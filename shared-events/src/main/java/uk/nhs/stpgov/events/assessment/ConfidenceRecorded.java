package uk.nhs.stpgov.events.assessment;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.ConfidenceLevel;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * A leader's confidence in the partnership's governance, in the manner of the HSJ barometer: the question asked,
 * the respondent's organisation and role, and the business day it was given ({@code recordedOn}). Revision 2 added
 * {@code question} and {@code respondentOdsCode}; revision 1 rows have neither (null).
 */
@Revision("2")
public record ConfidenceRecorded(String partnershipId, String assessmentId, String respondentRole, ConfidenceLevel level,
                                 String reason, LocalDate recordedOn, String question, String respondentOdsCode)
        implements GovernanceEvent {
    @Override
    public Set<ThemeCode> themes() {
        return Set.of(ThemeCode.LEADERSHIP);
    }
}
