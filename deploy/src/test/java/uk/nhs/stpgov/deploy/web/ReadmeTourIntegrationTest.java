package uk.nhs.stpgov.deploy.web;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's five-minute tour and its CSV import, run as written (bash and curl) against the demo profile: every
 * command it shows lands, and every refusal is one its comments name. It once failed from its forum on, when the demo's CCG had left
 * before the day the tour's forum was dated.
 */
class ReadmeTourIntegrationTest {

    @Test
    void theTourRunsAsWritten() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")))
                .as("the tour is curl commands").isTrue();
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).resolve("../README.md"));
        // The tour and the CSV import that follows it.
        String section = readme.substring(readme.indexOf("## Five-minute tour (curl)"),
                readme.indexOf("## Queries"));
        StringBuilder script = new StringBuilder();
        Matcher block = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            script.append(block.group(1));
        }

        TestDatabases.Database database = TestDatabases.fresh();
        try (RunningApp app = RunningApp.start(List.of("--server.port=0", "--stpgov.db.url=" + database.url(),
                "--stpgov.db.user=" + database.user(), "--stpgov.db.password=" + database.password(),
                "--spring.profiles.active=demo"))) {
            JdbcTemplate db = new JdbcTemplate(app.bean(DataSource.class));
            await().atMost(Duration.ofSeconds(30)).until(() -> db.queryForObject(
                    "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'north-cumbria'", Long.class) >= 14);
            Map<String, Long> before = eventsByType(db);
            // The tour's T is a whole second: a person starts it long after the demo was recorded, so must this run.
            Instant recorded = Instant.parse(db.queryForObject("SELECT max(timestamp) FROM domainevententry",
                    String.class));
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(recorded.plusSeconds(1)));

            Process bash = new ProcessBuilder("bash", "-c", script.toString()
                    .replace("localhost:8080", "localhost:" + app.port())).redirectErrorStream(true).start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(output).as(output).doesNotContain("\"status\":5");
            // The refusals the tour's comments name: 403, 401, the skipped stage, the stale version, the second
            // ACCOUNTABLE, the decision after the CCG had gone.
            assertThat(Pattern.compile("\"status\":(4\\d\\d)").matcher(output).results().map(r -> r.group(1)))
                    .as(output).containsExactlyInAnyOrder("403", "401", "409", "409", "409", "409");
            Map<String, Long> written = eventsByType(db);
            before.forEach((type, n) -> written.merge(type, -n, Long::sum));
            written.values().removeIf(n -> n == 0);
            // What it wrote: the retried stage move nothing; the board, established in 2018 with the CCG that the
            // ICB succeeded in 2022, passes the CCG's seat to the ICB; the council's succession passes 16C's seats on
            // both forums and its delegation to Cumberland Council; the import one accountability of the council's,
            // which passes to Cumberland Council on the succession recorded before it.
            assertThat(written).as(output).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                    Map.entry("MemberAdmitted", 1L), Map.entry("ForumEstablished", 1L),
                    Map.entry("AuthorityDelegated", 2L), Map.entry("ServiceChangeProposed", 1L),
                    Map.entry("AssuranceTestRecorded", 1L), Map.entry("ServiceChangeAdvanced", 1L),
                    Map.entry("DecisionRecorded", 2L), Map.entry("DecisionRatified", 1L),
                    Map.entry("AccountabilityAssigned", 2L), Map.entry("MemberSucceeded", 1L),
                    Map.entry("DelegationRevoked", 1L), Map.entry("ForumTermsChanged", 3L),
                    Map.entry("ConfidenceRecorded", 1L), Map.entry("AccountabilityTransferred", 1L)));
        }
    }

    private static Map<String, Long> eventsByType(JdbcTemplate db) {
        Map<String, Long> counts = new TreeMap<>();
        db.query("SELECT payloadtype, count(*) FROM domainevententry GROUP BY payloadtype", rs -> {
            String type = rs.getString(1);
            counts.put(type.substring(type.lastIndexOf('.') + 1), rs.getLong(2));
        });
        return counts;
    }
}
