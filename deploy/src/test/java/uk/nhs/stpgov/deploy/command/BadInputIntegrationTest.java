package uk.nhs.stpgov.deploy.command;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad input gets its status and a problem body, never a 500, and never writes an event. */
@IntegrationTest
class BadInputIntegrationTest {
    private static final String PID = "bad-input-fixture";
    private static String serviceChangeId;
    private static String decisionId;
    private static String accountabilityId;

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void onePartnership() {
        Api api = new Api(port);
        if (serviceChangeId != null) {
            return;
        }
        api.ok("/api/partnerships", "{\"id\":\"" + PID + "\",\"name\":\"Fixture\",\"region\":\"London\"}");
        api.ok("/api/partnerships/" + PID + "/members",
                "{\"odsCode\":\"RAL\",\"name\":\"Royal Free London NHS Foundation Trust\",\"sector\":\"FOUNDATION_TRUST\",\"joinedOn\":\"2016-01-01\"}");
        api.ok("/api/partnerships/" + PID + "/members",
                "{\"odsCode\":\"07M\",\"name\":\"NHS Barnet CCG\",\"sector\":\"CCG\",\"joinedOn\":\"2016-01-01\"}");
        api.ok("/api/partnerships/" + PID + "/members/07M/withdrawal", "{\"on\":\"2018-01-01\",\"reason\":\"merged\"}");
        serviceChangeId = api.id("/api/partnerships/" + PID + "/service-changes",
                "{\"title\":\"Close ward 9\",\"kind\":\"CLOSURE\",\"themes\":[\"FINANCE\"],\"leadOdsCode\":\"RAL\"}");
        decisionId = api.id("/api/partnerships/" + PID + "/decisions",
                "{\"title\":\"t\",\"theme\":\"RISK\",\"decidingOdsCodes\":[\"RAL\"],\"outcome\":\"NOTED\",\"decidedOn\":\"2018-01-01\"}");
        accountabilityId = api.id("/api/partnerships/" + PID + "/accountabilities",
                "{\"subject\":{\"type\":\"THEME\",\"ref\":\"RISK\"},\"role\":\"ACCOUNTABLE\",\"odsCode\":\"RAL\",\"post\":\"CEO\",\"effectiveFrom\":\"2018-01-01\"}");
    }

