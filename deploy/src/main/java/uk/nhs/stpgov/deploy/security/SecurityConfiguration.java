package uk.nhs.stpgov.deploy.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import uk.nhs.stpgov.events.Storable;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.http.HttpStatus;
import uk.nhs.stpgov.deploy.web.Problems;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import uk.nhs.stpgov.command.registry.RecordOwners;
import uk.nhs.stpgov.deploy.config.StpGovProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may call what (DESIGN §5), by URL, so the rules hold for every controller of both sides. Writes and reads
 * under {@code /api/partnerships/{pid}} and of records addressed by their own id are scoped to a programme office's
 * partnerships. The API is stateless (Basic or bearer on every request, no session cookie), hence no CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final String[] ALL_ROLES = {"ADMIN", "AUDITOR", "READER", "PROGRAMME_OFFICE"};
    /**
     * Scripts only from our own files, never inline. Inline styles stay allowed: Swagger UI sets style attributes
     * (a style cannot run code).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, StpGovProperties properties,
                                    ObjectProvider<RecordOwners> owners) throws Exception {
        StpGovProperties.Security security = properties.security();
        if (security.users().isEmpty() && !security.jwt().enabled()) {
            throw new NoCredentialsConfigured();
        }
        OwnerCache ownerCache = new OwnerCache(owners);
        ProblemResponses problems = new ProblemResponses(
                security.jwt().enabled() ? "Basic realm=\"stpgov\", Bearer" : "Basic realm=\"stpgov\"");
        http.headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        // Which id a new partnership may have is checked by its controller, which reads the body.
                        .requestMatchers(HttpMethod.POST, "/api/partnerships").hasAnyRole("ADMIN", "PROGRAMME_OFFICE")
                        .requestMatchers(HttpMethod.POST, "/api/partnerships/{pid}/**").access(partnershipInPath(true))
                        .requestMatchers(HttpMethod.POST, "/api/service-changes/{id}/**")
                        .access(ownedRecord(ownerCache, RecordOwners.Kind.SERVICE_CHANGE, true))
                        .requestMatchers(HttpMethod.POST, "/api/decisions/{id}/**")
                        .access(ownedRecord(ownerCache, RecordOwners.Kind.DECISION, true))
                        .requestMatchers(HttpMethod.POST, "/api/accountabilities/{id}/**")
                        .access(ownedRecord(ownerCache, RecordOwners.Kind.ACCOUNTABILITY, true))
                        .requestMatchers(HttpMethod.GET, "/api/partnerships/{pid}/**").access(partnershipInPath(false))
                        .requestMatchers(HttpMethod.GET, "/api/service-changes/{id}/**")
                        .access(ownedRecord(ownerCache, RecordOwners.Kind.SERVICE_CHANGE, false))
                        .requestMatchers(HttpMethod.GET, "/api/decisions/{id}/**")
                        .access(ownedRecord(ownerCache, RecordOwners.Kind.DECISION, false))
                        .requestMatchers(HttpMethod.GET, "/api/accountabilities/{id}/**")
                        .access(ownedRecord(ownerCache, RecordOwners.Kind.ACCOUNTABILITY, false))
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(ALL_ROLES)
                        .requestMatchers("/api/**").hasRole("ADMIN")
                        // The web page, its assets and the API description are public.
                        .anyRequest().permitAll());
        if (security.jwt().enabled()) {
            String issuer = security.jwt().issuerUri();
            // Resolved on first use, so the app starts while the identity provider is briefly unreachable.
            SupplierJwtDecoder decoder = new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer));
            http.oauth2ResourceServer(oauth -> oauth.authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new JwtAuthorities(security.jwt()))));
        }
        return http.build();
    }

    /** The configured users (none is fine when a JWT issuer is set); also stops Boot's generated default user. */
    @Bean
    UserDetailsService users(StpGovProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        for (StpGovProperties.User user : properties.security().users()) {
            users.add(User.withUsername(user.username())
                    .password(checkedPassword(user))
                    .authorities(Role.authorities(checkedRoles(user), user.partnerships()))
                    .build());
        }
        return new ConfiguredUsers(users);
    }

    /**
     * Spring's strict firewall, also refusing parameters that could not be stored (NUL and other control characters;
     * line breaks and tabs stay allowed in values, as a form's multi-line field sends them).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterNames(name -> Storable.textProblem(name, false).isEmpty());
        firewall.setAllowedParameterValues(value -> Storable.textProblem(value, true).isEmpty());
        return firewall;
    }

    /** The firewall's refusals (//, ;, an encoded / or %00 in a path, control characters) as problems. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST,
                "request-rejected", "Request rejected", "The request's path, parameters or headers hold characters "
                        + "or sequences that are not allowed (such as //, ;, an encoded / or %00, control characters)"));
    }

    private static String checkedPassword(StpGovProperties.User user) {
        if (!user.password().matches("^\\{[A-Za-z0-9_-]+}.*")) {
            throw new IllegalStateException("The password of user '" + user.username()
                    + "' must name its encoding, e.g. {bcrypt}$2a$10$… or {noop}secret");
        }
        return user.password();
    }

    private static List<Role> checkedRoles(StpGovProperties.User user) {
        if (user.roles().isEmpty()) {
            throw new IllegalStateException("User '" + user.username() + "' has no roles; give one of "
                    + List.of(Role.values()));
        }
        List<Role> roles = user.roles().stream().map(name -> Role.parse(name).orElseThrow(() ->
                new IllegalStateException("User '" + user.username() + "' has unknown role '" + name
                        + "'; roles are " + List.of(Role.values())))).toList();
        if (!user.partnerships().isEmpty() && !roles.contains(Role.PROGRAMME_OFFICE)) {
            throw new IllegalStateException("User '" + user.username()
                    + "' lists partnerships but is not a PROGRAMME_OFFICE; partnerships scope programme offices only");
        }
        return roles;
    }

    static AuthorizationManager<RequestAuthorizationContext> partnershipInPath(boolean write) {
        return (authentication, context) -> new AuthorizationDecision(
                PartnershipPolicy.allowed(authorities(authentication), context.getVariables().get("pid"), write));
    }

    /**
     * A record addressed by its own id is judged by its partnership. An unknown id is let through to roles that
     * could use it, so the controller answers 404; without the command side here, the query side checks itself.
     */
    static AuthorizationManager<RequestAuthorizationContext> ownedRecord(OwnerCache owners,
                                                                                 RecordOwners.Kind kind,
                                                                                 boolean write) {
        return (authentication, context) -> {
            Set<String> authorities = authorities(authentication);
            if (PartnershipPolicy.allowedEverywhere(authorities, write)) {
                // Roles that may touch every partnership never need to know which one owns the record.
                return new AuthorizationDecision(true);
            }
            Optional<String> partnership = owners.partnershipOf(kind, context.getVariables().get("id"));
            boolean allowed = partnership.map(pid -> PartnershipPolicy.allowed(authorities, pid, write))
                    .orElseGet(() -> write ? PartnershipPolicy.hasRole(authorities, "ADMIN")
                            || PartnershipPolicy.hasRole(authorities, "PROGRAMME_OFFICE")
                            : PartnershipPolicy.hasAnyRole(authorities));
            return new AuthorizationDecision(allowed);
        };
    }

    private static Set<String> authorities(Supplier<? extends Authentication> authentication) {
        return PartnershipPolicy.authorities(authentication.get());
    }
}
