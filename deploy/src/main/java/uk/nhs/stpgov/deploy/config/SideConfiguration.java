package uk.nhs.stpgov.deploy.config;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** One jar, two sides: profile {@code command} and profile {@code query} (both by default) pick what runs here. */
class SideConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Profile("command")
    @ComponentScan("uk.nhs.stpgov.command")
    static class CommandSide {
    }

    @Configuration(proxyBeanMethods = false)
    @Profile("query")
    @ComponentScan("uk.nhs.stpgov.query")
    static class QuerySide {
    }
}
