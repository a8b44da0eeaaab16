package uk.nhs.stpgov.events.accountability;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/** The assignment was reviewed on {@code on}; {@code nextReviewBy} (may be null) replaces its review date. */
@Revision("1")
public record AccountabilityReviewed(String accountabilityId, String partnershipId, Subject subject,
                                     Set<ThemeCode> themes, String odsCode, LocalDate on, LocalDate nextReviewBy,
                                     String note) implements GovernanceEvent {
    public AccountabilityReviewed {
        themes = Immutable.sortedSet(themes);
    }
}
