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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP client for the tests: answers are never thrown, only returned. It acts as the test admin unless told
 * {@link #as(String)} another {@link TestUsers} user, or {@link #anonymous()}.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Api(int port) {
        this("http://localhost:" + port);
    }

    public Api(String base) {
        this.base = base;
        headers.put("Authorization", basic(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN)));
    }

    public Api with(String header, String value) {
        Api copy = new Api(base);
        copy.headers.clear();
        copy.headers.putAll(headers);
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
        Api copy = new Api(base);
        copy.headers.clear();
        copy.headers.putAll(headers);
        copy.headers.remove("Authorization");
        return copy;
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

    public Answer get(String path) {
        return send(request(path).GET());
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

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
