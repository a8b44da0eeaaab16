package uk.nhs.stpgov.deploy.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** /v3/api-docs describes how to sign in, the problem+json refusals and the Idempotency-Key (DESIGN §4, §5). */
@IntegrationTest
class ApiDocsIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentDescribesSecurityRefusalsAndIdempotency() {
        JsonNode docs = new Api(port).anonymous().get("/v3/api-docs").json();
        assertThat(docs.get("info").get("title").asText()).isEqualTo("STP Governance Tracker API");
        assertThat(docs.get("components").get("securitySchemes").get("basic").get("scheme").asText())
                .isEqualTo("basic");
        assertThat(docs.get("components").get("securitySchemes").get("bearer").get("bearerFormat").asText())
                .isEqualTo("JWT");
        JsonNode register = docs.get("paths").get("/api/partnerships").get("post");
        for (String status : new String[]{"400", "401", "403", "409", "422"}) {
            assertThat(register.get("responses").get(status).get("content").has("application/problem+json"))
                    .as(status).isTrue();
        }
        assertThat(register.get("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        java.util.List<String> gets = new java.util.ArrayList<>();
        docs.get("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/api/") && path.getValue().has("get")) {
                gets.add(path.getKey());
                assertThat(path.getValue().get("get").get("responses").has("404")).as(path.getKey()).isTrue();
            }
        });
        assertThat(gets).isNotEmpty();
        // The list of a partnership's accountabilities sits beside the command that creates one.
        JsonNode accountabilities = docs.get("paths").get("/api/partnerships/{partnershipId}/accountabilities");
        assertThat(accountabilities.has("post")).isTrue();
        assertThat(accountabilities.get("get").get("parameters").findValuesAsText("name")).contains("asOf", "on",
                "theme", "subjectType", "role", "odsCode", "limit", "after", "minPosition");
        assertThat(docs.get("components").get("schemas").get("Problem").get("properties").has("errors")).isTrue();
    }
}
