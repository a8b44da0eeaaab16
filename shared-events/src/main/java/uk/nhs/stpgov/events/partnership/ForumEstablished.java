package uk.nhs.stpgov.events.partnership;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.ForumKind;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * {@code themes} is the forum's remit; {@code establishedOn} the business day its members were checked against.
 * Revision 2 added {@code establishedOn}; revision 1 rows have null (not recorded).
 */
@Revision("2")
public record ForumEstablished(String partnershipId, String forumId, String name, ForumKind kind,
                               List<String> memberOdsCodes, Set<ThemeCode> themes, LocalDate establishedOn)
        implements GovernanceEvent {
    public ForumEstablished {
        memberOdsCodes = Immutable.list(memberOdsCodes);
        themes = Immutable.sortedSet(themes);
    }
}
