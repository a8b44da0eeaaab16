package uk.nhs.stpgov.deploy.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import uk.nhs.stpgov.command.registry.RecordOwners;

/**
 * The web pages (DESIGN §4b): people sign in with a form and keep a session (the container's, cookie HttpOnly and
 * SameSite=Lax, see application.yml), every form carries a CSRF token. Everything but the API, actuator and API
 * description goes through this chain; those stay with the stateless API chain. The same users, and the same
 * partnership rules as the API's, decided here on the pages' own URLs.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain pageSecurity(HttpSecurity http, ObjectProvider<RecordOwners> recordOwners) throws Exception {
        OwnerCache owners = new OwnerCache(recordOwners);
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new NegatedRequestMatcher(new OrRequestMatcher(path.matcher("/api/**"),
                        path.matcher("/actuator/**"), path.matcher("/v3/api-docs/**"), path.matcher("/v3/api-docs"),
                        path.matcher("/swagger-ui/**"), path.matcher("/swagger-ui.html"))))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .exceptionHandling(errors -> errors.accessDeniedHandler(csrfWithoutSessionToSignIn()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/assets/**", "/govuk/**", "/js/**", "/css/**", "/favicon.ico", "/error",
                                "/forbidden", "/refused").permitAll()
                        // With any query (formLogin's permitAll matches "/login" exactly): "/login?expired".
                        .requestMatchers("/login").permitAll()
                        .requestMatchers("/audit", "/audit/**").hasAnyRole("AUDITOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/partnerships/{pid}/**")
                        .access(SecurityConfiguration.partnershipInPath(true))
                        .requestMatchers("/partnerships/{pid}/*/new", "/partnerships/{pid}/imports")
                        .access(SecurityConfiguration.partnershipInPath(true))
                        .requestMatchers("/partnerships/{pid}", "/partnerships/{pid}/**")
                        .access(SecurityConfiguration.partnershipInPath(false))
                        .requestMatchers(HttpMethod.POST, "/service-changes/{id}/**")
                        .access(SecurityConfiguration.ownedRecord(owners, RecordOwners.Kind.SERVICE_CHANGE, true))
                        .requestMatchers("/service-changes/{id}", "/service-changes/{id}/**")
                        .access(SecurityConfiguration.ownedRecord(owners, RecordOwners.Kind.SERVICE_CHANGE, false))
                        .requestMatchers(HttpMethod.POST, "/decisions/{id}/**")
                        .access(SecurityConfiguration.ownedRecord(owners, RecordOwners.Kind.DECISION, true))
                        .requestMatchers(HttpMethod.POST, "/accountabilities/{id}/**")
                        .access(SecurityConfiguration.ownedRecord(owners, RecordOwners.Kind.ACCOUNTABILITY, true))
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * A form sent after its session ended fails the CSRF check with nobody signed in: the person is sent to sign in
     * again (303), not told their account may not change the records. A forged form (no token) from a signed-in
     * session is still refused, with the "You cannot open this page" page (403).
     */
    static AccessDeniedHandler csrfWithoutSessionToSignIn() {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage("/forbidden");
        AuthenticationTrustResolver signedIn = new AuthenticationTrustResolverImpl();
        return (request, response, denied) -> {
            if (denied instanceof CsrfException
                    && !signedIn.isAuthenticated(SecurityContextHolder.getContext().getAuthentication())) {
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", request.getContextPath() + "/login?expired");
                return;
            }
            forbidden.handle(request, response, denied);
        };
    }
}
