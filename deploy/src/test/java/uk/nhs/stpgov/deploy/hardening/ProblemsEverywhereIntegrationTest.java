package uk.nhs.stpgov.deploy.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.TestUsers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sends that never reaches a controller — paths the firewall or Tomcat refuses, oversized headers and
 * query strings, unsupported methods — is answered as problem+json like every other refusal, not as Tomcat's HTML or
 * Spring Boot's default JSON. Raw HTTP over a socket, so that nothing normalises the request on the way.
 */
@IntegrationTest
class ProblemsEverywhereIntegrationTest {
    @LocalServerPort
    int port;

    record Raw(int status, String headers, String body) {
    }

    private Raw send(String method, String target, String extraHeaders) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + TestUsers.password(TestUsers.ADMIN))
                .getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\n" + extraHeaders + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            StringBuilder headers = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                headers.append(line.toLowerCase()).append('\n');
            }
            StringBuilder body = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                body.append(line).append('\n');
            }
            return new Raw(Integer.parseInt(statusLine.split(" ")[1]), headers.toString(), body.toString());
        }
    }

    private static void assertProblem(Raw answer, int status) {
        assertThat(answer.status()).as(answer.headers() + answer.body()).isEqualTo(status);
        assertThat(answer.headers()).as(answer.body()).contains("content-type: application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status, "\"type\":\"/problems/")
                .doesNotContain("<html", "trace", "exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//api/partnerships", "/api/partnerships;jsessionid=x", "/api/partnerships/a%2Fb",
            "/api/partnerships/%00", "/api/partnerships/a%25252Fb", "/api/../api/partnerships", "/api/partnerships/%zz"})
    void refusedPathsAreProblems(String path) throws Exception {
        Raw answer = send("GET", path, "");
        assertThat(answer.status()).as(path + " " + answer.body()).isBetween(400, 404);
        assertProblem(answer, answer.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/partnerships/p/timeline?after=%ff", "/api/partnerships/p/accountability-map?asOf=%ff",
            "/api/partnerships/p/accountability-map?theme=%c3%28", "/api/partnerships/p/decisions?after=%ff",
            "/api/partnerships/p/gaps?on=%ff", "/api/gaps?after=%ff"})
    void queryParametersThatAreNotUtf8AreProblems(String path) throws Exception {
        assertProblem(send("GET", path, ""), 400);
    }

    @Test
    void anOversizedHeaderIsAProblem() throws Exception {
        assertProblem(send("GET", "/api/partnerships", "X-Padding: " + "x".repeat(20_000) + "\r\n"), 400);
    }

    @Test
    void anOversizedQueryStringIsAProblem() throws Exception {
        assertProblem(send("GET", "/api/partnerships?q=" + "x".repeat(20_000), ""), 400);
    }

    @Test
    void anUnsupportedMethodIsAProblem() throws Exception {
        assertProblem(send("DELETE", "/api/partnerships", ""), 405);
        assertProblem(send("PATCH", "/api/themes", ""), 405);
    }

    @Test
    void traceIsRefusedAsAProblem() throws Exception {
        Raw answer = send("TRACE", "/api/partnerships", "");
        assertThat(answer.status()).isEqualTo(405);
        assertProblem(answer, 405);
    }

    @Test
    void everyAnswerCarriesTheContentSecurityAndReferrerPolicies() throws Exception {
        for (String path : new String[]{"/", "/api/themes", "/api/partnerships/nowhere"}) {
            Raw answer = send("GET", path, "");
            assertThat(answer.headers()).as(path).contains("content-security-policy: default-src 'self'; script-src 'self';")
                    .contains("referrer-policy: same-origin");
        }
    }
}
