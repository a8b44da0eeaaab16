package uk.nhs.stpgov.deploy.hardening;

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

/**
 * Nothing a projection cannot store gets in (issue 13): control characters, dates PostgreSQL cannot hold, dates as
 * numbers or arrays — in JSON and CSV alike — are 400 problems naming the field (row and column for CSV), and no
 * event is written. And no internals in any answer.
 */
@IntegrationTest
class UnstorableInputIntegrationTest {
    private static final String PID = "unstorable-input";
    private static final String P = "/api/partnerships/" + PID;
    private static boolean arranged;

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void onePartnership() {
        if (arranged) {
            return;
        }
        Api api = new Api(port);
        api.ok("/api/partnerships", "{\"id\":\"" + PID + "\",\"name\":\"North Cumbria\",\"region\":\"North East and Yorkshire\"}");
        api.ok(P + "/members", "{\"odsCode\":\"RNN\",\"name\":\"North Cumbria Integrated Care NHS Foundation Trust\","
                + "\"sector\":\"FOUNDATION_TRUST\",\"joinedOn\":\"2016-04-01\"}");
        arranged = true;
    }

    private static String decision(String title, String rationale, String decidedOn) {
        return "{\"title\":" + title + ",\"theme\":\"RISK\",\"decidingOdsCodes\":[\"RNN\"],\"outcome\":\"NOTED\","
                + "\"rationale\":" + rationale + ",\"decidedOn\":" + decidedOn + "}";
    }

