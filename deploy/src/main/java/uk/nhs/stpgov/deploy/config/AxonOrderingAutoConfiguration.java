package uk.nhs.stpgov.deploy.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Holds no beans: it only puts Axon's JDBC, transaction and metrics auto-configurations after Boot 4's DataSource,
 * transaction manager and meter registry. Axon 4.13 orders itself after Boot 3 class names, so without this it runs
 * first and silently falls back to NoTransactionManager and its own SimpleMeterRegistry.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
        },
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration"
        })
public class AxonOrderingAutoConfiguration {
}
