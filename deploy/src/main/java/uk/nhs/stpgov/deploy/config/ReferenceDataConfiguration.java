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

    /**
     * The ten themes, from {@code stpgov.themes-file}: a YAML file's path, as README writes it ({@code
     * /etc/stpgov/themes.yml}, relative to the working directory), or a resource location ({@code file:},
     * {@code classpath:}); the built-in one by default. A bare path was read as a web resource and stopped the start.
     */
    @Bean
    ThemeCatalog themeCatalog(@Value("${stpgov.themes-file:classpath:themes.yml}") String location,
                              org.springframework.core.io.ResourceLoader resources) throws IOException {
        Resource file = location.contains(":") && !location.matches("^[A-Za-z]:[\\\\/].*")
                ? resources.getResource(location) : new org.springframework.core.io.FileSystemResource(location);
        if (!file.exists()) {
            throw new IllegalStateException("stpgov.themes-file: no file at " + location);
        }
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
