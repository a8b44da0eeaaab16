package uk.nhs.stpgov.deploy.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over every command endpoint (issue 13): each field of a valid body, in turn, replaced by random hostile
 * values — strings with control characters, huge and tiny numbers, wrong JSON types, far dates — and whole bodies of
 * the wrong shape. No answer is a 5xx, and a refused one writes no event. Seeded, so a failure repeats.
 */
@IntegrationTest
class CommandFuzzIntegrationTest {
    private static final String PID = "fuzz";
    private static final String P = "/api/partnerships/" + PID;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    private final Random random = new Random(20261129);

    private JsonNode hostile() {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.textNode("a\u0000b");
            case 1 -> NODES.textNode(randomText(random.nextInt(40)));
            case 2 -> NODES.textNode("x".repeat(5_000 + random.nextInt(20_000)));
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
            case 5 -> NODES.numberNode(-1e308);
            case 6 -> NODES.numberNode(4.9e-324);
            case 7 -> NODES.booleanNode(random.nextBoolean());
            case 8 -> NODES.nullNode();
            case 9 -> NODES.arrayNode().add(randomText(3)).add(7);
            case 10 -> NODES.objectNode().put("nested", randomText(5));
            case 11 -> NODES.textNode("+5874898-01-01");
            case 12 -> NODES.textNode("-999999999-01-01");
            case 13 -> NODES.numberNode(20190101);
            case 14 -> NODES.textNode("");
            default -> NODES.textNode("2019-02-30");
        };
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(5);
            text.appendCodePoint(switch (kind) {
                case 0 -> random.nextInt(0x20);          // C0 controls, NUL included
                case 1 -> 0x7f + random.nextInt(0x21);   // DEL and C1 controls
                case 2 -> 0xd800 + random.nextInt(0x800); // lone surrogates
                case 3 -> 0x1f300 + random.nextInt(0x100); // emoji
                default -> 0x20 + random.nextInt(0x5f);
            });
        }
        return text.toString();
    }

    private Map<String, String> endpoints(Api api) {
        api.ok("/api/partnerships", "{\"id\":\"" + PID + "\",\"name\":\"Fuzz\",\"region\":\"London\"}");
        api.ok(P + "/members", "{\"odsCode\":\"RNN\",\"name\":\"North Cumbria Integrated Care NHS Foundation Trust\","
                + "\"sector\":\"FOUNDATION_TRUST\",\"joinedOn\":\"2016-04-01\"}");
        api.ok(P + "/members", "{\"odsCode\":\"01H\",\"name\":\"NHS North Cumbria CCG\",\"sector\":\"CCG\","
                + "\"joinedOn\":\"2016-04-01\"}");
        String forum = api.id(P + "/forums", "{\"name\":\"Joint Committee\",\"kind\":\"JOINT_COMMITTEE\","
                + "\"memberOdsCodes\":[\"RNN\",\"01H\"],\"themes\":[\"FINANCE\",\"RISK\"]}");
        String delegation = api.id(P + "/forums/" + forum + "/delegations",
                "{\"fromOdsCode\":\"01H\",\"themes\":[\"FINANCE\"],\"effectiveFrom\":\"2017-01-01\"}");
        String change = api.id(P + "/service-changes", "{\"title\":\"Stroke\",\"kind\":\"RECONFIGURATION\","
                + "\"themes\":[\"RISK\"],\"leadOdsCode\":\"RNN\",\"description\":\"d\"}");
        String decision = api.id(P + "/decisions", "{\"title\":\"t\",\"theme\":\"RISK\",\"decidingOdsCodes\":[\"RNN\"],"
                + "\"outcome\":\"APPROVED\",\"decidedOn\":\"2019-06-01\"}");
        String accountability = api.id(P + "/accountabilities", "{\"subject\":{\"type\":\"THEME\",\"ref\":\"RISK\"},"
                + "\"role\":\"RESPONSIBLE\",\"odsCode\":\"RNN\",\"post\":\"Director of Nursing\",\"effectiveFrom\":\"2018-01-01\"}");

        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/partnerships", "{\"id\":\"fuzz-2\",\"name\":\"n\",\"region\":\"r\"}");
        endpoints.put(P + "/members", "{\"odsCode\":\"RTH\",\"name\":\"Oxford University Hospitals\",\"sector\":\"NHS_TRUST\",\"statutory\":true,\"joinedOn\":\"2016-04-01\"}");
        endpoints.put(P + "/members/01H/withdrawal", "{\"on\":\"2022-07-01\",\"reason\":\"r\"}");
        endpoints.put(P + "/forums", "{\"name\":\"Board\",\"kind\":\"PARTNERSHIP_BOARD\",\"memberOdsCodes\":[\"RNN\"],\"themes\":[\"VISION\"]}");
        endpoints.put(P + "/forums/" + forum + "/delegations", "{\"fromOdsCode\":\"RNN\",\"themes\":[\"RISK\"],\"effectiveFrom\":\"2017-01-01\",\"effectiveTo\":\"2019-01-01\"}");
        endpoints.put(P + "/forums/" + forum + "/delegations/" + delegation + "/revocation", "{\"on\":\"2020-01-01\",\"reason\":\"r\"}");
        endpoints.put(P + "/service-changes", "{\"title\":\"t\",\"kind\":\"CLOSURE\",\"themes\":[\"RISK\"],\"leadOdsCode\":\"RNN\",\"description\":\"d\"}");
        endpoints.put("/api/service-changes/" + change + "/assurance-tests", "{\"test\":\"CLINICAL_EVIDENCE\",\"result\":\"MET\",\"evidence\":\"e\",\"assessedOn\":\"2019-03-01\",\"assessor\":\"NHS England North\"}");
        endpoints.put("/api/service-changes/" + change + "/stage", "{\"stage\":\"ENGAGEMENT\",\"note\":\"n\"}");
        endpoints.put(P + "/decisions", "{\"reference\":\"JC/2019/014\",\"title\":\"t\",\"theme\":\"RISK\",\"decidingOdsCodes\":[\"RNN\"],\"positions\":[{\"odsCode\":\"RNN\",\"position\":\"SUPPORTS\"}],\"outcome\":\"NOTED\",\"rationale\":\"r\",\"decidedOn\":\"2019-06-01\"}");
        endpoints.put("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2019-07-01\",\"declined\":true,\"reason\":\"r\"}");
        endpoints.put("/api/decisions/" + decision + "/rescission", "{\"reason\":\"r\",\"on\":\"2019-08-01\"}");
        endpoints.put(P + "/accountabilities", "{\"subject\":{\"type\":\"THEME\",\"ref\":\"FINANCE\"},\"role\":\"INFORMED\",\"odsCode\":\"RNN\",\"post\":\"CFO\",\"personName\":\"A N Other\",\"effectiveFrom\":\"2018-01-01\",\"reviewBy\":\"2019-01-01\",\"joint\":false}");
        endpoints.put("/api/accountabilities/" + accountability + "/acceptance", "{\"on\":\"2018-02-01\"}");
        endpoints.put("/api/accountabilities/" + accountability + "/relinquishment", "{\"on\":\"2019-02-01\",\"reason\":\"r\"}");
        endpoints.put("/api/accountabilities/" + accountability + "/transfer", "{\"odsCode\":\"RNN\",\"post\":\"CEO\",\"on\":\"2019-02-01\"}");
        endpoints.put(P + "/theme-assessments", "{\"theme\":\"RISK\",\"rating\":\"EMERGING\",\"answers\":{\"RISK-1\":\"yes\"},\"assessedOn\":\"2018-01-01\"}");
        endpoints.put(P + "/confidence", "{\"question\":\"Can the partnership take binding decisions?\",\"respondentOdsCode\":\"RNN\",\"respondentRole\":\"CFO\",\"level\":\"LOW\",\"reason\":\"r\",\"on\":\"2019-01-01\"}");
        endpoints.put("/api/accountabilities/" + accountability + "/review", "{\"on\":\"2019-01-01\",\"nextReviewBy\":\"2020-01-01\",\"note\":\"n\"}");
        endpoints.put(P + "/members/01H/succession", "{\"successorOdsCode\":\"QE1\",\"successorName\":\"NHS Lancashire and South Cumbria ICB\",\"sector\":\"ICB\",\"on\":\"2022-07-01\",\"reason\":\"r\"}");
        endpoints.put(P + "/status", "{\"status\":\"ICS\",\"name\":\"North Cumbria ICS\",\"on\":\"2020-04-01\"}");
        endpoints.put(P + "/forums/" + forum + "/terms", "{\"memberOdsCodes\":[\"RNN\",\"01H\"],\"themes\":[\"FINANCE\"],\"on\":\"2020-01-01\"}");
        return endpoints;
    }

    @Test
    void noHostileBodyGetsA5xxOrWritesAnEventWhenRefused() throws Exception {
        Api api = new Api(port);
        EventStore store = new EventStore(dataSource);
        Map<String, String> endpoints = endpoints(api);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            ObjectNode valid = (ObjectNode) JSON.readTree(endpoint.getValue());
            List<String> fields = new ArrayList<>();
            valid.fieldNames().forEachRemaining(fields::add);
            List<String> bodies = new ArrayList<>();
            for (String field : fields) {
                for (int i = 0; i < 6; i++) {
                    ObjectNode mutated = valid.deepCopy();
                    mutated.set(field, hostile());
                    bodies.add(JSON.writeValueAsString(mutated));
                }
            }
            bodies.add("[" + endpoint.getValue() + "]");
            bodies.add("\"" + randomText(20).replace("\\", "").replace("\"", "") + "\"");
            bodies.add("{\"" + randomText(8).replace("\\", "").replace("\"", "") + "\":1}");
            bodies.add(endpoint.getValue().substring(0, endpoint.getValue().length() / 2));
            for (String body : bodies) {
                long before = store.count();
                Api.Answer answer = api.post(endpoint.getKey(), body);
                sent++;
                if (answer.status() >= 500) {
                    failures.add(answer.status() + " " + endpoint.getKey() + " " + abbreviate(body) + " -> " + answer.body());
                } else if (answer.status() >= 400) {
                    if (!answer.isProblem()) {
                        failures.add("not a problem: " + endpoint.getKey() + " " + abbreviate(body));
                    }
                    if (store.count() != before) {
                        failures.add("refused but wrote: " + endpoint.getKey() + " " + abbreviate(body));
                    }
                }
            }
        }
        assertThat(failures).as("of " + sent + " hostile requests").isEmpty();
        assertThat(sent).isGreaterThan(400);
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
