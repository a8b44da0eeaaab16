package uk.nhs.stpgov.deploy.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;

/**
 * A request body that names a field twice is malformed (400), not read as its last value: {@code {"odsCode":"RWY",
 * …,"odsCode":"RY6"}} would otherwise write a member nobody can tell the client meant.
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestJson {
    @Bean
    JsonMapperBuilderCustomizer duplicateFieldsRefused() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
