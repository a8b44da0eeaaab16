package uk.nhs.stpgov.deploy.hardening;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed sign-ins are rate-limited per user (issue 13): guessing stops with a 429 problem, others are unaffected. */
@IntegrationTest
class SignInIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void tenWrongPasswordsForOneNameStopFurtherSignInsAsThatName() {
        Api api = new Api(port);
        String name = "mallory-" + System.nanoTime();
        for (int i = 0; i < 10; i++) {
            assertThat(api.as(name, "guess-" + i).get("/api/themes").status()).isEqualTo(401);
        }

        Api.Answer refused = api.as(name, "guess-10").get("/api/themes");

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.header("Retry-After")).isNotBlank();
        // Names sign in whatever their case, so they are counted so too (outside tester: "READER" signed in while
        // "reader" was refused, and every spelling had ten guesses of its own).
        assertThat(api.as(name.toUpperCase(java.util.Locale.ROOT), "guess-11").get("/api/themes").status())
                .isEqualTo(429);
        assertThat(api.get("/api/themes").status()).as("another user signs in as before").isEqualTo(200);
    }
}
