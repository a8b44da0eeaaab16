package uk.nhs.stpgov.deploy.hardening;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request JSON means one thing (found by an outside exploration): a code padded with spaces, a tab or a NUL is not
 * the code; a field given twice is malformed; a UUID in capitals is the same UUID, not a second record.
 */
@IntegrationTest
class StrictJsonIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api api;
    EventStore store;
    String p;

    @BeforeEach
    void onePartnership() {
        api = new Api(port);
        store = new EventStore(dataSource);
        String pid = "strict-json-" + UUID.randomUUID().toString().substring(0, 8);
        p = "/api/partnerships/" + pid;
        api.ok("/api/partnerships", "{\"id\":\"" + pid + "\",\"name\":\"West Yorkshire and Harrogate Health & Care "
                + "Partnership\",\"region\":\"North East and Yorkshire\"}");
        api.ok(p + "/members", "{\"odsCode\":\"RR8\",\"name\":\"Leeds Teaching Hospitals NHS Trust\","
                + "\"sector\":\"NHS_TRUST\",\"joinedOn\":\"2016-03-01\"}");
    }

    private void refused(String path, String body, String field) {
        long before = store.count();
        Api.Answer answer = api.post(path, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        if (field != null) {
            assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        }
        assertThat(store.count()).as("events written").isEqualTo(before);
    }

    @Test
    void aPaddedCodeIsRefusedNamingTheField() {
        refused(p + "/decisions", """
                {"title":"Winter plan 2018/19","theme":"RISK","decidingOdsCodes":["RR8"],"outcome":" NOTED\\t",
                 "rationale":"r","decidedOn":"2018-10-01"}""", "outcome");
        refused(p + "/decisions", """
                {"title":"Winter plan 2018/19","theme":"RISK","decidingOdsCodes":["RR8"],"outcome":"NOTED",
                 "positions":[{"odsCode":"RR8","position":"SUPPORTS\\u0000"}],"rationale":"r","decidedOn":"2018-10-01"}""",
                "positions[0].position");
        refused(p + "/members", """
                {"odsCode":"RXF","name":"Mid Yorkshire Hospitals NHS Trust","sector":"NHS_TRUST ","joinedOn":"2016-03-01"}""",
                "sector");
        // Nor a number: Jackson took 2 for CCG (statutory) and 0 for APPROVED.
        refused(p + "/members", """
                {"odsCode":"RXF","name":"Mid Yorkshire Hospitals NHS Trust","sector":2,"joinedOn":"2016-03-01"}""",
                "sector");
        refused(p + "/decisions", """
                {"title":"Winter plan 2018/19","theme":0,"decidingOdsCodes":["RR8"],"outcome":"NOTED",
                 "rationale":"r","decidedOn":"2018-10-01"}""", "theme");
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        refused(p + "/members", """
                {"odsCode":"RWY","name":"Calderdale and Huddersfield NHS Foundation Trust","sector":"FOUNDATION_TRUST",
                 "joinedOn":"2016-03-01","odsCode":"RY6"}""", null);
    }

    /** Not cut to a whole number: 1.5 was read as version 1, and the concurrency check passed. */
    @Test
    void aFractionWhereAWholeNumberBelongsIsRefused() {
        String decision = api.id(p + "/decisions", """
                {"title":"Winter plan 2018/19","theme":"RISK","decidingOdsCodes":["RR8"],"outcome":"APPROVED",
                 "rationale":"r","decidedOn":"2018-10-01"}""");
        refused("/api/decisions/" + decision + "/ratifications", """
                {"odsCode":"RR8","ratifiedOn":"2018-10-08","expectedVersion":0.5}""", "expectedVersion");
    }

    /** A code's position in a string is not the code: "0" was stored as APPROVED, "6" moved a change to WITHDRAWN. */
    @Test
    void aNumberInAStringIsNotACode() {
        refused(p + "/members", """
                {"odsCode":"RXF","name":"Mid Yorkshire Hospitals NHS Trust","sector":"0","joinedOn":"2016-03-01"}""",
                "sector");
        refused(p + "/decisions", """
                {"title":"Winter plan 2018/19","theme":"RISK","decidingOdsCodes":["RR8"],"outcome":"0",
                 "rationale":"r","decidedOn":"2018-10-01"}""", "outcome");
        String change = api.id(p + "/service-changes", """
                {"title":"Stroke services reconfiguration, Leeds and Wakefield","kind":"RECONFIGURATION",
                 "themes":["DECISIONS"],"leadOdsCode":"RR8","description":"Hyper-acute stroke units"}""");
        refused("/api/service-changes/" + change + "/assurance-tests", """
                {"test":"0","result":"0","evidence":"Letters of support","assessedOn":"2018-06-01",
                 "assessor":"NHS England North"}""", null);
        refused("/api/service-changes/" + change + "/stage", """
                {"stage":"6","note":"a client's index"}""", "stage");
    }

    /** A boolean is true or false: "false", "true" and 0 were read as booleans, "3" as a number. */
    @Test
    void aValueIsOfItsFieldsTypeNotCoercedIntoIt() {
        refused(p + "/members", """
                {"odsCode":"RXF","name":"Mid Yorkshire Hospitals NHS Trust","sector":"NHS_TRUST","statutory":0,
                 "joinedOn":"2016-03-01"}""", "statutory");
        refused(p + "/service-changes", """
                {"title":"Closure of Pontefract minor injuries unit","kind":"CLOSURE","substantial":"false",
                 "themes":["DECISIONS"],"leadOdsCode":"RR8","description":"Overnight closure"}""", "substantial");
        String decision = api.id(p + "/decisions", """
                {"title":"Winter plan 2018/19","theme":"RISK","decidingOdsCodes":["RR8"],"outcome":"APPROVED",
                 "rationale":"r","decidedOn":"2018-10-01"}""");
        refused("/api/decisions/" + decision + "/ratifications", """
                {"odsCode":"RR8","ratifiedOn":"2018-10-08","declined":"true","reason":"r"}""", "declined");
        refused("/api/decisions/" + decision + "/ratifications", """
                {"odsCode":"RR8","ratifiedOn":"2018-10-08","expectedVersion":"0"}""", "expectedVersion");
        refused(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"RISK"},"role":"ACCOUNTABLE","odsCode":"RR8","post":"Chief Executive",
                 "effectiveFrom":"2018-10-01","joint":"true"}""", "joint");
    }

    @Test
    void aUuidInCapitalsIsTheSameUuid() {
        String id = UUID.randomUUID().toString();
        String body = """
                {"id":"%s","title":"Winter plan 2018/19","theme":"RISK","decidingOdsCodes":["RR8"],"outcome":"NOTED",
                 "rationale":"r","decidedOn":"2018-10-01"}""";
        Api.Answer first = api.post(p + "/decisions", body.formatted(id.toUpperCase()));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("id").asText()).isEqualTo(id);
        long after = store.count();

        Api.Answer again = api.post(p + "/decisions", body.formatted(id));
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(store.count()).isEqualTo(after);
        assertThat(api.get("/api/decisions/" + id).status()).isEqualTo(200);
    }
}
