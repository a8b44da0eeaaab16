package uk.nhs.stpgov.deploy.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The statements of a Flyway migration as Flyway runs them (split on {@code ;}, comment lines dropped), for tests
 * that run a back-fill again and compare it with what the projections wrote. One place for the reading (three tests
 * each wrote it out).
 */
public final class MigrationStatements {
    private MigrationStatements() {
    }

    /** The statements of {@code db/migration/<file>} that start with one of {@code kinds} (INSERT, UPDATE…). */
    public static List<String> of(String file, String... kinds) {
        String sql;
        try (InputStream in = MigrationStatements.class.getResourceAsStream("/db/migration/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No migration " + file);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.stream(sql.split(";"))
                .map(statement -> statement.lines().filter(line -> !line.startsWith("--"))
                        .reduce("", (a, b) -> a + b + "\n").strip())
                .filter(statement -> Arrays.stream(kinds).anyMatch(statement::startsWith))
                .toList();
    }
}
