package uk.nhs.stpgov.deploy.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import javax.sql.DataSource;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT bearer tokens from an OpenID issuer (a tiny one served here on loopback): the caller's name, roles and
 * partnerships come from the {@code preferred_username}, {@code roles} and {@code partnerships} claims.
 */
class JwtBearerIntegrationTest {
    private static HttpServer issuer;
    private static RSAKey key;
    private static String issuerUri;
    private static RunningApp app;

    @BeforeAll
    static void issuerAndApp() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuerUri = "http://127.0.0.1:" + issuer.getAddress().getPort();
        serve("/.well-known/openid-configuration", """
                {"issuer":"%s","jwks_uri":"%s/jwks","subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuerUri, issuerUri));
        serve("/jwks", new JWKSet(key.toPublicJWK()).toString());
        issuer.start();
        app = RunningApp.on(TestDatabases.fresh(), "--stpgov.security.jwt.issuer-uri=" + issuerUri);
        app.api().ok("/api/partnerships", "{\"id\":\"jwt-stp\",\"name\":\"Token STP\",\"region\":\"North\"}");
        app.api().ok("/api/partnerships", "{\"id\":\"other-stp\",\"name\":\"Other STP\",\"region\":\"North\"}");
    }

    @AfterAll
    static void stop() {
        app.close();
        issuer.stop(0);
    }

    private static void serve(String path, String json) {
        issuer.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private static String token(RSAKey signingKey, Map<String, Object> claims) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuerUri).subject("a1b2c3")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), builder.build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static Api bearer(String token) {
        return app.api().with("Authorization", "Bearer " + token);
    }

    private static final String MEMBER =
            "{\"odsCode\":\"RNN\",\"name\":\"A Trust\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-03-01\"}";

    @Test
    void aProgrammeOfficeTokenWritesItsOwnPartnershipAsItsNamedUser() throws Exception {
        String office = token(key, Map.of("preferred_username", "j.o'brien", "roles",
                List.of("PROGRAMME_OFFICE", "offline_access"), "partnerships", List.of("jwt-stp")));
        assertThat(bearer(office).post("/api/partnerships/jwt-stp/members", MEMBER).status()).isEqualTo(201);
        assertThat(new EventStore(app.bean(DataSource.class)).of("jwt-stp").get(1).metadata().get("actor").asText())
                .isEqualTo("j.o'brien");

        Api.Answer elsewhere = bearer(office).post("/api/partnerships/other-stp/members", MEMBER);
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.isProblem()).isTrue();
        assertThat(bearer(office).get("/api/audit/verify").status()).isEqualTo(403);
    }

    @Test
    void rolesMayBeOneSpaceSeparatedStringAndTheSubjectNamesTheCallerWithoutAUsername() throws Exception {
        String auditor = token(key, Map.of("roles", "AUDITOR READER"));
        Api.Answer verify = bearer(auditor).get("/api/audit/verify");
        assertThat(verify.status()).isEqualTo(200);
        assertThat(bearer(auditor).post("/api/partnerships/jwt-stp/members", MEMBER).status()).isEqualTo(403);
    }

    @Test
    void aTokenSignedByAnotherKeyOrNoneIs401() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
        Api.Answer forged = bearer(token(stranger, Map.of("roles", List.of("ADMIN")))).get("/api/audit/verify");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.isProblem()).isTrue();
        Api.Answer none = app.api().anonymous().get("/api/audit/verify");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).contains("Bearer");
    }
}
