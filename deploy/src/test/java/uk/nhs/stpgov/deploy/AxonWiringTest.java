package uk.nhs.stpgov.deploy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Boot 4 and Axon 4.13 fit together only with the ordering fix; this proves the result (STACK.md). */
@IntegrationTest
class AxonWiringTest {
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    Serializer serializer;
    @Autowired
    MeterRegistry meterRegistry;

    @Test
    void axonUsesSpringTransactionsTheJdbcStoresJacksonAndBootsMeterRegistry() {
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(eventSerializer).isInstanceOf(JacksonSerializer.class);
        assertThat(serializer).isInstanceOf(JacksonSerializer.class);
        assertThat(meterRegistry).as("Boot's registry, not Axon's own SimpleMeterRegistry").isInstanceOf(PrometheusMeterRegistry.class);
    }
}
