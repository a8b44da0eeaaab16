package uk.nhs.stpgov.deploy.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import uk.nhs.stpgov.command.common.StaleVersionFirst;
import uk.nhs.stpgov.command.registry.GovernanceRegistry;
import uk.nhs.stpgov.query.replay.ProjectionFailures;
import uk.nhs.stpgov.query.replay.ProjectionProgress;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;

import javax.sql.DataSource;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Axon on PostgreSQL: Jackson 2 serialisation, the hash-chained JDBC event store, metadata and retries. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** Axon 4 needs Jackson 2; Boot 4's MVC has its own Jackson 3 mapper, so this one is Axon's alone. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Axon's JDBC parts (event store, tokens, dead letters) use Spring's connection, the open transaction's if any,
     * without the unit-of-work wrapper Axon's auto-configuration adds: on a failed command that wrapper calls
     * {@code rollback()} on the JDBC connection itself, past Spring, which ends the whole transaction the command
     * joined. An import's failed row, under its savepoint, then could not be rolled back to it (500), whenever its
     * command had read its aggregate from the store. Spring commits and rolls back its transactions (a command's own
     * one, or the import's savepoint); outside one, connections autocommit, so the wrapper had nothing else to do.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** PostgreSQL reports a unique violation as SQLState 23505, which Axon's default resolver does not know. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          @Qualifier("defaultAxonObjectMapper") ObjectMapper objectMapper,
                                          AppendLedger ledger) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .appendEvents(new HashChainingAppender(objectMapper, ledger))
                // Events fetched per query by each streaming processor: Axon's 100 keeps replays waiting on round trips.
                .batchSize(1000)
                // A gap in the global index is a transaction still writing (or one rolled back). Axon gives a gap up
                // once the events after it are a minute old (when the token holds more than 250 gaps, as a large CSV
                // import's indexes become while other requests commit past them), and the projections would then
                // never apply the import's first events when it commits (outside tester's reading of Axon's source, not
                // seen happen). A 3,000-row import wrote for 33-36 s here while other commands ran, a minute is too
                // close; ten minutes leaves a slow, busy server room.
                .gapTimeout((int) java.time.Duration.ofMinutes(10).toMillis())
                .build();
    }

    /**
     * Axon's event store without its shared tailing producer ({@code optimizeEventConsumption}). That producer reads
     * ahead for "tailing" consumers without bound, and a consumer that falls behind (a processor reset while it was
     * tailing, then replaying slowly) pins every node read since, until a cleaner notices every 10 s: a 900K-row
     * commit read ahead that way filled a 256 MB heap and stalled the 1M rebuild. Here one processor consumes the
     * stream, so a shared cache saves nothing; each consumer reads its own batches (1,000 per query), and after a
     * commit no producer re-reads the tail.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false)
                .build();
    }

    /**
     * Copies the command's actor, correlation id and idempotency key onto every event it causes. (Axon's
     * MessageOriginProvider would replace the client's correlation id with the command's message id.)
     */
    @Bean
    CorrelationDataProvider commandMetadataProvider() {
        return new SimpleCorrelationDataProvider(CommandMetadata.ACTOR, CommandMetadata.CORRELATION_ID,
                CommandMetadata.IDEMPOTENCY_KEY);
    }

    /**
     * Loaded aggregates stay in memory, up to a bound (a garbage collection no longer empties the cache); a
     * rolled-back command evicts its aggregate.
     */
    @Bean
    Cache aggregateCache(@Value("${stpgov.aggregate-cache-size:2000}") long maximumSize) {
        return new BoundedAggregateCache(maximumSize);
    }

    /**
     * The command side's registry and policies run inside the command's transaction: a failure there must fail the
     * command, not be logged and skipped.
     */
    @Bean
    ConfigurerModule commandRegistryProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(GovernanceRegistry.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(GovernanceRegistry.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /**
     * A projection that fails on an event must neither skip it (Axon's default handler logs and advances the token)
     * nor stop its segment for every partnership: the failure propagates to the dead-letter queue
     * ({@code axon.eventhandling.processors.projections.dlq}), whose policy retries a passing failure and parks any
     * other ({@link ProjectionFailures}).
     */
    @Bean
    ConfigurerModule projectionErrorHandling(ObjectProvider<ProjectionFailures> failures) {
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            failures.ifAvailable(policy -> configurer.eventProcessing()
                    .registerDeadLetterPolicy(ProjectionProgress.GROUP, c -> policy));
        };
    }

    /** A stale {@code expectedVersion} is the answer before any rule the handler checks on the newer record. */
    @Bean
    ConfigurerModule staleVersionFirst() {
        return configurer -> configurer.onInitialize(configuration -> configuration.onStart(
                () -> configuration.commandBus().registerHandlerInterceptor(new StaleVersionFirst())));
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "command-retry"));
    }

    /** Retries a command that lost a race on its aggregate's sequence number; persistent losers get 409. */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  CommandMetadata commandMetadata) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetryScheduler(commandRetryExecutor, 5))
                .dispatchInterceptors(commandMetadata)
                .build();
    }
}
