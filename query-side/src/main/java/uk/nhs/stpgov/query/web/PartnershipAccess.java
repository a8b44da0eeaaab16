package uk.nhs.stpgov.query.web;

import org.springframework.security.access.AccessDeniedException;

import java.util.Optional;
import java.util.Set;

/**
 * May the caller read partnership X? The application's one access policy answers (deploy's security, which also
 * guards {@code /api/partnerships/{pid}/**}); the query side asks for lists and for records addressed by their own
 * id, whose partnership only it knows.
 */
public interface PartnershipAccess {
    boolean mayRead(String partnershipId);

    /** The partnerships the caller may read, or empty when it may read every one (for lists filtered in SQL). */
    Optional<Set<String>> readable();

    /** Answers 403 (AccessDeniedException, mapped to a problem) when the caller may not read the partnership. */
    default void requireRead(String partnershipId) {
        if (!mayRead(partnershipId)) {
            throw new AccessDeniedException("You may not read partnership '" + partnershipId + "'");
        }
    }
}
