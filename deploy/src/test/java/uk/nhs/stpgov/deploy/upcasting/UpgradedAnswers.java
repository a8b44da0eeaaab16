package uk.nhs.stpgov.deploy.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.nhs.stpgov.deploy.support.Api;

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

    /** Waits until every path answers as captured, as the upgrade's rebuild catches up. */
    static void expectSame(Api api, Map<String, JsonNode> answers) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> answers.forEach((path, expected) ->
                assertThat(withoutAsOf(api.get(path).json())).as(path).isEqualTo(expected)));
    }
}
