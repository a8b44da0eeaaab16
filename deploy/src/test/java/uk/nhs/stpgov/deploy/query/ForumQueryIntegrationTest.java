package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestUsers;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One forum, and one delegation of it, at the URL their creation answers in Location, as the partnership lists them
 * (both were 404 "No such resource", found by an outside check).
 */
@IntegrationTest
class ForumQueryIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void theLocationOfAnEstablishedForumAnswersTheForumAsThePartnershipListsIt() {
        Scenario s = new Scenario(new Api(port), "forum").leedsMembers();
        String partnership = "/api/partnerships/" + s.pid;
        Api.Answer established = s.api().post(partnership + "/forums", """
                {"name":"Leeds Committees in Common","kind":"COMMITTEES_IN_COMMON","memberOdsCodes":["RR8","15F"],
                 "themes":["RISK"],"establishedOn":"2017-01-01"}""");
        assertThat(established.status()).as(established.body()).isEqualTo(201);
        String id = established.json().get("id").asText();
        String location = established.location();
        assertThat(location).isEqualTo(partnership + "/forums/" + id);

        JsonNode forum = s.read(location);
        assertThat(forum).isEqualTo(listed(s.read(partnership), "forums", id));
        assertThat(forum.get("name").asText()).isEqualTo("Leeds Committees in Common");

        Instant beforeTerms = Instant.now();
        s.post(location + "/terms", """
                {"memberOdsCodes":["RR8","15F","E08000035"],"themes":["RISK","FINANCE"],"on":"2020-01-01"}""");
        JsonNode changed = s.read(location);
        assertThat(changed).isEqualTo(listed(s.read(partnership), "forums", id));
        assertThat(changed.get("termsOn").asText()).isEqualTo("2020-01-01");
        assertThat(changed.get("memberOdsCodes")).hasSize(3);
        // As on the partnership: `on` a business day (its terms in force then), `asOf` the record as it stood.
        JsonNode in2019 = s.read(location + "?on=2019-01-01");
        assertThat(in2019).isEqualTo(listed(s.read(partnership + "?on=2019-01-01"), "forums", id));
        assertThat(in2019.get("termsOn").isNull()).isTrue();
        JsonNode asRecorded = s.read(location + "?asOf=" + beforeTerms);
        assertThat(asRecorded).isEqualTo(listed(s.read(partnership + "?asOf=" + beforeTerms), "forums", id));
        assertThat(asRecorded.get("memberOdsCodes")).hasSize(2);

