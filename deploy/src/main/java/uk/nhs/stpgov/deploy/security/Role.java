package uk.nhs.stpgov.deploy.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The four roles of DESIGN §5. A caller is represented by the authorities {@code ROLE_<role>} and, for a programme
 * office, {@code PARTNERSHIP_<id>} for each of its partnerships; both sides' {@code PartnershipAccess} read these.
 */
public enum Role {
    PROGRAMME_OFFICE, AUDITOR, READER, ADMIN;

    public static final String PARTNERSHIP_PREFIX = "PARTNERSHIP_";

    public static Optional<Role> parse(String name) {
        try {
            return Optional.of(valueOf(name.strip().replaceFirst("^ROLE_", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Partnership scopes count only for a programme office: other roles' reach does not depend on them. */
    public static List<GrantedAuthority> authorities(Collection<Role> roles, Collection<String> partnerships) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        if (roles.contains(PROGRAMME_OFFICE)) {
            partnerships.forEach(id -> authorities.add(new SimpleGrantedAuthority(PARTNERSHIP_PREFIX + id)));
        }
        return authorities;
    }
}
