package uk.nhs.stpgov.deploy.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.stpgov.deploy.support.TestUsers.ADMIN;
import static uk.nhs.stpgov.deploy.support.TestUsers.AUDITOR;
import static uk.nhs.stpgov.deploy.support.TestUsers.OFFICE_KENT;
import static uk.nhs.stpgov.deploy.support.TestUsers.OFFICE_NC;
import static uk.nhs.stpgov.deploy.support.TestUsers.READER;

/**
 * Each role against each endpoint family (command, query, audit, admin), and programme offices kept to their own
 * partnerships. A refused write never leaves an event. Query and admin endpoints may not exist in this build: there
 * the test asserts only that the caller got past security (not 401 or 403), or was stopped by it. Every client here
 * is a copy of one {@link Api}, so each read waits for all the writes before it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api api;
    EventStore store;
    String serviceChange;
    String decision;
    String accountability;

    @BeforeAll
    void twoPartnershipsWithOneRecordOfEachKind() {
        api = new Api(port);
        store = new EventStore(dataSource);
        for (String[] p : new String[][]{{"north-cumbria", "RNN"}, {"kent-medway", "RWF"}}) {
            api.ok("/api/partnerships", """
                    {"id":"%s","name":"Partnership %s","region":"England"}""".formatted(p[0], p[0]));
            api.ok("/api/partnerships/" + p[0] + "/members", """
                    {"odsCode":"%s","name":"A Trust","sector":"NHS_TRUST","joinedOn":"2016-03-01"}""".formatted(p[1]));
        }
        serviceChange = api.id("/api/partnerships/north-cumbria/service-changes", """
                {"title":"Maternity at West Cumberland","kind":"RECONFIGURATION","themes":["ENGAGEMENT"],
                 "leadOdsCode":"RNN","description":"Option 1"}""");
        decision = api.id("/api/partnerships/north-cumbria/decisions", """
                {"title":"System control total","theme":"FINANCE","decidingOdsCodes":["RNN"],"outcome":"APPROVED",
                 "decidedOn":"2017-03-30"}""");
        accountability = api.id("/api/partnerships/north-cumbria/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"RNN",
                 "post":"Director of Finance","effectiveFrom":"2017-04-01"}""");
    }

    @ParameterizedTest(name = "{0} admitting a member to north-cumbria gets {1}")
    @CsvSource({ADMIN + ",201", OFFICE_NC + ",201", OFFICE_KENT + ",403", AUDITOR + ",403", READER + ",403"})
    void commandsNeedTheProgrammeOfficeOfThatPartnershipOrAdmin(String user, int expected) {
        String ods = "Q" + Math.abs(user.hashCode() % 1000) + "X";
        assertWrite(api.as(user), "/api/partnerships/north-cumbria/members", """
                {"odsCode":"%s","name":"Carlisle Healthcare","sector":"GP_FEDERATION","joinedOn":"2017-01-01"}"""
                .formatted(ods), expected);
    }

    @Test
    void aProgrammeOfficeCannotChangeAnotherPartnershipsRecordsAddressedByTheirOwnId() {
        Api kent = api.as(OFFICE_KENT);
        assertWrite(kent, "/api/service-changes/" + serviceChange + "/stage", "{\"stage\":\"ENGAGEMENT\"}", 403);
        assertWrite(kent, "/api/service-changes/" + serviceChange + "/assurance-tests",
                "{\"test\":\"PUBLIC_ENGAGEMENT\",\"result\":\"MET\",\"evidence\":\"Consultation\",\"assessedOn\":\"2016-12-07\",\"assessor\":\"NHS England\"}", 403);
        assertWrite(kent, "/api/decisions/" + decision + "/ratifications",
                "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2017-04-12\"}", 403);
        assertWrite(kent, "/api/decisions/" + decision + "/rescission", "{\"reason\":\"x\",\"on\":\"2017-05-01\"}", 403);
        assertWrite(kent, "/api/accountabilities/" + accountability + "/acceptance", "{\"on\":\"2017-04-02\"}", 403);
        assertWrite(kent, "/api/partnerships/north-cumbria/forums", """
                {"name":"Board","kind":"PARTNERSHIP_BOARD","memberOdsCodes":["RNN"],"themes":["VISION"]}""", 403);

        Api own = api.as(OFFICE_NC);
        assertWrite(own, "/api/service-changes/" + serviceChange + "/assurance-tests",
                "{\"test\":\"PUBLIC_ENGAGEMENT\",\"result\":\"MET\",\"evidence\":\"Consultation\",\"assessedOn\":\"2016-12-07\",\"assessor\":\"NHS England\"}", 200);
        assertWrite(own, "/api/accountabilities/" + accountability + "/acceptance", "{\"on\":\"2017-04-02\"}", 200);
        assertWrite(own, "/api/decisions/" + decision + "/ratifications",
                "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2017-04-12\"}", 200);
    }

    @Test
    void unknownIdsAreStill404ForAProgrammeOfficeAndForAdmin() {
        String unknown = UUID.randomUUID().toString();
        for (Api caller : new Api[]{api.as(OFFICE_NC), api}) {
            assertWrite(caller, "/api/service-changes/" + unknown + "/stage", "{\"stage\":\"ENGAGEMENT\"}", 404);
            assertWrite(caller, "/api/decisions/" + unknown + "/rescission", "{\"reason\":\"x\",\"on\":\"2017-05-01\"}", 404);
            assertWrite(caller, "/api/accountabilities/" + unknown + "/acceptance", "{\"on\":\"2017-04-02\"}", 404);
        }
        assertWrite(api, "/api/partnerships/nowhere/members", """
                {"odsCode":"RNN","name":"A Trust","sector":"NHS_TRUST","joinedOn":"2016-03-01"}""", 404);
    }

    @Test
    void aProgrammeOfficeRegistersOnlyItsOwnPartnerships() {
        assertWrite(api.as(OFFICE_NC), "/api/partnerships",
                "{\"id\":\"somewhere-else\",\"name\":\"Elsewhere\",\"region\":\"London\"}", 403);
        assertWrite(api.as(READER), "/api/partnerships",
                "{\"id\":\"north-cumbria-2\",\"name\":\"Elsewhere\",\"region\":\"London\"}", 403);
        assertWrite(api.as(OFFICE_NC), "/api/partnerships",
                "{\"id\":\"north-cumbria-2\",\"name\":\"North Cumbria (new footprint)\",\"region\":\"North\"}", 201);
        assertThat(store.of("north-cumbria-2").get(0).metadata().get("actor").asText()).isEqualTo(OFFICE_NC);
    }

    @ParameterizedTest(name = "{0} reading the audit trail gets through: {1}")
    @CsvSource({ADMIN + ",true", AUDITOR + ",true", READER + ",false", OFFICE_NC + ",false"})
    void onlyAuditorsAndAdminsReadTheAuditTrail(String user, boolean allowed) {
        for (String path : new String[]{"/api/audit/events", "/api/audit/verify"}) {
            Api.Answer answer = api.as(user).get(path);
            if (allowed) {
                assertThat(answer.status()).as(path).isEqualTo(200);
            } else {
                assertForbidden(answer);
            }
        }
    }

    @ParameterizedTest(name = "{0} reading kent-medway gets through: {1}")
    @CsvSource({ADMIN + ",true", AUDITOR + ",true", READER + ",true", OFFICE_KENT + ",true", OFFICE_NC + ",false"})
    void queriesAreForEveryRoleButAProgrammeOfficeReadsOnlyItsOwnPartnerships(String user, boolean allowed) {
        Api caller = api.as(user);
        assertThat(caller.get("/api/themes").status()).isNotIn(401, 403);
        assertThat(caller.get("/api/partnerships").status()).isNotIn(401, 403);
        for (String path : new String[]{"/api/partnerships/kent-medway", "/api/partnerships/kent-medway/gaps"}) {
            Api.Answer answer = caller.get(path);
            if (allowed) {
                assertThat(answer.status()).as(path).isNotIn(401, 403);
            } else {
                assertForbidden(answer);
            }
        }
        Api.Answer decisionOfNorthCumbria = caller.get("/api/decisions/" + decision);
        if (user.equals(OFFICE_KENT)) {
            assertForbidden(decisionOfNorthCumbria);
        } else {
            assertThat(decisionOfNorthCumbria.status()).isNotIn(401, 403);
        }
    }

    @Test
    void listsAndRecordsAreScopedToAProgrammeOfficesOwnPartnerships() {
        Api kent = api.as(OFFICE_KENT);
        assertThat(kent.get("/api/partnerships").json().findValuesAsText("id")).containsExactly("kent-medway");
        assertThat(api.get("/api/partnerships").json().findValuesAsText("id"))
                .contains("kent-medway", "north-cumbria");
        assertThat(api.as(OFFICE_NC).get("/api/gaps").json().findValuesAsText("partnershipId"))
                .isNotEmpty().containsOnly("north-cumbria");
        assertThat(kent.get("/api/gaps").json().findValuesAsText("partnershipId")).doesNotContain("north-cumbria");
        assertThat(api.get("/api/service-changes/" + serviceChange).status()).isEqualTo(200);
        assertForbidden(kent.get("/api/service-changes/" + serviceChange));
        assertForbidden(kent.get("/api/accountabilities/" + accountability));
        assertForbidden(kent.get("/api/partnerships/north-cumbria/accountability-map"));
        assertForbidden(kent.get("/api/partnerships/north-cumbria/decisions.csv"));
        assertForbidden(kent.get("/api/partnerships/north-cumbria/timeline"));
        assertThat(api.as(OFFICE_NC).get("/api/partnerships/north-cumbria/accountability-map").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} on the admin endpoints gets through: {1}")
    @CsvSource({ADMIN + ",true", AUDITOR + ",false", READER + ",false", OFFICE_NC + ",false"})
    void adminEndpointsAreForAdminsOnly(String user, boolean allowed) {
        Api.Answer get = api.as(user).get("/api/admin/replays");
        if (allowed) {
            assertThat(get.status()).isNotIn(401, 403);
        } else {
            assertForbidden(get);
            assertForbidden(api.as(user).post("/api/admin/replays", "{}"));
        }
    }

    @Test
    void withoutValidCredentialsTheApiAnswers401ButHealthDocsAndThePageArePublic() {
        for (Api caller : new Api[]{api.anonymous(), api.as(ADMIN, "wrong"), api.as("nobody", "x")}) {
            Api.Answer answer = caller.get("/api/partnerships");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("type").asText()).isEqualTo("/problems/unauthorized");
            assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        }
        long before = store.count();
        Api.Answer write = api.anonymous().post("/api/partnerships",
                "{\"id\":\"anon-stp\",\"name\":\"Anon\",\"region\":\"Nowhere\"}");
        assertThat(write.status()).isEqualTo(401);
        assertThat(store.count()).isEqualTo(before);

        assertThat(api.anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/").status()).isNotIn(401, 403);
    }

    private void assertWrite(Api caller, String path, String body, int expected) {
        long before = store.count();
        Api.Answer answer = caller.post(path, body);
        assertThat(answer.status()).as("POST %s: %s", path, answer.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(answer.isProblem()).as("a problem body").isTrue();
            assertThat(store.count()).as("a refused write leaves no event").isEqualTo(before);
        }
        if (expected == 403) {
            assertThat(answer.json().get("type").asText()).isEqualTo("/problems/forbidden");
        }
    }

    private static void assertForbidden(Api.Answer answer) {
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("title").asText()).isEqualTo("Forbidden");
    }
}
