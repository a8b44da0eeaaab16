package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.RunningApp;
import uk.nhs.stpgov.deploy.support.TestDatabases;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answers captured before a store is put back as an older version left it, asked again once the upgraded version has
 * started on it: they must be the same (the instant an answer was given at aside). One place for the upgrade tests'
 * comparison (each wrote it out).
 */
final class UpgradedAnswers {
    private UpgradedAnswers() {
    }

    /** The answer without the instant it was given at (a map without {@code asOf} is as of now). */
    static JsonNode withoutAsOf(JsonNode answer) {
        if (answer instanceof ObjectNode object) {
            object.remove("asOf");
        }
        return answer;
    }

    /** A client of the test database, to put it back as an older version left it. */
    static JdbcClient db(TestDatabases.Database database) {
        return JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
    }

    /**
     * The upgrade from the version before {@code version}: the answers kept are made stale (as that version's store
     * would serve them), its migrations from {@code version} on undone, and the new version started on the store,
     * which must answer every path as captured once its rebuild has caught up.
     */
    static void expectSameAfterUpgrade(TestDatabases.Database database, int version, Map<String, JsonNode> answers) {
        JdbcClient db = db(database);
        db.sql("UPDATE q_partnership_version SET version = version + 1").update();
        UndoneMigrations.since(db, version);
        try (RunningApp app = RunningApp.on(database)) {
            expectSame(app.api(), answers);
        }
    }

    /** The upgrade from the version before {@code version} on a store it leaves alone: no read model is rebuilt. */
    static void expectNoRebuild(TestDatabases.Database database, int version) {
        JdbcClient db = db(database);
        UndoneMigrations.since(db, version);
        long versions = db.sql("SELECT sum(version) FROM q_partnership_version").query(Long.class).single();
        try (RunningApp app = RunningApp.on(database)) {
            assertThat(db.sql("SELECT sum(version) FROM q_partnership_version").query(Long.class).single())
                    .as("no rebuild").isEqualTo(versions);
        }
    }

    /** Waits until every path answers as captured, as the upgrade's rebuild catches up. */
    static void expectSame(Api api, Map<String, JsonNode> answers) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> answers.forEach((path, expected) ->
                assertThat(withoutAsOf(api.get(path).json())).as(path).isEqualTo(expected)));
    }
}
