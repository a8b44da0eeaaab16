package uk.nhs.stpgov.query.web;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * May the caller read partnership X, and which partnerships may it list? Reads the authorities that deploy's
 * security configuration gives every caller, Basic or JWT alike: {@code ROLE_<role>} and {@code PARTNERSHIP_<id>} for
 * each partnership of a programme office. The command side has the same small class, as the two sides never import
 * each other. URL rules in deploy already guard {@code /api/partnerships/{pid}/**}; lists and records addressed by
 * their own id need these checks here.
 */
public final class PartnershipAccess {
    public static final String ROLE = "ROLE_";
    public static final String PARTNERSHIP = "PARTNERSHIP_";

    private PartnershipAccess() {
    }

    /** ADMIN, AUDITOR and READER read every partnership; a programme office only its own. */
    public static boolean readsAll() {
        Set<String> authorities = authorities();
        return authorities.contains(ROLE + "ADMIN") || authorities.contains(ROLE + "AUDITOR")
                || authorities.contains(ROLE + "READER");
    }

    /** The partnerships a programme office may read (meaningful when {@link #readsAll()} is false). */
    public static Set<String> ownPartnerships() {
        return authorities().stream().filter(a -> a.startsWith(PARTNERSHIP))
                .map(a -> a.substring(PARTNERSHIP.length())).collect(Collectors.toUnmodifiableSet());
    }

    public static boolean mayRead(String partnershipId) {
        Set<String> authorities = authorities();
        return readsAll() || authorities.contains(ROLE + "PROGRAMME_OFFICE")
                && authorities.contains(PARTNERSHIP + partnershipId);
    }

    /** Answers 403 (AccessDeniedException, mapped to a problem) when the caller may not read the partnership. */
    public static void requireRead(String partnershipId) {
        if (!mayRead(partnershipId)) {
            throw new AccessDeniedException("You may not read partnership '" + partnershipId + "'");
        }
    }

    private static Set<String> authorities() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? Set.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toUnmodifiableSet());
    }
}