    static Stream<Arguments> badRequests() {
        String p = "/api/partnerships/" + PID;
        return Stream.of(
                arguments("malformed JSON", "/api/partnerships", "{\"id\":\"x\",", 400),
                arguments("empty body", "/api/partnerships", "", 400),
                arguments("JSON array instead of object", "/api/partnerships", "[1,2]", 400),
                arguments("missing fields", "/api/partnerships", "{}", 400),
                arguments("bad slug", "/api/partnerships", "{\"id\":\"North Cumbria\",\"name\":\"n\",\"region\":\"r\"}", 400),
                arguments("duplicate partnership", "/api/partnerships", "{\"id\":\"" + PID + "\",\"name\":\"n\",\"region\":\"r\"}", 409),
                arguments("unknown enum", p + "/members", "{\"odsCode\":\"RRK\",\"name\":\"n\",\"sector\":\"HOSPITAL\",\"joinedOn\":\"2016-01-01\"}", 400),
                arguments("lower-case ODS code", p + "/members", "{\"odsCode\":\"rrk\",\"name\":\"n\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-01-01\"}", 400),
                arguments("bad date", p + "/members", "{\"odsCode\":\"RRK\",\"name\":\"n\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"01/01/2016\"}", 400),
                arguments("wrong type", p + "/members", "{\"odsCode\":\"RRK\",\"name\":\"n\",\"sector\":\"NHS_TRUST\",\"statutory\":\"perhaps\",\"joinedOn\":\"2016-01-01\"}", 400),
                arguments("member twice", p + "/members", "{\"odsCode\":\"RAL\",\"name\":\"n\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-01-01\"}", 409),
                arguments("unknown partnership", "/api/partnerships/no-such-stp/members", "{\"odsCode\":\"RRK\",\"name\":\"n\",\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-01-01\"}", 404),
                arguments("withdraw non-member", p + "/members/RRK/withdrawal", "{\"on\":\"2018-01-01\",\"reason\":\"r\"}", 404),
                arguments("withdraw twice", p + "/members/07M/withdrawal", "{\"on\":\"2018-02-01\",\"reason\":\"r\"}", 409),
                arguments("forum with former member", p + "/forums", "{\"name\":\"Board\",\"kind\":\"PARTNERSHIP_BOARD\",\"memberOdsCodes\":[\"RAL\",\"07M\"],\"themes\":[\"VISION\"]}", 409),
                arguments("forum with bad id", p + "/forums", "{\"id\":\"board-1\",\"name\":\"Board\",\"kind\":\"PARTNERSHIP_BOARD\",\"memberOdsCodes\":[],\"themes\":[]}", 400),
                arguments("delegation to unknown forum", p + "/forums/6f1c2a70-0000-4000-8000-000000000000/delegations", "{\"fromOdsCode\":\"RAL\",\"themes\":[\"FINANCE\"],\"effectiveFrom\":\"2018-01-01\"}", 404),
                arguments("service change led by former member", p + "/service-changes", "{\"title\":\"t\",\"kind\":\"EXPANSION\",\"themes\":[\"FINANCE\"],\"leadOdsCode\":\"07M\"}", 409),
                arguments("service change without themes", p + "/service-changes", "{\"title\":\"t\",\"kind\":\"EXPANSION\",\"themes\":[],\"leadOdsCode\":\"RAL\"}", 400),
                arguments("skip a stage", "/api/service-changes/{sc}/stage", "{\"stage\":\"DECIDED\"}", 409),
                arguments("unknown stage", "/api/service-changes/{sc}/stage", "{\"stage\":\"APPROVED\"}", 400),
                arguments("unknown service change", "/api/service-changes/6f1c2a70-0000-4000-8000-000000000000/stage", "{\"stage\":\"ENGAGEMENT\"}", 404),
                arguments("unknown assurance result", "/api/service-changes/{sc}/assurance-tests", "{\"test\":\"BED_CLOSURE\",\"result\":\"MAYBE\",\"evidence\":\"e\"}", 400),
                arguments("decision by a former member", p + "/decisions", "{\"title\":\"t\",\"theme\":\"RISK\",\"decidingOdsCodes\":[\"07M\"],\"outcome\":\"APPROVED\",\"decidedOn\":\"2018-06-01\"}", 409),
                arguments("decision with unknown theme", p + "/decisions", "{\"title\":\"t\",\"theme\":\"MONEY\",\"decidingOdsCodes\":[],\"outcome\":\"APPROVED\",\"decidedOn\":\"2018-06-01\"}", 400),
                arguments("decision superseding an unknown one", p + "/decisions", "{\"title\":\"t\",\"theme\":\"RISK\",\"decidingOdsCodes\":[],\"outcome\":\"APPROVED\",\"decidedOn\":\"2018-06-01\",\"supersedes\":\"6f1c2a70-0000-4000-8000-000000000000\"}", 409),
                arguments("ratification by a non-deciding body", "/api/decisions/{d}/ratifications", "{\"odsCode\":\"07M\",\"ratifiedOn\":\"2018-02-01\"}", 409),
                arguments("accountability for a former member", p + "/accountabilities", "{\"subject\":{\"type\":\"THEME\",\"ref\":\"VISION\"},\"role\":\"RESPONSIBLE\",\"odsCode\":\"07M\",\"post\":\"CFO\",\"effectiveFrom\":\"2018-01-02\"}", 409),
                arguments("accountability with unknown theme", p + "/accountabilities", "{\"subject\":{\"type\":\"THEME\",\"ref\":\"MONEY\"},\"role\":\"RESPONSIBLE\",\"odsCode\":\"RAL\",\"post\":\"CFO\",\"effectiveFrom\":\"2018-01-01\"}", 400),
                arguments("second accountable", p + "/accountabilities", "{\"subject\":{\"type\":\"THEME\",\"ref\":\"RISK\"},\"role\":\"ACCOUNTABLE\",\"odsCode\":\"RAL\",\"post\":\"CFO\",\"effectiveFrom\":\"2018-01-01\"}", 409),
                arguments("review before effective", p + "/accountabilities", "{\"subject\":{\"type\":\"THEME\",\"ref\":\"VISION\"},\"role\":\"INFORMED\",\"odsCode\":\"RAL\",\"post\":\"CFO\",\"effectiveFrom\":\"2018-01-01\",\"reviewBy\":\"2017-01-01\"}", 400),
                arguments("transfer to former member", "/api/accountabilities/{a}/transfer", "{\"odsCode\":\"07M\",\"post\":\"CFO\",\"on\":\"2018-03-01\"}", 409),
                arguments("unknown accountability", "/api/accountabilities/6f1c2a70-0000-4000-8000-000000000000/acceptance", "{\"on\":\"2018-03-01\"}", 404),
                arguments("unknown question id", p + "/theme-assessments", "{\"theme\":\"RISK\",\"rating\":\"EMERGING\",\"answers\":{\"VISION-1\":\"yes\"},\"assessedOn\":\"2018-01-01\"}", 400),
                arguments("unknown confidence level", p + "/confidence", "{\"respondentRole\":\"CFO\",\"level\":\"NONE\",\"reason\":\"r\"}", 400),
                arguments("overlong name", "/api/partnerships", "{\"id\":\"long-name\",\"name\":\"" + "x".repeat(201) + "\",\"region\":\"r\"}", 400)
        );
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemAndWritesNothing(String why, String path, String body, int status) {
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        Api.Answer answer = new Api(port).post(path.replace("{sc}", serviceChangeId).replace("{d}", decisionId)
                .replace("{a}", accountabilityId), body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.isProblem()).as(answer.contentType()).isTrue();
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().get("title").asText()).isNotBlank();
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(answer.json().get("type").asText()).startsWith("/problems/");
        if (status == 400 && answer.json().has("errors")) {
            assertThat(answer.json().get("errors").get(0).get("field").asText()).isNotBlank();
        }
        assertThat(store.count()).as("events written").isEqualTo(before);
    }