        Api.Answer beforeEstablished = s.api().get(location + "?on=2016-12-31");
        assertThat(beforeEstablished.status()).as("not established by then: the partnership leaves it out")
                .isEqualTo(404);
        assertThat(beforeEstablished.isProblem()).isTrue();
        assertThat(s.read(partnership + "?on=2016-12-31").get("forums")).isEmpty();
    }

    @Test
    void theLocationOfADelegationAnswersTheDelegationAsThePartnershipListsIt() {
        Scenario s = new Scenario(new Api(port), "delegation").leedsMembers();
        String partnership = "/api/partnerships/" + s.pid;
        String forum = s.forum("Leeds Committees in Common", "COMMITTEES_IN_COMMON", "[\"RR8\",\"15F\"]",
                "[\"RISK\"]");
        Api.Answer delegated = s.api().post(partnership + "/forums/" + forum + "/delegations", """
                {"fromOdsCode":"15F","themes":["RISK"],"effectiveFrom":"2017-02-01"}""");
        assertThat(delegated.status()).as(delegated.body()).isEqualTo(201);
        String id = delegated.json().get("id").asText();
        String location = delegated.location();
        assertThat(location).isEqualTo(partnership + "/forums/" + forum + "/delegations/" + id);

        JsonNode delegation = s.read(location);
        assertThat(delegation).isEqualTo(listed(s.read(partnership), "delegations", id));
        assertThat(delegation.get("inForce").asBoolean()).isTrue();

        Instant beforeRevocation = Instant.now();
        s.post(location + "/revocation", "{\"on\":\"2019-03-31\",\"reason\":\"Remit returned to the CCG board\"}");
        JsonNode revoked = s.read(location);
        assertThat(revoked).isEqualTo(listed(s.read(partnership), "delegations", id));
        assertThat(revoked.get("revokedOn").asText()).isEqualTo("2019-03-31");
        assertThat(revoked.get("inForce").asBoolean()).isFalse();
        JsonNode in2018 = s.read(location + "?on=2018-01-01");
        assertThat(in2018).isEqualTo(listed(s.read(partnership + "?on=2018-01-01"), "delegations", id));
        assertThat(in2018.get("inForce").asBoolean()).isTrue();
        JsonNode asRecorded = s.read(location + "?asOf=" + beforeRevocation);
        assertThat(asRecorded.get("revokedOn").isNull()).isTrue();
        assertThat(asRecorded).isEqualTo(listed(s.read(partnership + "?asOf=" + beforeRevocation), "delegations",
                id));
    }

    /**
     * A body that withdrew sits on no forum and delegates no longer from the day after it left, though no terms were
     * set and nothing was revoked since (an outside tester's Hull CCG still sat and delegated a year later); on its
     * leaving day it still does. Terms from then may leave it out without revoking its delegation first.
     */
    @Test
    void aBodyThatWithdrewNoLongerSitsOrDelegatesFromTheDayAfterItLeft() {
        Scenario s = new Scenario(new Api(port), "forum-left").leedsMembers();
        String partnership = "/api/partnerships/" + s.pid;
        String forum = s.forum("Leeds Committees in Common", "COMMITTEES_IN_COMMON", "[\"RR8\",\"15F\"]",
                "[\"RISK\"]");
        String delegation = s.delegate(forum, "15F", "[\"RISK\"]", "2017-02-01");
        s.post(partnership + "/members/15F/withdrawal", "{\"on\":\"2019-03-31\",\"reason\":\"Left the footprint\"}");

        for (String day : new String[]{"2019-03-31", "2020-06-01"}) {
            boolean member = day.equals("2019-03-31");
            JsonNode onDay = s.read(partnership + "?on=" + day);
            JsonNode seated = listed(onDay, "forums", forum).get("memberOdsCodes");
            assertThat(seated).as(day).hasSize(member ? 2 : 1);
            assertThat(listed(onDay, "delegations", delegation).get("inForce").asBoolean()).as(day).isEqualTo(member);
            assertThat(s.read(partnership + "/forums/" + forum + "?on=" + day).get("memberOdsCodes")).isEqualTo(seated);
            assertThat(s.read(partnership + "/forums/" + forum + "/delegations/" + delegation + "?on=" + day)
                    .get("inForce").asBoolean()).as(day).isEqualTo(member);
        }
        Api.Answer terms = s.api().post(partnership + "/forums/" + forum + "/terms",
                "{\"memberOdsCodes\":[\"RR8\"],\"themes\":[\"RISK\"],\"on\":\"2019-04-01\"}");
        assertThat(terms.status()).as(terms.body()).isEqualTo(200);
    }

    @Test
    void anUnknownForumDelegationOrPartnershipIsAProblem404AndABadTimeA400() {
        Scenario s = new Scenario(new Api(port), "forum-none").leedsMembers();
        String forum = s.forum("Leeds Committees in Common", "COMMITTEES_IN_COMMON", "[\"RR8\",\"15F\"]",
                "[\"RISK\"]");
        String other = s.forum("Leeds Health and Wellbeing Board", "PARTNERSHIP_BOARD", "[\"RR8\",\"E08000035\"]",
                "[\"VISION\"]");
        String delegation = s.delegate(forum, "15F", "[\"RISK\"]", "2017-02-01");
        String unknown = java.util.UUID.randomUUID().toString();
        String p = "/api/partnerships/" + s.pid;
        String[][] notFound = {
                {p + "/forums/" + unknown, "No forum of " + s.pid + " with id '" + unknown + "'"},
                {p + "/forums/" + forum + "/delegations/" + unknown,
                        "No delegation of forum " + forum + " of " + s.pid + " with id '" + unknown + "'"},
                {p + "/forums/" + other + "/delegations/" + delegation,
                        "No delegation of forum " + other + " of " + s.pid + " with id '" + delegation + "'"},
                {"/api/partnerships/nowhere-at-all/forums/" + forum, "No partnership with id 'nowhere-at-all'"},
                {"/api/partnerships/nowhere-at-all/forums/" + forum + "/delegations/" + delegation,
                        "No partnership with id 'nowhere-at-all'"}};
        for (String[] path : notFound) {
            Api.Answer answer = s.api().get(path[0]);
            assertThat(answer.status()).as(path[0] + " " + answer.body()).isEqualTo(404);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("type").asText()).isEqualTo("/problems/not-found");
            assertThat(answer.json().get("detail").asText()).isEqualTo(path[1]);
        }
        for (String path : new String[]{p + "/forums/" + forum, p + "/forums/" + forum + "/delegations/" + delegation}) {
            Api.Answer before = s.api().get(path + "?asOf=2015-01-01T00:00:00Z");
            assertThat(before.status()).as("not yet registered then: " + before.body()).isEqualTo(404);
            for (String bad : new String[]{"?asOf=garbage", "?on=01/02/2019"}) {
                Api.Answer answer = s.api().get(path + bad);
                assertThat(answer.status()).as(path + bad + " " + answer.body()).isEqualTo(400);
                assertThat(answer.isProblem()).isTrue();
            }
        }
    }

    @Test
    void aForumAndItsDelegationsAreReadUnderThePartnershipsAccessRule() {
        Scenario s = new Scenario(new Api(port), "forum-access").leedsMembers();
        String forum = s.forum("Leeds Committees in Common", "COMMITTEES_IN_COMMON", "[\"RR8\",\"15F\"]",
                "[\"RISK\"]");
        String delegation = s.delegate(forum, "15F", "[\"RISK\"]", "2017-02-01");
        String path = "/api/partnerships/" + s.pid + "/forums/" + forum;
        for (String url : new String[]{path, path + "/delegations/" + delegation}) {
            Api.Answer otherOffice = s.api().as(TestUsers.OFFICE_KENT).get(url);
            assertThat(otherOffice.status()).as(otherOffice.body()).isEqualTo(403);
            assertThat(otherOffice.isProblem()).isTrue();
            assertThat(s.api().as(TestUsers.READER).get(url).status()).isEqualTo(200);
            assertThat(s.api().as(TestUsers.AUDITOR).get(url).status()).isEqualTo(200);
            assertThat(s.api().anonymous().get(url).status()).isEqualTo(401);
        }
    }

    private static JsonNode listed(JsonNode partnership, String list, String id) {
        for (JsonNode item : partnership.get(list)) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + id + " in the " + list + " of " + partnership);
    }
}
