package uk.nhs.stpgov.deploy.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import uk.nhs.stpgov.deploy.web.Problems;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 as RFC 9457 problems, in the same shape as every other refusal of the API. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final String challenge;

    /** {@code challenge} is the WWW-Authenticate value: the schemes this instance accepts. */
    ProblemResponses(String challenge) {
        this.challenge = challenge;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        // The web page signs in with its own form: a challenge would make the browser open its login dialog.
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        write(response, 401, "unauthorized", "Authentication required",
                "Sign in: send valid credentials with the request");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        write(response, 403, "forbidden", "Forbidden", "Your role or partnerships do not allow this request");
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        Problems.write(response, Problems.of(HttpStatus.valueOf(status), type, title, detail));
    }
}
