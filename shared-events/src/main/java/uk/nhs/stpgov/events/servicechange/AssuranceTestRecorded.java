package uk.nhs.stpgov.events.servicechange;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.AssuranceResult;
import uk.nhs.stpgov.events.AssuranceTest;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.util.Set;

@Revision("1")
public record AssuranceTestRecorded(String serviceChangeId, String partnershipId, Set<ThemeCode> themes,
                                    AssuranceTest test, AssuranceResult result, String evidence)
        implements GovernanceEvent {
    public AssuranceTestRecorded {
        themes = Immutable.sortedSet(themes);
    }
}
