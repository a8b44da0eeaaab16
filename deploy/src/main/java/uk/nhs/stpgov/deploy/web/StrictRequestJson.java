package uk.nhs.stpgov.deploy.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

/**
 * A request body that names a field twice is malformed (400), not read as its last value: {@code {"odsCode":"RWY",
 * …,"odsCode":"RY6"}} would otherwise write a member nobody can tell the client meant. A fraction where a whole
 * number belongs is refused too, not cut: {@code "expectedVersion": 1.5} was read as 1. And a value is of the type
 * its field is, not coerced into it: {@code "substantial": "false"} or {@code "statutory": 0} were read as booleans,
 * {@code "expectedVersion": "3"} as a number (codes are StorableInputModule's: one of their names exactly).
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestJson {
    @Bean
    JsonMapperBuilderCustomizer duplicateFieldsRefused() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
