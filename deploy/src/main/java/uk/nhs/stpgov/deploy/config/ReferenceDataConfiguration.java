package uk.nhs.stpgov.deploy.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import uk.nhs.stpgov.events.themes.ThemeCatalog;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/** Reference data and time. */
@Configuration(proxyBeanMethods = false)
class ReferenceDataConfiguration {

    /** The ten themes, from {@code stpgov.themes-file} (a YAML file; the built-in one by default). */
    @Bean
    ThemeCatalog themeCatalog(@Value("${stpgov.themes-file:classpath:themes.yml}") Resource file) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("themes", file);
        ThemeCatalog catalog = new Binder(org.springframework.boot.context.properties.source.ConfigurationPropertySources
                .from(sources.get(0)))
                .bind("", Bindable.of(ThemeCatalog.class))
                .orElseThrow(() -> new IllegalStateException("No themes in " + file));
        return catalog;
    }

    /** Time-based rules and gaps read this clock, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The zone of business dates ({@code stpgov.business-zone}); "today" is a day there. */
    @Bean
    ZoneId businessZone(StpGovProperties properties) {
        return properties.businessZone();
    }
}
