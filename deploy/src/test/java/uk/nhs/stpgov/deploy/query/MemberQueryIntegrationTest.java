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

/** One member at the URL its admission answers in Location, as the partnership lists it. */
@IntegrationTest
class MemberQueryIntegrationTest {
    @LocalServerPort
    int port;

    @Test
    void theLocationOfAnAdmittedMemberAnswersTheMemberAsThePartnershipListsIt() {
        Scenario s = new Scenario(new Api(port), "member").leedsMembers();
        String partnership = "/api/partnerships/" + s.pid;
        Api.Answer admitted = s.api().post(partnership + "/members", """
                {"odsCode":"RX8","name":"Yorkshire Ambulance Service NHS Trust","sector":"AMBULANCE_TRUST",
                 "joinedOn":"2017-01-01"}""");
        assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
        String location = admitted.location();
        assertThat(location).isEqualTo(partnership + "/members/RX8");

        JsonNode member = s.read(location);
        assertThat(member).isEqualTo(listed(s.read(partnership), "RX8"));
        assertThat(member.get("name").asText()).isEqualTo("Yorkshire Ambulance Service NHS Trust");
        assertThat(member.get("current").asBoolean()).isTrue();

        Instant beforeWithdrawal = Instant.now();
        s.post(partnership + "/members/RX8/withdrawal", "{\"on\":\"2021-03-31\",\"reason\":\"Left the board\"}");
        JsonNode withdrawn = s.read(location);
        assertThat(withdrawn).isEqualTo(listed(s.read(partnership), "RX8"));
        assertThat(withdrawn.get("withdrawnOn").asText()).isEqualTo("2021-03-31");
        assertThat(withdrawn.get("current").asBoolean()).isFalse();
        // As on the partnership: `on` a business day, `asOf` the record as it stood.
        JsonNode in2020 = s.read(location + "?on=2020-01-01");
        assertThat(in2020).isEqualTo(listed(s.read(partnership + "?on=2020-01-01"), "RX8"));
        assertThat(in2020.get("current").asBoolean()).isTrue();
        JsonNode asRecorded = s.read(location + "?asOf=" + beforeWithdrawal);
        assertThat(asRecorded.get("withdrawnOn").isNull()).isTrue();
        assertThat(asRecorded).isEqualTo(listed(s.read(partnership + "?asOf=" + beforeWithdrawal), "RX8"));
    }

    @Test
    void anUnknownMemberOrPartnershipIsAProblem404() {
        Scenario s = new Scenario(new Api(port), "member-none").leedsMembers();
        String[][] unknown = {
                {"/api/partnerships/" + s.pid + "/members/ZZZ9", "No member of " + s.pid + " with id 'ZZZ9'"},
                {"/api/partnerships/nowhere-at-all/members/RR8", "No partnership with id 'nowhere-at-all'"}};
        for (String[] path : unknown) {
            Api.Answer answer = s.api().get(path[0]);
            assertThat(answer.status()).as(path[0] + " " + answer.body()).isEqualTo(404);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().get("type").asText()).isEqualTo("/problems/not-found");
            assertThat(answer.json().get("detail").asText()).isEqualTo(path[1]);
        }
        Api.Answer before = s.api().get("/api/partnerships/" + s.pid + "/members/RR8?asOf=2015-01-01T00:00:00Z");
        assertThat(before.status()).as("not yet registered then").isEqualTo(404);
    }

    /** Framework wording tells a client how the app is served: an unknown URL says only that there is none. */
    @Test
    void anUnknownUrlUnderApiIsANeutralProblem404() {
        Api api = new Api(port);
        for (String path : new String[]{"/api/no-such-thing", "/api/partnerships/x/members/RR8/nothing",
                "/api/imports/members/template.txt"}) {
            Api.Answer answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.isProblem()).as(path).isTrue();
            assertThat(answer.json().get("detail").asText()).isEqualTo("No such resource");
            assertThat(answer.body()).doesNotContainIgnoringCase("static");
        }
    }

    @Test
    void aMemberIsReadUnderThePartnershipsAccessRule() {
        Scenario s = new Scenario(new Api(port), "member-access").leedsMembers();
        String path = "/api/partnerships/" + s.pid + "/members/RR8";
        Api.Answer otherOffice = s.api().as(TestUsers.OFFICE_KENT).get(path);
        assertThat(otherOffice.status()).as(otherOffice.body()).isEqualTo(403);
        assertThat(otherOffice.isProblem()).isTrue();
        assertThat(s.api().as(TestUsers.READER).get(path).status()).isEqualTo(200);
        assertThat(s.api().as(TestUsers.AUDITOR).get(path).status()).isEqualTo(200);
        assertThat(s.api().anonymous().get(path).status()).isEqualTo(401);
    }

    private static JsonNode listed(JsonNode partnership, String odsCode) {
        for (JsonNode member : partnership.get("members")) {
            if (member.get("odsCode").asText().equals(odsCode)) {
                return member;
            }
        }
        throw new AssertionError("no member " + odsCode + " in " + partnership);
    }
}
