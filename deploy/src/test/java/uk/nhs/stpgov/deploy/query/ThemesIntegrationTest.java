package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The ten governance themes, reference data from themes.yml. */
@IntegrationTest
class ThemesIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void theTenThemesAreAListWithTheirQuestions() {
        JsonNode themes = new Api(port).as("reader").get("/api/themes").json();
        assertThat(themes.isArray()).isTrue();
        assertThat(themes.findValuesAsText("code")).containsExactly("VISION", "LEADERSHIP", "STRUCTURE", "DECISIONS",
                "ACCOUNTABILITY", "FINANCE", "RISK", "CONFLICTS", "ENGAGEMENT", "ASSURANCE");
        for (JsonNode theme : themes) {
            assertThat(theme.get("title").asText()).isNotBlank();
            assertThat(theme.get("questions").size()).isBetween(3, 5);
            assertThat(theme.get("questions").get(0).get("id").asText()).startsWith(theme.get("code").asText() + "-");
            assertThat(theme.get("source").asText()).contains("tracker's own reading", "HFMA", "not available");
        }
        assertThat(themes.get(5).get("title").asText()).isEqualTo("Finance, capital and resource allocation");
    }
}
