package uk.nhs.stpgov.command.web;

import org.springframework.security.access.AccessDeniedException;

/**
 * May the caller write partnership X? The application's one access policy answers (deploy's security, which also
 * guards every URL); the command side only asks where a URL cannot say which partnership is meant.
 */
public interface PartnershipAccess {
    boolean mayWrite(String partnershipId);

    /** Answers 403 (through the error advice) when the caller may not write the partnership. */
    default void requireWrite(String partnershipId) {
        if (!mayWrite(partnershipId)) {
            throw new AccessDeniedException("You may not change partnership '" + partnershipId + "'");
        }
    }
}
