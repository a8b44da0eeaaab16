package uk.nhs.stpgov.events.accountability;

import org.axonframework.serialization.Revision;
import uk.nhs.stpgov.events.GovernanceEvent;
import uk.nhs.stpgov.events.Immutable;
import uk.nhs.stpgov.events.RaciRole;
import uk.nhs.stpgov.events.Subject;
import uk.nhs.stpgov.events.ThemeCode;

import java.time.LocalDate;
import java.util.Set;

/**
 * The same assignment passes to a new holder from {@code on}, who then has to accept it. {@code succeededFrom} is
 * the former holder's organisation when the transfer comes from its succession (revision 2; null otherwise).
 */
@Revision("2")
public record AccountabilityTransferred(String accountabilityId, String partnershipId, Subject subject,
                                        Set<ThemeCode> themes, RaciRole role, String fromOdsCode, String fromPost,
                                        String odsCode, String post, String personName, LocalDate on,
                                        String succeededFrom)
        implements GovernanceEvent {
    public AccountabilityTransferred {
        themes = Immutable.sortedSet(themes);
    }

    /** A transfer made directly, not by a succession. */
    public AccountabilityTransferred(String accountabilityId, String partnershipId, Subject subject,
                                     Set<ThemeCode> themes, RaciRole role, String fromOdsCode, String fromPost,
                                     String odsCode, String post, String personName, LocalDate on) {
        this(accountabilityId, partnershipId, subject, themes, role, fromOdsCode, fromPost, odsCode, post, personName,
                on, null);
    }
}
