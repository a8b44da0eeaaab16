package uk.nhs.stpgov.events.servicechange;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * One assurance test's result, assessed on {@code assessedOn} by {@code assessor}. Revision 2 added both; revision 1
 * rows are read with the business day they were recorded and a null assessor (it was not asked).
 */
@Revision("2")
public record AssuranceTestRecorded(String serviceChangeId, String partnershipId, Set<ThemeCode> themes,
                                    AssuranceTest test, AssuranceResult result, String evidence,
                                    LocalDate assessedOn, String assessor)
        implements GovernanceEvent {
    public AssuranceTestRecorded {
        themes = Immutable.sortedSet(themes);
    }
}
