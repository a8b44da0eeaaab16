package uk.nhs.stpgov.deploy.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PostgreSQL is the only store: the server named by {@code STPGOV_DB_URL}, or else an embedded one whose data
 * directory ({@code STPGOV_DATA_DIR}) survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StpGovProperties.class)
class DatabaseConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DataSource dataSource(StpGovProperties properties,
                          @Value("${stpgov.embedded.shared-buffers:512MB}") String sharedBuffers) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("stpgov");
        hikari.setMaximumPoolSize(properties.db().poolSize());
        hikari.setAutoCommit(true);
        // A lost server should fail fast and be retried, so health can go DOWN and come back UP.
        hikari.setConnectionTimeout(5_000);
        hikari.setInitializationFailTimeout(30_000);
        // Multi-row INSERTs for JDBC batches (event appends of several events, the timeline's batched rows).
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (properties.embedded()) {
            EmbeddedPostgres postgres = startEmbedded(properties.dataPath(), sharedBuffers);
            hikari.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            hikari.setUsername("postgres");
            return new EmbeddedDataSource(hikari, postgres);
        }
        hikari.setJdbcUrl(properties.db().url());
        hikari.setUsername(properties.db().user());
        hikari.setPassword(properties.db().password());
        log.info("Using external PostgreSQL at {}", properties.db().url());
        return new HikariDataSource(hikari);
    }

    private static EmbeddedPostgres startEmbedded(Path dataDir, String sharedBuffers) {
        try {
            Files.createDirectories(dataDir);
            log.info("Starting embedded PostgreSQL with data in {}", dataDir.toAbsolutePath());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // zonky's defaults suit throwaway test databases: fsync off (a power cut may corrupt the data
                    // directory) and synchronous_commit off (a command answered may be lost). This one keeps the
                    // ledger: later -c options override zonky's -F.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", sharedBuffers)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Stops the embedded server after the pool is closed. */
    static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedPostgres postgres;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgres postgres) {
            super(config);
            this.postgres = postgres;
        }

        @Override
        public void close() {
            super.close();
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
