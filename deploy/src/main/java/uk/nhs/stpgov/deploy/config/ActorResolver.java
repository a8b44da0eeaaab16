package uk.nhs.stpgov.deploy.config;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting: the authenticated user of the current request. Only commands the application sends by itself,
 * outside any request, are recorded as {@value #SYSTEM}.
 */
@Component
public class ActorResolver {
    static final String SYSTEM = "system";

    public String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
    }
}
