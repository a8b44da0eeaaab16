package uk.nhs.stpgov.deploy.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Function;

/**
 * Axon's metrics people read — message counters, handling timers and each processor's lag — without Axon's
 * {@code CapacityMonitor}, whose 10-minute sliding-window reservoir keeps an entry per message (per processor and for
 * the command bus): its heap grows with the message rate and a rebuild of a million events fills it
 * (benchmarks/RESULTS.md). {@code axon.metrics.auto-configuration.enabled=false} switches Axon's own module off.
 * Meter names are Axon's: {@code <component>.successCounter}, {@code <component>.allTimer},
 * {@code <component>.latency}, …
 */
@Configuration(proxyBeanMethods = false)
class AxonMetricsConfiguration {
    private static final Function<Message<?>, Iterable<io.micrometer.core.instrument.Tag>> NO_TAGS = m -> Tags.empty();

    @Bean
    ConfigurerModule axonMetrics(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(configuration -> (type, name) -> monitor(registry, type,
                name));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static MessageMonitor<Message<?>> monitor(MeterRegistry registry, Class<?> type, String name) {
        if (EventProcessor.class.isAssignableFrom(type)) {
            return new MultiMessageMonitor(List.of(
                    MessageCountingMonitor.buildMonitor(name, registry, NO_TAGS),
                    MessageTimerMonitor.buildMonitor(name, registry, NO_TAGS),
                    EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(registry)
                            .tagsBuilder(NO_TAGS).build()));
        }
        if (CommandBus.class.isAssignableFrom(type)) {
            return new MultiMessageMonitor(List.of(
                    MessageCountingMonitor.buildMonitor(name, registry, NO_TAGS),
                    MessageTimerMonitor.buildMonitor(name, registry, NO_TAGS)));
        }
        return NoOpMessageMonitor.instance();
    }
}
