package uk.nhs.stpgov.deploy.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import uk.nhs.stpgov.command.web.EventPositionHeader;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} on POSTs (DESIGN §4), per authenticated user: the first request with a key runs and its
 * answer (status, Location, X-Event-Position, body) is kept; a repeat with the same method, path and body gets that
 * answer and runs nothing; the key on a different request is 422; a repeat while the first still runs is 409. Answers
 * of 5xx are not kept (nothing was written), so a retry runs again. Ordered after Spring Security's filters, which
 * know the user.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 200;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotentRequests requests;

    IdempotencyFilter(IdempotentRequests requests) {
        this.requests = requests;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        String username = username();
        if (username == null) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            problem(response, 400, "invalid-request", "Invalid request",
                    "The Idempotency-Key header must have 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLarge e) {
            problem(response, 413, "payload-too-large", "Request too large", e.getMessage());
            return;
        }
        IdempotentRequests.Claim claim;
        try {
            claim = requests.claim(username, key, hash(request, body));
        } catch (DataAccessException e) {
            log.warn("Idempotency store unavailable: {}", e.getMessage());
            problem(response, 503, "store-unavailable", "Database unavailable",
                    "The database cannot be reached just now; nothing was done. Retry shortly");
            return;
        }
        if (claim instanceof IdempotentRequests.Answered answered) {
            replay(answered, response);
        } else if (claim instanceof IdempotentRequests.Mismatch) {
            problem(response, 422, "idempotency-key-reused", "Idempotency key reused", "This Idempotency-Key was "
                    + "already used for a different request (method, path or body); use a new key for a new request");
        } else if (claim instanceof IdempotentRequests.InProgress) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(response, 409, "request-in-progress", "Request in progress",
                    "A request with this Idempotency-Key is still being processed; repeat it shortly for its answer");
        } else {
            runFirst(username, key, new CachedBody(request, body), response, chain);
        }
    }

    private void runFirst(String username, String key, HttpServletRequest request, HttpServletResponse response,
                          FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(request, captured);
            if (captured.getStatus() < 500) {
                String position = captured.getHeader(EventPositionHeader.HEADER);
                requests.complete(username, key, captured.getStatus(), captured.getHeader(HttpHeaders.LOCATION),
                        captured.getContentType(), captured.getContentAsByteArray(),
                        position == null ? null : Long.valueOf(position));
                answered = true;
            }
        } finally {
            if (!answered) {
                releaseQuietly(username, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private void releaseQuietly(String username, String key) {
        try {
            requests.release(username, key);
        } catch (DataAccessException e) {
            // The claim then expires after IdempotentRequests.ABANDONED_AFTER.
            log.warn("Could not release idempotency key of {}: {}", username, e.getMessage());
        }
    }

    private static void replay(IdempotentRequests.Answered answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.eventPosition() != null) {
            // A client that lost the first answer still reads its own write with ?minPosition=.
            response.setHeader(EventPositionHeader.HEADER, Long.toString(answer.eventPosition()));
        }
        response.setHeader(REPLAYED, "true");
        if (answer.body() != null) {
            response.getOutputStream().write(answer.body());
        }
    }

    private static String username() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                ? null : authentication.getName();
    }

    /** What makes two requests "the same": method, path with query, and the body bytes. */
    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n";
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        Problems.write(response, Problems.of(HttpStatus.valueOf(status), type, title, detail));
    }

    /** The request with its body already read, so it can be hashed and still reach the controller. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("Synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
