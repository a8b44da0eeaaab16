package uk.nhs.stpgov.deploy.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;
import uk.nhs.stpgov.deploy.support.TestUsers;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events are durable: a restarted application sees and builds on everything written before. */
class RestartIntegrationTest {

    @Test
    void aRestartKeepsEveryEventAndAggregatesCarryOn() {
        TestDatabases.Database database = TestDatabases.fresh();
        try (RunningApp app = RunningApp.on(database)) {
            Api api = app.api();
            api.ok("/api/partnerships", "{\"id\":\"kent-medway\",\"name\":\"Kent and Medway\",\"region\":\"South East\"}");
            api.ok("/api/partnerships/kent-medway/members",
                    "{\"odsCode\":\"RWF\",\"name\":\"Maidstone and Tunbridge Wells NHS Trust\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-06-01\"}");
        }
        try (RunningApp app = RunningApp.on(database)) {
            Api api = app.api();
            assertThat(api.post("/api/partnerships/kent-medway/members",
                    "{\"odsCode\":\"RWF\",\"name\":\"again\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-06-01\"}").status())
                    .as("the member admitted before the restart is still a member").isEqualTo(409);
            api.ok("/api/partnerships/kent-medway/members",
                    "{\"odsCode\":\"E06000035\",\"name\":\"Medway Council\",\"sector\":\"LOCAL_AUTHORITY\",\"joinedOn\":\"2016-06-01\"}");
            assertThat(new EventStore(app.bean(DataSource.class)).typesOf("kent-medway"))
                    .containsExactly("PartnershipRegistered", "MemberAdmitted", "MemberAdmitted");
        }
    }

    @Test
    void embeddedModeStartsOnAFreshDataDirectoryAndKeepsItsData(@TempDir Path dataDir) {
        List<String> embedded = new ArrayList<>(List.of("--server.port=0", "--stpgov.db.url=",
                "--stpgov.data-dir=" + dataDir));
        embedded.addAll(TestUsers.arguments());
        try (RunningApp app = RunningApp.start(embedded)) {
            assertThat(app.api().get("/actuator/health").body()).contains("\"UP\"");
            JdbcTemplate db = new JdbcTemplate(app.bean(DataSource.class));
            assertThat(List.of(db.queryForObject("SHOW fsync", String.class),
                    db.queryForObject("SHOW synchronous_commit", String.class)))
                    .as("the ledger's own data directory is written durably").containsExactly("on", "on");
            assertThat(db.queryForObject("SHOW shared_buffers", String.class)).isEqualTo("512MB");
            app.api().ok("/api/partnerships", "{\"id\":\"frimley\",\"name\":\"Frimley Health and Care\",\"region\":\"South East\"}");
        }
        assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).as("initdb ran in the data directory").isTrue();
        try (RunningApp app = RunningApp.start(embedded)) {
            assertThat(app.api().post("/api/partnerships",
                    "{\"id\":\"frimley\",\"name\":\"again\",\"region\":\"South East\"}").status()).isEqualTo(409);
            assertThat(new EventStore(app.bean(DataSource.class)).typesOf("frimley"))
                    .containsExactly("PartnershipRegistered");
        }
    }

    /**
     * An app killed as kill -9 kills it leaves its embedded server running, which held the data directory, so the next
     * start failed ("Gave up waiting for server to start"; outside tester). The next start stops it first.
     */
    @Test
    void aServerLeftRunningByAKilledAppIsStoppedAndTheNextStartSucceeds(@TempDir Path dataDir) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                uk.nhs.stpgov.deploy.StpGovApplication.class.getName(), "--server.port=" + port, "--stpgov.db.url=",
                "--stpgov.data-dir=" + dataDir));
        command.addAll(TestUsers.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("killed-app", ".log").toFile());
        builder.environment().remove("STPGOV_DB_URL");
        Process killed = builder.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                    .ignoreExceptions().until(() -> new Api(port).get("/actuator/health").body().contains("\"UP\""));
        } finally {
            killed.destroyForcibly().waitFor();
        }
        long orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(orphan)).as("its server outlives it").isPresent();

        List<String> embedded = new ArrayList<>(List.of("--server.port=0", "--stpgov.db.url=",
                "--stpgov.data-dir=" + dataDir));
        embedded.addAll(TestUsers.arguments());
        try (RunningApp app = RunningApp.start(embedded)) {
            assertThat(app.api().get("/actuator/health").body()).contains("\"UP\"");
        }
        assertThat(ProcessHandle.of(orphan)).as("stopped before the new server started").isEmpty();
    }
}