    static Stream<Arguments> unstorable() {
        return Stream.of(
                arguments("NUL in a title", decision("\"a\\u0000b\"", "null", "\"2019-06-01\""), "title"),
                arguments("NUL in a multi-line field", decision("\"t\"", "\"a\\u0000b\"", "\"2019-06-01\""), "rationale"),
                arguments("a line break in a single-line field", decision("\"a\\nb\"", "null", "\"2019-06-01\""), "title"),
                arguments("a bell in a multi-line field", decision("\"t\"", "\"a\\u0007b\"", "\"2019-06-01\""), "rationale"),
                arguments("a lone surrogate", decision("\"a\\ud800b\"", "null", "\"2019-06-01\""), "title"),
                arguments("a number for text", decision("42", "null", "\"2019-06-01\""), "title"),
                arguments("a date PostgreSQL cannot hold", decision("\"t\"", "null", "\"+5874898-01-01\""), "decidedOn"),
                arguments("a date after 2100", decision("\"t\"", "null", "\"2101-01-01\""), "decidedOn"),
                arguments("a date before 1900", decision("\"t\"", "null", "\"1899-12-31\""), "decidedOn"),
                arguments("a date as a number", decision("\"t\"", "null", "20190101"), "decidedOn"),
                arguments("a date as an array", decision("\"t\"", "null", "[2019,1,1]"), "decidedOn"),
                arguments("a date with a time", decision("\"t\"", "null", "\"2019-06-01T00:00:00Z\""), "decidedOn"),
                arguments("a control character in a map key", null, "answers"),
                arguments("a control character in a list", null, "decidingOdsCodes[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unstorable")
    void isRefusedNamingTheFieldAndWritesNothing(String why, String body, String field) {
        String path = P + "/decisions";
        if (field.equals("answers")) {
            path = P + "/theme-assessments";
            body = "{\"theme\":\"RISK\",\"rating\":\"EMERGING\",\"answers\":{\"RISK-1\\u0000\":\"yes\"},"
                    + "\"assessedOn\":\"2018-01-01\"}";
        } else if (field.startsWith("decidingOdsCodes")) {
            body = "{\"title\":\"t\",\"theme\":\"RISK\",\"decidingOdsCodes\":[\"RN\\u0000N\"],\"outcome\":\"NOTED\","
                    + "\"decidedOn\":\"2019-06-01\"}";
        }
        EventStore store = new EventStore(dataSource);
        long before = store.count();

        Api.Answer answer = new Api(port).post(path, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(store.count()).as("events written").isEqualTo(before);
    }

    @Test
    void lineBreaksAndTabsAreKeptInMultiLineFields() {
        Api.Answer answer = new Api(port).post(P + "/decisions",
                decision("\"Stroke services, Cumberland Infirmary\"", "\"Agreed:\\n\\t1. consult\\r\\n\\t2. decide\"",
                        "\"2019-06-01\""));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @Test
    void csvCellsFollowTheSameRules() {
        EventStore store = new EventStore(dataSource);
        long before = store.count();
        String csv = "title,theme,decidingOdsCodes,outcome,rationale,decidedOn\n"
                + "\"Stroke, phase 1\",RISK,RNN,NOTED,ok,2019-06-01\n"
                + "a\u0000b,RISK,RNN,NOTED,ok,2019-06-01\n"
                + "t,RISK,RNN,NOTED,ok,+5874898-01-01\n";

        Api.Answer answer = new Api(port).post(P + "/imports/decisions", "text/csv", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"row\":2", "\"column\":\"title\"", "\"row\":3", "\"column\":\"decidedOn\"");
        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void csvFromExcelWithAByteOrderMarkIsRead() {
        String csv = "\uFEFFtitle,theme,decidingOdsCodes,outcome,rationale,decidedOn\n"
                + "\"Maternity, West Cumberland\",RISK,RNN,NOTED,\"line one\nline two\",2019-07-01\n";
        Api.Answer answer = new Api(port).post(P + "/imports/decisions", "text/csv", csv);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("imported").asInt()).isEqualTo(1);
    }

    @Test
    void aCsvHeaderNamingAColumnTwiceIsRefused() {
        String csv = "title,theme,decidingOdsCodes,outcome,title,decidedOn\nt,RISK,RNN,NOTED,u,2019-06-01\n";
        Api.Answer answer = new Api(port).post(P + "/imports/decisions", "text/csv", csv);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"row\":0", "\"column\":\"title\"", "twice");
    }

    @Test
    void aCsvRowWithMoreCellsThanTheHeaderIsRefused() {
        String csv = "title,theme,decidingOdsCodes,outcome,decidedOn\nt,RISK,RNN,NOTED,2019-06-01,surplus\n";
        Api.Answer answer = new Api(port).post(P + "/imports/decisions", "text/csv", csv);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("\"row\":1", "\"column\":\"column 6\"");
    }

    @Test
    void aCsvRowReusingAnIdAnswersTheDuplicateProblemWithoutInternals() {
        // A row whose id is already a decision's: re-importing the decision itself would be skipped (re-imports write
        // nothing new), but an accountability cannot take that id.
        Api api = new Api(port);
        String id = api.id(P + "/decisions", decision("\"first\"", "null", "\"2019-06-01\""));
        String csv = "id,subjectType,subjectRef,role,odsCode,post,effectiveFrom\n"
                + id + ",THEME,RISK,INFORMED,RNN,Director of Nursing,2019-06-01\n";

        Api.Answer answer = api.post(P + "/imports/accountabilities", "text/csv", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.json().get("reason").asText()).isEqualTo("/problems/duplicate-id");
        assertThat(answer.body()).containsIgnoringCase("already exists")
                .doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("domainevententry")
                .doesNotContainIgnoringCase("constraint").doesNotContainIgnoringCase("sql");
    }

    @Test
    void anIdOfAnotherKindOfRecordIs404() {
        Api api = new Api(port);
        String decisionId = api.id(P + "/decisions", decision("\"t\"", "null", "\"2019-06-01\""));
        Api.Answer answer = api.post("/api/accountabilities/" + decisionId + "/acceptance", "{\"on\":\"2019-07-01\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void anAsOfOutOfRangeIs400() {
        for (String asOf : new String[]{"+5874898-01-01", "2101-01-01T00:00:00Z", "1800-01-01", "not-a-date"}) {
            Api.Answer answer = new Api(port).get(P + "/accountability-map?asOf=" + asOf);
            assertThat(answer.status()).as(asOf + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
        }
    }

    @Test
    void aQueryParameterWithAControlCharacterIs400() {
        Api.Answer answer = new Api(port).get(P + "/decisions?serviceChangeId=a%00b");
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
    }
}
