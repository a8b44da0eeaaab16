package uk.nhs.stpgov.deploy.history;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.MigrationStatements;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/partnerships/{pid}?on=} answers the partnership as it stood on that business day (as recorded by
 * {@code asOf}): its name and status, which members were members, the forums established by then with their members
 * and remit that day. North Cumbria from its STP days to the statutory ICS of 2022, read on each edge day.
 */
@IntegrationTest
class PartnershipOnDayIntegrationTest {
    private static final String REGISTERED = "North Cumbria Health and Care";
    private static final String RENAMED = "North East and North Cumbria ICS";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String pid;
    String p;
    String committee;
    String clinical;
    /** An instant after the forums and the withdrawal were recorded, before any status change or the succession. */
    String beforeStatusChanges;

    @BeforeEach
    void northCumbriaFrom2016To2022() {
        api = new Api(port);
        pid = "on-day-" + UUID.randomUUID().toString().substring(0, 8);
        p = "/api/partnerships/" + pid;
        api.ok("/api/partnerships", """
                {"id":"%s","name":"%s","region":"North East and Yorkshire"}""".formatted(pid, REGISTERED));
        member("RNN", "Cumbria Partnership NHS Foundation Trust", "FOUNDATION_TRUST", "2016-04-01");
        member("01H", "NHS North Cumbria CCG", "CCG", "2016-04-01");
        member("E10000006", "Cumbria County Council", "LOCAL_AUTHORITY", "2016-04-01");
        member("DJ1", "North Cumbria GP Federation", "GP_FEDERATION", "2016-09-01");
        committee = api.id(p + "/forums", """
                {"name":"North Cumbria Joint Committee","kind":"JOINT_COMMITTEE",
                 "memberOdsCodes":["RNN","01H","E10000006"],"themes":["FINANCE","DECISIONS"],
                 "establishedOn":"2016-06-01"}""");
        // A new remit from 2019-04-01: risk sharing.
        api.ok(p + "/forums/" + committee + "/terms", """
                {"memberOdsCodes":["RNN","01H","E10000006"],"themes":["FINANCE","DECISIONS","RISK"],
                 "on":"2019-04-01"}""");
        clinical = api.id(p + "/forums", """
                {"name":"Clinical Strategy Group","kind":"CLINICAL_GROUP","memberOdsCodes":["RNN","DJ1"],
                 "themes":["ASSURANCE"],"establishedOn":"2020-01-15"}""");
        api.ok(p + "/members/DJ1/withdrawal", "{\"on\":\"2021-03-31\",\"reason\":\"Federation dissolved\"}");
        beforeStatusChanges = Scenario.readOk(api, p + "/accountability-map").get("asOf").asText();

        api.ok(p + "/status", "{\"status\":\"ICS\",\"on\":\"2020-04-01\"}");
        api.ok(p + "/members/01H/succession", """
                {"successorOdsCode":"QE1","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        api.ok(p + "/status", """
                {"status":"STATUTORY_ICS","name":"%s","on":"2022-07-01"}""".formatted(RENAMED));
    }

    private void member(String ods, String name, String sector, String joinedOn) {
        api.ok(p + "/members", """
                {"odsCode":"%s","name":"%s","sector":"%s","joinedOn":"%s"}""".formatted(ods, name, sector, joinedOn));
    }

    @Test
    void theNameAndStatusAreThoseInForceOnTheDay() {
        JsonNode in2018 = on("2018-04-01");
        assertThat(in2018.get("on").asText()).isEqualTo("2018-04-01");
        assertThat(in2018.get("name").asText()).isEqualTo(REGISTERED);
        assertThat(in2018.get("status").asText()).isEqualTo("STP");
        assertThat(in2018.get("statusOn").isNull()).as("as registered: null, not left out (outside tester)").isTrue();

        assertThat(on("2020-03-31").get("status").asText()).isEqualTo("STP");
        JsonNode ics = on("2020-04-01");
        assertThat(ics.get("status").asText()).isEqualTo("ICS");
        assertThat(ics.get("statusOn").asText()).isEqualTo("2020-04-01");
        assertThat(ics.get("name").asText()).as("a change without a name keeps it").isEqualTo(REGISTERED);

        JsonNode dayBefore = on("2022-06-30");
        assertThat(dayBefore.get("status").asText()).isEqualTo("ICS");
        assertThat(dayBefore.get("name").asText()).isEqualTo(REGISTERED);
        JsonNode statutory = on("2022-07-01");
        assertThat(statutory.get("status").asText()).isEqualTo("STATUTORY_ICS");
        assertThat(statutory.get("statusOn").asText()).isEqualTo("2022-07-01");
        assertThat(statutory.get("name").asText()).as("renamed from its status change's day").isEqualTo(RENAMED);
        assertThat(on("2023-01-01").get("name").asText()).isEqualTo(RENAMED);
    }

    /**
     * The statutory ICS recorded first, the 2020 ICS back-loaded from the old log afterwards: it slots in by its day
     * (it was refused: "its status can only move forward"), and today's status and name stay the 2022 ones.
     */
    @Test
    void anEarlierStatusBackLoadedAfterALaterOneSlotsInByItsDay() {
        String other = "on-day-back-" + UUID.randomUUID().toString().substring(0, 8);
        String q = "/api/partnerships/" + other;
        api.ok("/api/partnerships", """
                {"id":"%s","name":"Humber, Coast and Vale Health and Care Partnership","region":"North East and Yorkshire"}"""
                .formatted(other));
        api.ok(q + "/members", """
                {"odsCode":"03F","name":"NHS Hull CCG","sector":"CCG","joinedOn":"2016-04-01"}""");
        api.ok(q + "/members/03F/succession", """
                {"successorOdsCode":"QOQ","successorName":"NHS Humber and North Yorkshire ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        api.ok(q + "/status", """
                {"status":"STATUTORY_ICS","name":"Humber and North Yorkshire Health and Care Partnership","on":"2022-07-01"}""");
        api.ok(q + "/status", """
                {"status":"ICS","name":"Humber, Coast and Vale ICS","on":"2020-04-01"}""");
        assertThat(api.post(q + "/status", "{\"status\":\"ICS\",\"on\":\"2023-01-01\"}").status()).isEqualTo(409);

        JsonNode in2021 = Scenario.readOk(api, q + "?on=2021-01-01");
        assertThat(in2021.get("status").asText()).isEqualTo("ICS");
        assertThat(in2021.get("name").asText()).isEqualTo("Humber, Coast and Vale ICS");
        assertThat(Scenario.readOk(api, q + "?on=2019-01-01").get("status").asText()).isEqualTo("STP");
        JsonNode today = Scenario.readOk(api, q);
        assertThat(today.get("status").asText()).isEqualTo("STATUTORY_ICS");
        assertThat(today.get("name").asText()).isEqualTo("Humber and North Yorkshire Health and Care Partnership");
        java.util.Map<String, String> names = new java.util.HashMap<>();
        Scenario.readOk(api, "/api/partnerships").forEach(e -> names.put(e.get("id").asText(), e.get("name").asText()));
        assertThat(names.get(other)).isEqualTo("Humber and North Yorkshire Health and Care Partnership");
    }

    @Test
    void theListShowsTheNameInForceTodayNotARenameDatedAhead() {
        String ahead = java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).plusMonths(3).toString();
        String other = "on-day-ahead-" + UUID.randomUUID().toString().substring(0, 8);
        api.ok("/api/partnerships", """
                {"id":"%s","name":"Morecambe Bay Health and Care Partnership","region":"North West"}""".formatted(other));
        api.ok("/api/partnerships/" + other + "/status", """
                {"status":"ICS","name":"Lancashire and South Cumbria ICS","on":"%s"}""".formatted(ahead));
        JsonNode list = Scenario.readOk(api, "/api/partnerships");
        java.util.Map<String, String> names = new java.util.HashMap<>();
        list.forEach(entry -> names.put(entry.get("id").asText(), entry.get("name").asText()));
        assertThat(names.get(other)).isEqualTo("Morecambe Bay Health and Care Partnership");
        assertThat(names.get(pid)).as("renamed in 2022").isEqualTo(RENAMED);
        assertThat(Scenario.readOk(api, "/api/partnerships/" + other + "?on=" + ahead).get("name").asText())
                .isEqualTo("Lancashire and South Cumbria ICS");
    }

    @Test
    void everyMemberIsListedAndCurrentOnlyOnTheDaysItWasAMember() {
        assertThat(current(on("2016-03-31"))).isEmpty();
        assertThat(current(on("2016-04-01"))).containsExactly("01H", "E10000006", "RNN");
        assertThat(current(on("2016-09-01"))).containsExactly("01H", "DJ1", "E10000006", "RNN");
        JsonNode in2018 = on("2018-04-01");
        assertThat(in2018.get("members").findValuesAsText("odsCode"))
                .as("every member recorded is listed, current or not")
                .containsExactly("01H", "DJ1", "E10000006", "QE1", "RNN");
        assertThat(current(in2018)).containsExactly("01H", "DJ1", "E10000006", "RNN");
        // The day a body withdraws, or is succeeded, is its last day as a member (as the command side judges acts).
        assertThat(current(on("2021-03-31"))).contains("DJ1");
        assertThat(current(on("2021-04-01"))).doesNotContain("DJ1");
        assertThat(current(on("2022-06-30"))).containsExactly("01H", "E10000006", "RNN");
        assertThat(current(on("2022-07-01"))).containsExactly("01H", "E10000006", "QE1", "RNN");
        assertThat(current(on("2022-07-02"))).containsExactly("E10000006", "QE1", "RNN");
    }

    @Test
    void aForumShowsTheTermsInForceOnTheDayAndOnlyOnceEstablished() {
        assertThat(on("2016-05-31").get("forums")).isEmpty();
        JsonNode established = forum(on("2016-06-01"), committee);
        assertThat(strings(established.get("memberOdsCodes"))).containsExactly("RNN", "01H", "E10000006");
        assertThat(strings(established.get("themes"))).containsExactly("DECISIONS", "FINANCE");
        assertThat(established.get("termsOn").isNull()).as("its establishment terms").isTrue();

        JsonNode in2018 = on("2018-04-01");
        assertThat(in2018.get("forums").findValuesAsText("id")).containsExactly(committee);
        assertThat(strings(forum(in2018, committee).get("memberOdsCodes"))).containsExactly("RNN", "01H", "E10000006");
        assertThat(strings(forum(on("2019-03-31"), committee).get("themes"))).doesNotContain("RISK");
        JsonNode newRemit = forum(on("2019-04-01"), committee);
        assertThat(strings(newRemit.get("themes"))).containsExactly("DECISIONS", "FINANCE", "RISK");
        assertThat(newRemit.get("termsOn").asText()).isEqualTo("2019-04-01");

        assertThat(on("2020-01-14").get("forums").findValuesAsText("id")).doesNotContain(clinical);
        assertThat(on("2020-01-15").get("forums").findValuesAsText("id")).contains(clinical);

        JsonNode beforeSuccession = forum(on("2022-06-30"), committee);
        assertThat(strings(beforeSuccession.get("memberOdsCodes"))).containsExactly("RNN", "01H", "E10000006");
        assertThat(beforeSuccession.get("termsOn").asText()).isEqualTo("2019-04-01");
        JsonNode seatPassed = forum(on("2022-07-01"), committee);
        assertThat(strings(seatPassed.get("memberOdsCodes"))).containsExactly("RNN", "QE1", "E10000006");
        assertThat(strings(seatPassed.get("themes"))).containsExactly("DECISIONS", "FINANCE", "RISK");
        assertThat(seatPassed.get("termsOn").asText()).isEqualTo("2022-07-01");
    }

    @Test
    void withoutOnTheAnswerIsTheOneForTodayInTheBusinessZone() {
        LocalDate before = LocalDate.now(ZoneId.of("Europe/London"));
        JsonNode answer = Scenario.readOk(api, p);
        LocalDate after = LocalDate.now(ZoneId.of("Europe/London"));
        String today = answer.get("on").asText();
        assertThat(today).isIn(before.toString(), after.toString());
        assertThat(on(today)).isEqualTo(answer);
        assertThat(answer.get("name").asText()).isEqualTo(RENAMED);
        assertThat(current(answer)).containsExactly("E10000006", "QE1", "RNN");
    }

    @Test
    void asOfAnEarlierInstantShowsWhatTheRecordThenSaidOfTheDay() {
        JsonNode then = Scenario.readOk(api, p + "?asOf=" + beforeStatusChanges + "&on=2022-07-01");
        assertThat(then.get("name").asText()).isEqualTo(REGISTERED);
        assertThat(then.get("status").asText()).isEqualTo("STP");
        assertThat(then.get("statusOn").isNull()).isTrue();
        assertThat(then.get("members").findValuesAsText("odsCode")).doesNotContain("QE1");
        assertThat(current(then)).containsExactly("01H", "E10000006", "RNN");
        assertThat(strings(forum(then, committee).get("memberOdsCodes"))).containsExactly("RNN", "01H", "E10000006");
        assertThat(strings(forum(then, committee).get("themes"))).contains("RISK");

        JsonNode thenToday = Scenario.readOk(api, p + "?asOf=" + beforeStatusChanges);
        assertThat(thenToday.get("name").asText()).isEqualTo(REGISTERED);
        assertThat(thenToday.get("status").asText()).isEqualTo("STP");
    }

    /**
     * V94 fills the two histories from the events already stored: emptied and filled again by its own statements,
     * they hold the rows the projection wrote, and every answer is unchanged.
     */
    @Test
    void theV94BackfillWritesTheRowsTheProjectionWrites() {
        List<String> paths = List.of(p, p + "?on=2016-05-31", p + "?on=2018-04-01", p + "?on=2019-04-01",
                p + "?on=2020-04-01", p + "?on=2022-06-30", p + "?on=2022-07-01", p + "?asOf=" + beforeStatusChanges);
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        paths.forEach(path -> answers.put(path, Scenario.readOk(api, path)));
        List<String> statuses = rows("q_partnership_status");
        List<String> terms = rows("q_forum_terms");
        assertThat(statuses).hasSize(3);
        assertThat(terms).hasSize(4);

        jdbc.update("DELETE FROM q_partnership_status WHERE partnership_id = ?", pid);
        jdbc.update("DELETE FROM q_forum_terms WHERE partnership_id = ?", pid);
        assertThat(Scenario.readOk(api, p + "?on=2018-04-01")).as("the answers are read from the histories")
                .isNotEqualTo(answers.get(p + "?on=2018-04-01"));

        List<String> inserts = backfill();
        assertThat(inserts).hasSize(2);
        inserts.forEach(jdbc::execute);

        assertThat(rows("q_partnership_status")).isEqualTo(statuses);
        assertThat(rows("q_forum_terms")).isEqualTo(terms);
        paths.forEach(path -> assertThat(Scenario.readOk(api, path)).as(path).isEqualTo(answers.get(path)));
    }

    /** The INSERT statements of V94, as Flyway runs them. */
    private static List<String> backfill() {
        List<String> statements = MigrationStatements.of("V94__query_partnership_on_day.sql", "INSERT");
        return statements;
    }

    /** The partnership's rows of {@code table}, each as JSON text (arrays and instants compared by value). */
    private List<String> rows(String table) {
        return jdbc.queryForList("SELECT to_jsonb(r)::text FROM " + table + " r WHERE partnership_id = ? ORDER BY seq",
                String.class, pid);
    }

    private JsonNode on(String day) {
        return Scenario.readOk(api, p + "?on=" + day);
    }

    private static List<String> current(JsonNode partnership) {
        return StreamSupport.stream(partnership.get("members").spliterator(), false)
                .filter(m -> m.get("current").asBoolean()).map(m -> m.get("odsCode").asText()).toList();
    }

    private static JsonNode forum(JsonNode partnership, String id) {
        for (JsonNode forum : partnership.get("forums")) {
            if (forum.get("id").asText().equals(id)) {
                return forum;
            }
        }
        throw new AssertionError("no forum " + id + " in " + partnership);
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
