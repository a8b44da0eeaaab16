package uk.nhs.stpgov.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client for the tests: answers are never thrown, only returned. It acts as the test admin unless told
 * {@link #as(String)} another {@link TestUsers} user, or {@link #anonymous()}.
 * <p>
 * Read-your-writes: it remembers the highest {@code X-Event-Position} any command answer gave it (or its copies made
 * by {@link #with}, {@link #as} and {@link #anonymous()}), and every GET under {@code /api/} passes it as
 * {@code ?minPosition=}, so a read after commands sees at least their effects, in every projection. Tests read once
 * and assert instead of polling for the first answer that matches, which may be an earlier state than the one meant.
 */
public final class Api {
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSITION = "X-Event-Position";
    /** How long a query waits for its minPosition (QueryContext.MAX_WAIT). */
    private static final Duration SERVER_WAIT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final AtomicLong position;

    public Api(int port) {
        this("http://localhost:" + port);
    }

    public Api(String base) {
        this(base, new AtomicLong());
        headers.put("Authorization", basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN)));
    }

    private Api(String base, AtomicLong position) {
        this.base = base;
        this.position = position;
    }

    private Api copy() {
        Api copy = new Api(base, position);
        copy.headers.putAll(headers);
        return copy;
    }

    public Api with(String header, String value) {
        Api copy = copy();
        copy.headers.put(header, value);
        return copy;
    }

    /** The same client acting as another test user. */
    public Api as(String username) {
        return with("Authorization", basic(username, TestUsers.password(username)));
    }

    /** The same client with the given credentials, right or wrong. */
    public Api as(String username, String password) {
        return with("Authorization", basic(username, password));
    }

    /** The same client sending no credentials. */
    public Api anonymous() {
        Api copy = copy();
        copy.headers.remove("Authorization");
        return copy;
    }

    /** The highest event position seen so far (0 before the first command). */
    public long position() {
        return position.get();
    }

    /** Makes later reads wait for a position learned elsewhere, e.g. after commands sent without HTTP. */
    public Api after(long eventPosition) {
        position.accumulateAndGet(eventPosition, Math::max);
        return this;
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    public Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A body sent as these bytes, e.g. a file in another encoding than UTF-8. */
    public Answer post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** GETs; under {@code /api/} it waits for the commands this client (and its copies) sent, see the class comment. */
    public Answer get(String path) {
        long min = position.get();
        if (min == 0 || !path.startsWith("/api/") || path.contains("minPosition=")) {
            return send(request(path).GET());
        }
        String read = path + (path.contains("?") ? "&" : "?") + "minPosition=" + min;
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            Answer answer = send(request(read).GET());
            // The query waits at most SERVER_WAIT for minPosition, then answers from where the projections are. An
            // answer sooner than that had its position reached; a later one may not, so it is read again.
            if (System.nanoTime() - start < SERVER_WAIT.toNanos() || attempt == 6) {
                return answer;
            }
        }
    }

    /**
     * GETs a list and every page after it, following {@code Link: rel="next"}, and insists on 200 for each: the items
     * of all pages in order.
     */
    public List<JsonNode> pages(String path) {
        List<JsonNode> items = new ArrayList<>();
        for (String next = path; next != null; ) {
            Answer answer = get(next);
            if (answer.status() != 200) {
                throw new AssertionError("GET " + next + " answered " + answer.status() + ": " + answer.body());
            }
            answer.json().forEach(items::add);
            next = answer.nextPage();
        }
        return items;
    }

    /** Any method without a body, e.g. DELETE. */
    public Answer send(String method, String path) {
        return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** POSTs and insists on a 2xx answer, for arranging a scenario. */
    public JsonNode ok(String path, String json) {
        Answer answer = post(path, json);
        if (answer.status() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    public String id(String path, String json) {
        return ok(path, json).get("id").asText();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue(POSITION).map(Long::parseLong).ifPresent(this::after);
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, String contentType, String location, String body, HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        /** The path of the next page ({@code Link: rel="next"}), or null on the last page. */
        public String nextPage() {
            String link = header("Link");
            if (link == null) {
                return null;
            }
            Matcher next = NEXT.matcher(link);
            if (!next.find()) {
                throw new AssertionError("A Link without rel=\"next\": " + link);
            }
            return next.group(1).replaceFirst("^https?://[^/]+", "");
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