    /** A list sent as a single value says it must be an array (it said "a JSON object"). */
    @Test
    void aListSentAsOneValueIsRefusedAsNotAnArray() {
        Api.Answer answer = new Api(port).post("/api/partnerships/" + PID + "/decisions", """
                {"title":"t","theme":"RISK","decidingOdsCodes":"RJ1","outcome":"APPROVED","decidedOn":"2018-06-01"}""");
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("decidingOdsCodes");
        assertThat(answer.json().get("errors").get(0).get("message").asText()).isEqualTo("must be a JSON array");
    }

    /**
     * DESIGN §4 lists {@code answers} as required: a rating that answers none of its theme's questions is 400 naming
     * the field, nothing written (the outside tester's {@code {}} and {@code []} were recorded).
     */
    @ParameterizedTest(name = "answers {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{}", "[]", "null", "{\"RISK-1\":\"  \"}", "absent"})
    void aThemeAssessmentWithoutAnAnswerIsRefusedNamingTheField(String answers) {
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        Api.Answer answer = new Api(port).post("/api/partnerships/" + PID + "/theme-assessments",
                "{\"theme\":\"RISK\",\"rating\":\"EMERGING\","
                        + (answers.equals("absent") ? "" : "\"answers\":" + answers + ",")
                        + "\"assessedOn\":\"2018-01-01\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("answers");
        assertThat(store.count()).as("events written").isEqualTo(before);
        assertThat(new Api(port).post("/api/partnerships/" + PID + "/theme-assessments",
                "{\"theme\":\"RISK\",\"rating\":\"EMERGING\",\"answers\":{\"RISK-1\":\"A shared risk register\"},"
                        + "\"assessedOn\":\"2018-01-01\"}").status()).isEqualTo(200);
    }

    @org.junit.jupiter.api.Test
    void wrongContentTypeIs415() {
        Api.Answer answer = new Api(port).post("/api/partnerships", "text/plain", "id=x");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.isProblem()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void oversizedBodyIs413() {
        String huge = "{\"id\":\"huge\",\"name\":\"" + "x".repeat(2_000_000) + "\",\"region\":\"r\"}";
        Api.Answer answer = new Api(port).post("/api/partnerships", huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.isProblem()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void unknownPathIsAProblem404() {
        Api.Answer answer = new Api(port).post("/api/nothing-here", "{}");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
    }
}
