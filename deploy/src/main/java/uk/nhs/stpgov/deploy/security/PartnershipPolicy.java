package uk.nhs.stpgov.deploy.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one owner of "may this caller touch partnership X" (DESIGN §5): the URL rules of {@link SecurityConfiguration}
 * and the sides' own checks (a new partnership's id, lists, records addressed by their id) all ask here. Reads the
 * authorities every caller gets, Basic or JWT alike: {@code ROLE_<role>} and {@code PARTNERSHIP_<id>}.
 */
@Component
class PartnershipPolicy implements uk.nhs.stpgov.command.web.PartnershipAccess,
        uk.nhs.stpgov.query.web.PartnershipAccess {
    private static final String[] ALL_ROLES = {"ADMIN", "AUDITOR", "READER", "PROGRAMME_OFFICE"};

    @Override
    public boolean mayWrite(String partnershipId) {
        return allowed(current(), partnershipId, true);
    }

    @Override
    public boolean mayRead(String partnershipId) {
        return allowed(current(), partnershipId, false);
    }

    @Override
    public Optional<Set<String>> readable() {
        Set<String> authorities = current();
        if (allowedEverywhere(authorities, false)) {
            return Optional.empty();
        }
        return Optional.of(hasRole(authorities, "PROGRAMME_OFFICE") ? authorities.stream()
                .filter(a -> a.startsWith(Role.PARTNERSHIP_PREFIX))
                .map(a -> a.substring(Role.PARTNERSHIP_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet()) : Set.of());
    }

    /** ADMIN writes and reads every partnership; AUDITOR and READER read every partnership. */
    static boolean allowedEverywhere(Set<String> authorities, boolean write) {
        return hasRole(authorities, "ADMIN")
                || !write && (hasRole(authorities, "AUDITOR") || hasRole(authorities, "READER"));
    }

    /** Everywhere-roles, or a programme office of that partnership. */
    static boolean allowed(Set<String> authorities, String partnershipId, boolean write) {
        return allowedEverywhere(authorities, write) || hasRole(authorities, "PROGRAMME_OFFICE")
                && authorities.contains(Role.PARTNERSHIP_PREFIX + partnershipId);
    }

    static boolean hasAnyRole(Set<String> authorities) {
        for (String role : ALL_ROLES) {
            if (hasRole(authorities, role)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasRole(Set<String> authorities, String role) {
        return authorities.contains("ROLE_" + role);
    }

    static Set<String> authorities(Authentication caller) {
        return caller == null ? Set.of() : caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> current() {
        return authorities(SecurityContextHolder.getContext().getAuthentication());
    }
}
