package uk.nhs.stpgov.command.web;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * May the caller write or read partnership X? Reads the authorities that deploy's security configuration gives every
 * caller, Basic or JWT alike: {@code ROLE_<role>} and {@code PARTNERSHIP_<id>} for each partnership of a programme
 * office. The query side has the same small class, as the two sides never import each other.
 */
public final class PartnershipAccess {
    public static final String ROLE = "ROLE_";
    public static final String PARTNERSHIP = "PARTNERSHIP_";

    private PartnershipAccess() {
    }

    /** ADMIN, or a programme office of that partnership. */
    public static boolean mayWrite(String partnershipId) {
        Set<String> authorities = authorities();
        return authorities.contains(ROLE + "ADMIN") || authorities.contains(ROLE + "PROGRAMME_OFFICE")
                && authorities.contains(PARTNERSHIP + partnershipId);
    }

    /** ADMIN, AUDITOR, READER, or a programme office of that partnership. */
    public static boolean mayRead(String partnershipId) {
        Set<String> authorities = authorities();
        return authorities.contains(ROLE + "ADMIN") || authorities.contains(ROLE + "AUDITOR")
                || authorities.contains(ROLE + "READER") || mayWrite(partnershipId);
    }

    /** Answers 403 (through the error advice) when the caller may not write the partnership. */
    public static void requireWrite(String partnershipId) {
        if (!mayWrite(partnershipId)) {
            throw new AccessDeniedException("You may not change partnership '" + partnershipId + "'");
        }
    }

    private static Set<String> authorities() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? Set.of() : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toUnmodifiableSet());
    }
}
