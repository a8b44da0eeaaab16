package uk.nhs.stpgov.deploy.history;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.MigrationStatements;
import uk.nhs.stpgov.deploy.support.EventStore;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two answers an outside tester found wrong on the command side, in West Yorkshire's story (CCG 36J succeeded by
 * ICB QWO on 2022-07-01): the successor of a body bound by delegation was passed the ratification the body never owed
 * and could answer it; a transfer of the CCG's accountability to a trust, dated 2021 and back-loaded after the
 * succession, was refused. Rules are judged at the business date whatever the order of loading (DESIGN §1): each
 * story loaded in date order and back-loaded answers the same.
 */
@IntegrationTest
class SuccessionWhateverTheOrderIntegrationTest {
    private static final String FORUM = "5c0de7a1-2222-4333-8444-955566677788";
    private static final String SUCCESSION = """
            {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB","on":"2022-07-01",
             "reason":"Health and Care Act 2022"}""";

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api api;
    EventStore store;
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = new EventStore(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    /** West Yorkshire in 2016: the CCG and a trust, and their joint committee for FINANCE. */
    private String westYorkshire() {
        String pid = "wy-" + UUID.randomUUID().toString().substring(0, 8);
        String p = "/api/partnerships/" + pid;
        api.ok("/api/partnerships", """
                {"id":"%s","name":"West Yorkshire and Harrogate","region":"North East and Yorkshire"}""".formatted(pid));
        api.ok(p + "/members", """
                {"odsCode":"36J","name":"NHS Bradford District and Craven CCG","sector":"CCG","joinedOn":"2016-03-01"}""");
        api.ok(p + "/members", """
                {"odsCode":"RXF","name":"Mid Yorkshire Hospitals NHS Trust","sector":"NHS_TRUST","joinedOn":"2016-03-01"}""");
        api.ok(p + "/forums", """
                {"id":"%s","name":"Joint Committee","kind":"JOINT_COMMITTEE","memberOdsCodes":["36J","RXF"],
                 "themes":["FINANCE"],"establishedOn":"2016-05-05"}""".formatted(FORUM));
        return pid;
    }

    private String delegate(String pid) {
        return api.id("/api/partnerships/" + pid + "/forums/" + FORUM + "/delegations", """
                {"fromOdsCode":"36J","themes":["FINANCE"],"effectiveFrom":"2017-04-01"}""");
    }

    private void revoke(String pid, String delegation) {
        api.ok("/api/partnerships/" + pid + "/forums/" + FORUM + "/delegations/" + delegation + "/revocation",
                "{\"on\":\"2018-01-01\",\"reason\":\"The CCG took finance back to its governing body\"}");
    }

    private String decide(String pid) {
        return api.id("/api/partnerships/" + pid + "/decisions", """
                {"title":"Agree the system control total","theme":"FINANCE","forumId":"%s",
                 "decidingOdsCodes":["36J","RXF"],"outcome":"APPROVED","decidedOn":"2019-06-01",
                 "reference":"JC/2019/011"}""".formatted(FORUM));
    }

    private void succeed(String pid) {
        api.ok("/api/partnerships/" + pid + "/members/36J/succession", SUCCESSION);
    }

    /** A 409 rule-violation problem naming the rule, and not one event written. */
    private void refused(String path, String body, String detail) {
        long events = store.count();
        Api.Answer refused = api.post(path, body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).contains(detail);
        assertThat(store.count()).as("nothing written").isEqualTo(events);
    }

    /** The outside tester's reproduction: the ICB was passed the CCG's "owed" ratification, and answered it. */
    @Test
    void theSuccessorOfABodyBoundByDelegationIsPassedNothingAndCannotAnswer() {
        String pid = westYorkshire();
        delegate(pid);
        String decision = decide(pid);
        succeed(pid);

        assertThat(store.typesOf(decision)).as("the succession passed nothing").containsExactly("DecisionRecorded");
        String ratifications = "/api/decisions/" + decision + "/ratifications";
        refused(ratifications, "{\"odsCode\":\"QWO\",\"ratifiedOn\":\"2022-08-01\"}",
                "QWO is not a deciding body of decision " + decision);
        refused(ratifications, "{\"odsCode\":\"36J\",\"ratifiedOn\":\"2019-06-10\"}",
                "36J owes no ratification of decision " + decision + ": it is bound by its delegation of FINANCE "
                        + "to forum " + FORUM + ", in force on 2019-06-01");
        refused(ratifications, """
                {"odsCode":"36J","ratifiedOn":"2019-06-10","declined":true,"reason":"Not affordable"}""",
                "36J owes no ratification");
        api.ok(ratifications, "{\"odsCode\":\"RXF\",\"ratifiedOn\":\"2019-06-20\"}");

        assertThat(bindings(pid)).isEqualTo("36J DELEGATION 2019-06-01 -; RXF RATIFICATION 2019-06-20 -");
    }

    /**
     * The delegation back-loaded after the decision and the succession: the succession passed the ratification then
     * (nothing bound the CCG yet), but the decision binds the CCG by delegation all the same, so its successor, the
     * CCG and the ICB's own successor answer nothing, as in date order.
     */
    @Test
    void aDelegationBackLoadedAfterTheDecisionAndTheSuccessionAnswersAsInDateOrder() {
        String inOrder = westYorkshire();
        delegate(inOrder);
        String first = decide(inOrder);
        succeed(inOrder);

        String backLoaded = westYorkshire();
        String decision = decide(backLoaded);
        succeed(backLoaded);
        assertThat(store.typesOf(decision)).containsExactly("DecisionRecorded", "DecisionRatifierSucceeded");
        delegate(backLoaded);

        String ratifications = "/api/decisions/" + decision + "/ratifications";
        refused(ratifications, "{\"odsCode\":\"QWO\",\"ratifiedOn\":\"2022-08-01\"}",
                "QWO owes no ratification of decision " + decision + ": it took the place of 36J, bound by its "
                        + "delegation of FINANCE to forum " + FORUM);
        refused(ratifications, "{\"odsCode\":\"36J\",\"ratifiedOn\":\"2019-06-10\"}", "36J owes no ratification");
        api.ok("/api/partnerships/" + backLoaded + "/members/QWO/succession", """
                {"successorOdsCode":"QXX","successorName":"NHS West Yorkshire and Harrogate ICB","sector":"ICB",
                 "on":"2024-04-01","reason":"Boundary change"}""");
        assertThat(store.typesOf(decision)).as("nothing passes on down the chain")
                .containsExactly("DecisionRecorded", "DecisionRatifierSucceeded");

        assertThat(bindings(backLoaded)).isEqualTo(bindings(inOrder)).startsWith("36J DELEGATION 2019-06-01 -");
        for (String on : List.of("2019-08-01", "2023-01-01")) {
            assertThat(decisionGaps(backLoaded, on)).as("gaps on " + on).isEqualTo(decisionGaps(inOrder, on));
        }
        assertThat(store.typesOf(first)).containsExactly("DecisionRecorded");
    }

    /**
     * A revocation back-loaded before the decision, after the decision and the succession were recorded: the decision
     * never bound the CCG by delegation, so the ratification it owed passes to the ICB on the succession day, as in
     * date order, and the ICB may answer it.
     */
    @Test
    void aRevocationBackLoadedBeforeTheDecisionPassesTheRatificationAsInDateOrder() {
        String inOrder = westYorkshire();
        revoke(inOrder, delegate(inOrder));
        String first = decide(inOrder);
        succeed(inOrder);

        String backLoaded = westYorkshire();
        String delegation = delegate(backLoaded);
        String decision = decide(backLoaded);
        succeed(backLoaded);
        assertThat(store.typesOf(decision)).as("bound then: nothing passed").containsExactly("DecisionRecorded");
        revoke(backLoaded, delegation);

        assertThat(store.typesOf(decision)).isEqualTo(store.typesOf(first))
                .containsExactly("DecisionRecorded", "DecisionRatifierSucceeded");
        assertThat(store.of(decision).get(1).payload().get("on").asText()).isEqualTo("2022-07-01");
        assertThat(bindings(backLoaded)).isEqualTo(bindings(inOrder))
                .isEqualTo("QWO PENDING 2019-06-01 36J; RXF PENDING 2019-06-01 -");
        for (String on : List.of("2019-08-01", "2023-01-01")) {
            assertThat(decisionGaps(backLoaded, on)).as("gaps on " + on).isEqualTo(decisionGaps(inOrder, on))
                    .contains("RATIFICATION_PENDING");
        }
        api.ok("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"QWO\",\"ratifiedOn\":\"2022-08-01\"}");
        api.ok("/api/decisions/" + first + "/ratifications", "{\"odsCode\":\"QWO\",\"ratifiedOn\":\"2022-08-01\"}");
        assertThat(bindings(backLoaded)).isEqualTo(bindings(inOrder)).startsWith("QWO RATIFICATION 2022-08-01 36J");
    }

    /**
     * The outside tester's second reproduction: the CCG's FINANCE accountability passed to the ICB by the succession;
     * the programme office then back-loads its 2021 transfer to the trust, which was refused. It is accepted, the
     * succession passed nothing for it, and the assignment on every day, on the map and on its own, is as in date
     * order.
     */
    @Test
    void aTransferBackLoadedBeforeTheSuccessionThatPassedTheAccountabilityOnAnswersAsInDateOrder() {
        String inOrder = westYorkshire();
        String first = assign(inOrder);
        transfer(first);
        succeed(inOrder);
        assertThat(store.typesOf(first)).as("the trust held it on the succession day")
                .containsExactly("AccountabilityAssigned", "AccountabilityTransferred");

        String backLoaded = westYorkshire();
        String accountability = assign(backLoaded);
        succeed(backLoaded);
        assertThat(store.of(accountability).get(1).payload().get("succeededFrom").asText()).isEqualTo("36J");
        Api.Answer transferred = transfer(accountability);
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(200);
        JsonNode transfer = store.of(accountability).get(2).payload();
        assertThat(transfer.get("fromOdsCode").asText()).as("the CCG's own transfer").isEqualTo("36J");
        assertThat(transfer.get("odsCode").asText()).isEqualTo("RXF");

        for (String on : List.of("2019-04-01", "2021-03-31", "2021-04-01", "2022-06-30", "2022-07-01", "2023-01-01")) {
            assertThat(holding(accountability, on)).as("the accountability on " + on)
                    .isEqualTo(holding(first, on));
            assertThat(finance(backLoaded, on)).as("FINANCE on the map on " + on).isEqualTo(finance(inOrder, on));
        }
        assertThat(holding(accountability, "2023-01-01")).startsWith("RXF Director of Finance - ");
        assertThat(finance(backLoaded, "2023-01-01")).startsWith("accountable RXF - false;");
        // Its own history keeps every event recorded, the succession's transfer among them: that is the record.
        assertThat(Scenario.readOk(api, "/api/accountabilities/" + accountability).get("history")
                .findValuesAsText("type")).containsExactly("AccountabilityAssigned", "AccountabilityTransferred",
                "AccountabilityTransferred");

        // Later acts are judged on the trust as holder, in both orders.
        for (String id : List.of(first, accountability)) {
            api.ok("/api/accountabilities/" + id + "/acceptance", "{\"on\":\"2022-09-01\"}");
        }
        assertThat(holding(accountability, "2023-01-01")).isEqualTo(holding(first, "2023-01-01"))
                .contains("accepted 2022-09-01");
    }

    /** Once the successor accepted the accountability it was passed, a transfer dated before the succession is 409. */
    @Test
    void aTransferBeforeASuccessionIsRefusedOnceTheSuccessorAcceptedTheAccountability() {
        String pid = westYorkshire();
        String accountability = assign(pid);
        succeed(pid);
        api.ok("/api/accountabilities/" + accountability + "/acceptance", "{\"on\":\"2022-07-20\"}");
        refused("/api/accountabilities/" + accountability + "/transfer", """
                {"odsCode":"RXF","post":"Director of Finance","on":"2021-04-01"}""",
                "it passed to QWO by succession on 2022-07-01, which accepted it on 2022-07-20");
    }

    /** V103 fills the delegations and each decision's forum and day from the events already stored. */
    @Test
    void theV103BackfillWritesTheRowsTheRegistryWrites() {
        String pid = westYorkshire();
        revoke(pid, delegate(pid));
        delegate(pid);
        String decision = decide(pid);
        succeed(pid);
        List<String> written = registryRows(pid);
        assertThat(written).hasSize(4).anyMatch(row -> row.contains("\"revoked_on\": \"2018-01-01\""))
                .anyMatch(row -> row.contains("\"revoked_on\": \"2022-07-01\""))
                .anyMatch(row -> row.contains(decision) && row.contains("\"decided_on\": \"2019-06-01\""));

        jdbc.update("DELETE FROM cmd_delegation WHERE partnership_id = ?", pid);
        jdbc.update("UPDATE cmd_subject SET forum_id = NULL, decided_on = NULL WHERE partnership_id = ?", pid);
        backfill().forEach(jdbc::execute);

        assertThat(registryRows(pid)).isEqualTo(written);
    }

    private String assign(String pid) {
        return api.id("/api/partnerships/" + pid + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"36J",
                 "post":"Chief Finance Officer","effectiveFrom":"2019-04-01"}""");
    }

    private Api.Answer transfer(String accountability) {
        return api.post("/api/accountabilities/" + accountability + "/transfer", """
                {"odsCode":"RXF","post":"Director of Finance","on":"2021-04-01"}""");
    }

    /** The assignment on a day: its holder, post, lineage, acceptance and status. */
    private String holding(String accountability, String on) {
        JsonNode a = Scenario.readOk(api, "/api/accountabilities/" + accountability + "?on=" + on);
        return a.get("odsCode").asText() + " " + a.get("post").asText() + " " + a.path("succeededFrom").asText("-")
                + " " + (a.get("accepted").asBoolean() ? "accepted " + a.get("acceptedOn").asText() : "not accepted")
                + " " + a.get("status").asText();
    }

    /** FINANCE on the map on a day: its holders (body, lineage, accepted) and gaps. */
    private String finance(String pid, String on) {
        JsonNode map = Scenario.readOk(api, "/api/partnerships/" + pid + "/accountability-map?subjectType=THEME"
                + "&theme=FINANCE&on=" + on);
        for (JsonNode subject : map.get("subjects")) {
            if (subject.get("subject").get("ref").asText().equals("FINANCE")) {
                StringBuilder entry = new StringBuilder();
                for (String role : List.of("accountable", "responsible", "pending")) {
                    for (JsonNode h : subject.get(role)) {
                        entry.append(role).append(' ').append(h.get("odsCode").asText()).append(' ')
                                .append(h.path("succeededFrom").asText("-")).append(' ')
                                .append(h.get("accepted").asBoolean()).append("; ");
                    }
                }
                return entry.append(new java.util.TreeSet<>(subject.get("gaps").findValuesAsText("kind"))).toString();
            }
        }
        throw new AssertionError("no FINANCE on the map of " + on + ": " + map);
    }

    /** The partnership's one decision's bindings: body, basis, day, lineage. */
    private String bindings(String pid) {
        List<String> bindings = new ArrayList<>();
        JsonNode decisions = Scenario.readOk(api, "/api/partnerships/" + pid + "/decisions");
        assertThat(decisions).hasSize(1);
        for (JsonNode b : decisions.get(0).get("bindings")) {
            bindings.add(b.get("odsCode").asText() + " " + b.get("basis").asText() + " " + b.get("since").asText()
                    + " " + b.path("succeededFrom").asText("-"));
        }
        return String.join("; ", bindings);
    }

    /** The gaps of the partnership's decision on the map on a day, by kind. */
    private List<String> decisionGaps(String pid, String on) {
        JsonNode map = Scenario.readOk(api, "/api/partnerships/" + pid + "/accountability-map?subjectType=DECISION"
                + "&on=" + on);
        assertThat(map.get("subjects")).hasSize(1);
        return map.get("subjects").get(0).get("gaps").findValuesAsText("kind").stream().sorted().toList();
    }

    /** The partnership's cmd_delegation rows and its decisions' forum and day, as JSON. */
    private List<String> registryRows(String pid) {
        List<String> rows = new ArrayList<>(jdbc.queryForList("SELECT to_jsonb(d)::text FROM cmd_delegation d "
                + "WHERE partnership_id = ? ORDER BY delegation_id", String.class, pid));
        rows.addAll(jdbc.queryForList("SELECT jsonb_build_object('subject_id', subject_id, 'forum_id', forum_id, "
                + "'decided_on', decided_on)::text FROM cmd_subject WHERE partnership_id = ? "
                + "AND subject_type = 'DECISION' ORDER BY subject_id", String.class, pid));
        return rows;
    }

    /** The INSERT and UPDATE statements of V103, as Flyway runs them. */
    private static List<String> backfill() {
        List<String> statements = MigrationStatements.of("V103__command_delegations.sql", "INSERT", "UPDATE");
        assertThat(statements).hasSize(3);
        return statements;
    }
}
