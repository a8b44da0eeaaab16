package uk.nhs.stpgov.deploy.config;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store that applied V105 as it stood edited (stop 24's tracker) still validates: its recorded checksum is taken
 * for the file's, and nothing else in its history is touched.
 */
@IntegrationTest
class EditedMigrationsIntegrationTest {
    @Autowired
    Flyway flyway;
    @Autowired
    DataSource dataSource;

    @Test
    void aStoreThatAppliedTheEditedV105ValidatesAndRecordsTheFilesChecksum() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer file = checksumOf(jdbc, "105");
        Integer v104 = checksumOf(jdbc, "104");
        jdbc.update("UPDATE flyway_schema_history SET checksum = -659816148 WHERE version = '105'");

        flyway.validate();

        assertThat(checksumOf(jdbc, "105")).isEqualTo(file).isEqualTo(-1335036453);
        assertThat(checksumOf(jdbc, "104")).isEqualTo(v104);
    }

    private static Integer checksumOf(JdbcTemplate jdbc, String version) {
        return jdbc.queryForObject("SELECT checksum FROM flyway_schema_history WHERE version = ?", Integer.class,
                version);
    }
}
