package uk.nhs.stpgov.deploy.pages;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

/**
 * GOV.UK Frontend from its webjar: its CSS and JavaScript under /govuk/, and its fonts and images at /assets/, where
 * its CSS asks for them. The version is the webjar's own, so upgrading the dependency needs no change here.
 */
@Configuration(proxyBeanMethods = false)
class PageAssets implements WebMvcConfigurer {
    private static final String WEBJAR = "META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String dist = "classpath:/META-INF/resources/webjars/govuk-frontend/" + version() + "/dist/govuk/";
        registry.addResourceHandler("/assets/**").addResourceLocations(dist + "assets/")
                .setCachePeriod((int) Duration.ofDays(1).toSeconds());
        registry.addResourceHandler("/govuk/**").addResourceLocations(dist)
                .setCachePeriod((int) Duration.ofDays(1).toSeconds());
    }

    private static String version() {
        try (InputStream in = PageAssets.class.getClassLoader().getResourceAsStream(WEBJAR)) {
            if (in == null) {
                throw new IllegalStateException("The govuk-frontend webjar is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
