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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

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
                    // Called once this process holds the data directory's lock, so no other app is using it.
                    .setDataDirectoryCustomizer(directory -> stopOrphanedServer(directory.toPath()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * A server left running by an app that was killed (kill -9, or the JVM's exit on running out of memory) still
     * holds the data directory, and the new one would fail to start ("Gave up waiting for server to start"; outside
     * tester). It serves nobody now, since this process holds the directory's lock: it is asked to shut down as a
     * stop would (its sessions died with the app), and waited for.
     */
    static void stopOrphanedServer(Path dataDir) {
        OptionalLong pid = postmasterPid(dataDir);
        // Only the server of this directory: its pid may since have gone to another process.
        pid.stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream)
                .filter(server -> server.info().commandLine().map(line -> line.contains("postgres")
                        && line.contains(dataDir.toString())).orElse(false))
                .forEach(server -> {
                    log.warn("Stopping the embedded PostgreSQL (pid {}) left running in {} by an app that did not "
                            + "stop cleanly", server.pid(), dataDir);
                    server.destroy();
                    try {
                        server.onExit().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("The embedded PostgreSQL left running in " + dataDir
                                + " (pid " + server.pid() + ") did not stop; stop it, then start again", e);
                    }
                });
    }

    /** The server's pid from its pid file, if there is one to read. */
    private static OptionalLong postmasterPid(Path dataDir) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0)
                    .strip()));
        } catch (IOException | RuntimeException none) {
            return OptionalLong.empty(); // no pid file (a clean stop) or an unreadable one: PostgreSQL judges it
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
