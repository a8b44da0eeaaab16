package uk.nhs.stpgov.deploy.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.nhs.stpgov.deploy.web.Problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows password guessing: after {@value #PER_USER} failed sign-ins for one username, or {@value #PER_ADDRESS}
 * from one address, within {@link #WINDOW}, further sign-ins by that name or from that address are refused with 429
 * until the window has passed since the last failure. Counts are per instance and in memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // before Spring Security checks the password
class SignInThrottle extends OncePerRequestFilter {
    static final int PER_USER = 10;
    static final int PER_ADDRESS = 100;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> failuresByUser = counters();
    private final Cache<String, AtomicInteger> failuresByAddress = counters();

    private static Cache<String, AtomicInteger> counters() {
        return Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();
    }

    /** Counts a wrong password or an unknown user, whichever way it was sent (Basic or the sign-in form). */
    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        count(failuresByUser, userKey(String.valueOf(event.getAuthentication().getName())));
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            count(failuresByAddress, details.getRemoteAddress());
        }
    }

    private static void count(Cache<String, AtomicInteger> counters, String key) {
        // Written back so that the window runs from the latest failure.
        AtomicInteger failures = counters.get(key, k -> new AtomicInteger());
        failures.incrementAndGet();
        counters.put(key, failures);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = signingInAs(request);
        if (username != null && (reached(failuresByUser, userKey(username), PER_USER)
                || reached(failuresByAddress, request.getRemoteAddr(), PER_ADDRESS))) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(WINDOW.toSeconds()));
            // The sign-in form is shown again saying so; Basic sign-ins get the problem (Problems.refuse).
            Problems.refuse(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-ins",
                    "Too many failed sign-ins", "Too many failed sign-ins for this user or from this address; "
                            + "try again in " + WINDOW.toMinutes() + " minutes"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Users sign in whatever the case of their name, so every spelling of one name counts as that name. */
    private static String userKey(String username) {
        return username.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean reached(Cache<String, AtomicInteger> counters, String key, int limit) {
        AtomicInteger failures = counters.getIfPresent(key);
        return failures != null && failures.get() >= limit;
    }

    /** The username a request signs in with: HTTP Basic, or the sign-in form's field. */
    private static String signingInAs(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return colon < 0 ? credentials : credentials.substring(0, colon);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            return request.getParameter("username");
        }
        return null;
    }
}
