package uk.nhs.stpgov.deploy.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way this app states a refusal (RFC 9457): the advice answers with these problems, and everything that
 * answers outside Spring MVC (security filters, the firewall, the servlet error page, Tomcat itself) writes them
 * with {@link #write}, or with {@link #refuse} where a person's page may be refused.
 */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The request attribute that carries a refused page request's problem to the page that shows it. */
    public static final String REFUSED = Problems.class.getName() + ".REFUSED";
    /** Where a refused page request is forwarded (as a GET): a page controller shows the problem there, in words. */
    public static final String REFUSED_PAGE = "/refused";
    /** The paths that answer machines (the API chain's, SecurityConfiguration): everything else is a page. */
    private static final List<String> MACHINE_PATHS = List.of("/api/", "/actuator", "/v3/api-docs", "/swagger-ui");

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    /** The problem's type slug for a status without one of its own, e.g. {@code method-not-allowed}. */
    public static String slug(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? String.valueOf(status) : known.name().toLowerCase().replace('_', '-');
    }

    /**
     * A refusal decided in a filter: the API and other machine paths get the problem; a page request (a browser's
     * form) is forwarded to {@link #REFUSED_PAGE} as a GET without its body, with the same status, so the person
     * sees a page saying what to do rather than JSON. The filter stays the one owner of the rule.
     */
    public static void refuse(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException, ServletException {
        if (!isPage(request)) {
            write(response, problem);
            return;
        }
        response.setStatus(problem.getStatus());
        request.setAttribute(REFUSED, problem);
        request.getRequestDispatcher(REFUSED_PAGE).forward(new Unread(request), response);
    }

    /** Whether the request is for a page (a person's browser) rather than the API or another machine path. */
    public static boolean isPage(HttpServletRequest request) {
        String path = request.getServletPath();
        return MACHINE_PATHS.stream().noneMatch(path::startsWith);
    }

    /** The refused request as a GET whose body is never read (it may be over the limit, or hold a password). */
    private static final class Unread extends HttpServletRequestWrapper {
        Unread(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getContentType() {
            return null;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }

    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(problem));
        response.getWriter().flush();
    }

    static String json(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return JSON.writeValueAsString(body);
    }
}
