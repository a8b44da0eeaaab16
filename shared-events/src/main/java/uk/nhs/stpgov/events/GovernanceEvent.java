package uk.nhs.stpgov.events;

import java.util.Set;

/** Every event belongs to one partnership and names the themes it concerns (possibly none). */
public interface GovernanceEvent {
    String partnershipId();

    Set<ThemeCode> themes();
}
