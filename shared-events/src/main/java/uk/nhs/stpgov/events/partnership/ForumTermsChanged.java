package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A forum's members and remit ({@code themes}) from {@code on}. {@code succeededFrom} names the member whose
 * successor took its seat when the change comes from a succession, else null.
 */
@Revision("1")
public record ForumTermsChanged(String partnershipId, String forumId, List<String> memberOdsCodes,
                                Set<ThemeCode> themes, LocalDate on, String succeededFrom) implements GovernanceEvent {
    public ForumTermsChanged {
        memberOdsCodes = Immutable.list(memberOdsCodes);
        themes = Immutable.sortedSet(themes);
    }
}
