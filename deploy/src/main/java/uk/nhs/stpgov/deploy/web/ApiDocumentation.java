package uk.nhs.stpgov.deploy.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * What /v3/api-docs says beyond the handlers' signatures (DESIGN §4, §5): HTTP Basic or a JWT bearer token, the
 * problem+json shape of every refusal with its statuses, and the Idempotency-Key every POST takes.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI stpgovApi() {
        return new OpenAPI()
                .info(new Info().title("STP Governance Tracker API").version("1")
                        .description("Event-sourced governance ledger for NHS partnerships: accountability maps, "
                                + "decisions and their bindings, gaps, and the audit trail. Errors are "
                                + "application/problem+json (RFC 9457)."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Every API operation's refusals as problem+json, and each POST's Idempotency-Key. */
    @Bean
    OpenApiCustomizer problemsAndIdempotency() {
        Map<String, String> refusals = Map.of("400", "Malformed or invalid request", "401", "Not signed in",
                "403", "Not allowed for this user", "404", "Unknown id in the path", "409",
                "A governance rule or a concurrent change refused it", "413", "Too large", "415",
                "Unsupported content type", "422", "Idempotency-Key reused with another request");
        return api -> {
            // Added here, with the responses that name it (springdoc drops schemas it did not collect itself).
            api.getComponents().addSchemas(PROBLEM, new ObjectSchema()
                    .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                    .addProperty("status", new Schema<Integer>().type("integer"))
                    .addProperty("detail", new StringSchema()).addProperty("instance", new StringSchema())
                    .addProperty("errors", new Schema<>().type("array").items(new ObjectSchema()
                            .addProperty("field", new StringSchema()).addProperty("message", new StringSchema()))));
            api.getPaths().forEach((path, item) -> describe(path, item, refusals));
        };
    }

    private static void describe(String path, PathItem item, Map<String, String> refusals) {
        if (!path.startsWith("/api/")) {
            return;
        }
        item.readOperationsMap().forEach((method, operation) -> {
            refusals.forEach((status, description) -> {
                boolean applies = !status.equals("422") && !status.equals("413") && !status.equals("415")
                        || method == PathItem.HttpMethod.POST;
                if (applies && !operation.getResponses().containsKey(status)) {
                    operation.getResponses().addApiResponse(status, problem(description));
                }
            });
            if (method == PathItem.HttpMethod.POST) {
                idempotencyKey(operation);
            }
        });
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static void idempotencyKey(Operation operation) {
        boolean present = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.getName()));
        if (!present) {
            operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                    .description("A repeat with the same key (per user) returns the first answer and writes nothing; "
                            + "the same key with another request is 422").schema(new StringSchema().maxLength(200)));
        }
    }
}
