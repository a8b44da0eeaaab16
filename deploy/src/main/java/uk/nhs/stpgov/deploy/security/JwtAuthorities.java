package uk.nhs.stpgov.deploy.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import uk.nhs.stpgov.deploy.config.StpGovProperties;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A bearer token's caller: the username claim (else {@code sub}), roles and partnerships from the configured
 * claims, each a JSON array of strings or one space-separated string. Roles other than the four are ignored, since
 * identity providers put their own roles in tokens too.
 */
final class JwtAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {
    private final StpGovProperties.Jwt settings;

    JwtAuthorities(StpGovProperties.Jwt settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<Role> roles = strings(jwt, settings.rolesClaim()).stream()
                .map(Role::parse).flatMap(Optional::stream).distinct().toList();
        String name = Optional.ofNullable(jwt.getClaimAsString(settings.usernameClaim())).orElse(jwt.getSubject());
        return new JwtAuthenticationToken(jwt, Role.authorities(roles, strings(jwt, settings.partnershipsClaim())),
                name);
    }

    private static Collection<String> strings(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return value instanceof String text ? Arrays.stream(text.split("\\s+")).filter(s -> !s.isBlank()).toList()
                : List.of();
    }
}
