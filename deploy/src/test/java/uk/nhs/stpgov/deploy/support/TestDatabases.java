package uk.nhs.stpgov.deploy.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Gives each test application a database of its own on real PostgreSQL: on the server named by
 * {@code STPGOV_DB_URL} when set (as in CI), otherwise on one embedded server started for the test JVM.
 * Databases created here are dropped when the JVM exits.
 */
public final class TestDatabases {
    public record Database(String url, String user, String password) {
    }

    private static final String EXTERNAL_URL = System.getenv("STPGOV_DB_URL");
    private static final String USER = System.getenv().getOrDefault("STPGOV_DB_USER", "");
    private static final String PASSWORD = System.getenv().getOrDefault("STPGOV_DB_PASSWORD", "");
    private static final List<String> created = new ArrayList<>();
    private static EmbeddedPostgres embedded;

    private TestDatabases() {
    }

    public static boolean external() {
        return EXTERNAL_URL != null && !EXTERNAL_URL.isBlank();
    }

    public static synchronized Database fresh() {
        String name = "stpgov_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String adminUrl = adminUrl();
        try (Connection connection = connect(adminUrl); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + adminUrl, e);
        }
        if (created.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll));
        }
        created.add(name);
        return new Database(withDatabase(adminUrl, name), user(), password());
    }

    /** A connection to the server's maintenance database, for tests that act on the server itself. */
    public static Connection admin() throws SQLException {
        return connect(adminUrl());
    }

    private static String adminUrl() {
        if (external()) {
            return EXTERNAL_URL;
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL for tests", e);
            }
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    private static String user() {
        return external() ? USER : "postgres";
    }

    private static String password() {
        return external() ? PASSWORD : "";
    }

    private static Connection connect(String url) throws SQLException {
        return user().isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user(), password());
    }

    /** Replaces the database name in a JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static synchronized void dropAll() {
        try (Connection connection = connect(adminUrl()); Statement statement = connection.createStatement()) {
            for (String name : created) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test databases " + created + ": " + e.getMessage());
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }
    }
}
