package uk.nhs.stpgov.events.servicechange;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.ServiceChangeKind;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * Revision 2 added {@code substantial} (a substantial variation needs formal consultation and assurance) and
 * {@code proposedOn} (the business day the lead was checked against); revision 1 rows are read with their kind's
 * default and no date.
 */
@Revision("2")
public record ServiceChangeProposed(String serviceChangeId, String partnershipId, String title, ServiceChangeKind kind,
                                    Set<ThemeCode> themes, String leadOdsCode, String description,
                                    boolean substantial, LocalDate proposedOn)
        implements GovernanceEvent {
    public ServiceChangeProposed {
        themes = Immutable.sortedSet(themes);
    }

    /** A proposal whose substantiality is its kind's default. */
    public ServiceChangeProposed(String serviceChangeId, String partnershipId, String title, ServiceChangeKind kind,
                                 Set<ThemeCode> themes, String leadOdsCode, String description) {
        this(serviceChangeId, partnershipId, title, kind, themes, leadOdsCode, description,
                kind.substantialByDefault(), null);
    }
}
