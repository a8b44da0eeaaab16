package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestUsers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partnership's accountabilities ({@code GET /api/partnerships/{pid}/accountabilities}): every assignment on record,
 * relinquished and transferred ones too, each as the single record shows it on the day asked about; filters, keyset
 * pages with {@code Link: rel="next"}, the two times and the refusals of the other partnership lists.
 */
@IntegrationTest
class AccountabilityListIntegrationTest {

    @LocalServerPort
    int port;

    /** Six assignments of the Leeds partnership, in the list's order: subject (type, ref), role, effectiveFrom, id. */
    private record Leeds(Scenario s, String path, String hub, String engagement, String financeA, String financeR,
                         String riskA, String riskC, Instant beforeRelinquishment) {
        List<String> all() {
            return List.of(hub, engagement, financeA, financeR, riskA, riskC);
        }
    }

    private Leeds leeds(String prefix) {
        Scenario s = new Scenario(new Api(port), prefix).leedsMembers();
        String change = s.serviceChange("Elective hub, St James's", "RECONFIGURATION", "RR8");
        String financeA = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer",
                LocalDate.of(2018, 4, 1), null, false);
        String financeR = s.accountable("THEME", "FINANCE", "RESPONSIBLE", "RR8", "Director of Finance",
                LocalDate.of(2018, 4, 1), null, false);
        String riskA = s.accountable("THEME", "RISK", "ACCOUNTABLE", "E08000035", "Director of Public Health",
                LocalDate.of(2019, 1, 1), null, false);
        String riskC = s.accountable("THEME", "RISK", "CONSULTED", "Y05986", "Clinical Director",
                LocalDate.of(2019, 6, 1), null, false);
        String hub = s.accountable("SERVICE_CHANGE", change, "ACCOUNTABLE", "RR8", "Medical Director",
                LocalDate.of(2019, 4, 1), null, false);
        String engagement = s.accountable("THEME", "ENGAGEMENT", "INFORMED", "E08000035",
                "Head of Communications, Leeds City Council", LocalDate.of(2021, 1, 1), null, false);
        s.post("/api/accountabilities/" + hub + "/transfer",
                "{\"odsCode\":\"15F\",\"post\":\"Director of Commissioning\",\"personName\":\"Siobhan O'Neill\","
                        + "\"on\":\"2020-01-01\"}");
        s.read("/api/partnerships/" + s.pid + "/accountabilities");
        Instant beforeRelinquishment = Instant.now();
        s.post("/api/accountabilities/" + riskA + "/relinquishment",
                "{\"on\":\"2020-03-31\",\"reason\":\"Post deleted in the council's restructure\"}");
        return new Leeds(s, "/api/partnerships/" + s.pid + "/accountabilities", hub, engagement, financeA, financeR,
                riskA, riskC, beforeRelinquishment);
    }

    @Test
    void pagesOfTwoVisitEveryAccountabilityOnceInAStableOrderAsTheSingleRecordShowsIt() {
        Leeds l = leeds("acc-pages");
        List<JsonNode> items = l.s().api().pages(l.path() + "?on=2020-06-01&limit=2");
        assertThat(items).extracting(i -> i.get("id").asText()).as("subject (type, ref), role, effectiveFrom, id")
                .containsExactlyElementsOf(l.all());
        for (JsonNode item : items) {
            ObjectNode single = (ObjectNode) l.s().read("/api/accountabilities/" + item.get("id").asText()
                    + "?on=2020-06-01");
            assertThat(single.remove("history")).as("the single record has its history").isNotEmpty();
            assertThat(item).as("the single record's shape, without its history").isEqualTo(single);
        }
        JsonNode hub = items.get(0);
        assertThat(hub.get("odsCode").asText()).as("transferred on 2020-01-01").isEqualTo("15F");
        assertThat(hub.get("personName").asText()).isEqualTo("Siobhan O'Neill");
        assertThat(hub.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(items.get(4).get("status").asText()).as("relinquished, still listed").isEqualTo("RELINQUISHED");
        assertThat(items.get(1).get("status").asText()).as("effective from 2021").isEqualTo("PENDING");

        // The Link carries the filters; a page of everything has none.
        Api.Answer first = l.s().api().get(l.path() + "?role=ACCOUNTABLE&theme=RISK&limit=1");
        assertThat(first.header("Link")).isNull();
        Api.Answer accountable = l.s().api().get(l.path() + "?role=ACCOUNTABLE&limit=1");
        assertThat(accountable.header("Link")).contains("role=ACCOUNTABLE").contains("limit=1").contains("after=");
        assertThat(l.s().api().pages(l.path() + "?role=ACCOUNTABLE&limit=1")).extracting(i -> i.get("id").asText())
                .containsExactly(l.hub(), l.financeA(), l.riskA());
        assertThat(l.s().api().get(l.path()).header("Link")).as("everything fits in 500").isNull();
    }

    @Test
    void filtersByThemeSubjectTypeRoleAndTheHolderOnTheDay() {
        Leeds l = leeds("acc-filters");
        Api api = l.s().api();
        assertThat(ids(api, l.path() + "?theme=RISK")).containsExactly(l.riskA(), l.riskC());
        assertThat(ids(api, l.path() + "?theme=FINANCE")).as("the service change's themes count")
                .containsExactly(l.hub(), l.financeA(), l.financeR());
        assertThat(ids(api, l.path() + "?subjectType=SERVICE_CHANGE")).containsExactly(l.hub());
        assertThat(ids(api, l.path() + "?subjectType=THEME&role=ACCOUNTABLE"))
                .containsExactly(l.financeA(), l.riskA());
        assertThat(ids(api, l.path() + "?role=CONSULTED")).containsExactly(l.riskC());
        assertThat(ids(api, l.path() + "?subjectType=DECISION")).isEmpty();
        // The holder that day: the hub passed from the trust to the CCG on 2020-01-01.
        assertThat(ids(api, l.path() + "?odsCode=RR8&on=2019-12-31")).containsExactly(l.hub(), l.financeR());
        assertThat(ids(api, l.path() + "?odsCode=RR8&on=2020-01-01")).containsExactly(l.financeR());
        assertThat(ids(api, l.path() + "?odsCode=15F&on=2019-12-31")).containsExactly(l.financeA());
        assertThat(ids(api, l.path() + "?odsCode=15F&on=2020-01-01")).containsExactly(l.hub(), l.financeA());
        assertThat(ids(api, l.path() + "?odsCode=E08000035&on=2020-06-01"))
                .as("relinquished by the council: still its own").containsExactly(l.engagement(), l.riskA());
        assertThat(ids(api, l.path() + "?odsCode=RX8")).isEmpty();
    }

    @Test
    void eachIsAsItStoodOnTheDayAndAsRecordedAtTheInstant() {
        Leeds l = leeds("acc-days");
        Api api = l.s().api();
        JsonNode beforeEffective = item(api, l.path() + "?theme=RISK&role=ACCOUNTABLE&on=2018-12-31");
        assertThat(beforeEffective.get("status").asText()).as("before its effectiveFrom").isEqualTo("PENDING");
        assertThat(beforeEffective.get("odsCode").asText()).isEqualTo("E08000035");
        assertThat(item(api, l.path() + "?theme=RISK&role=ACCOUNTABLE&on=2020-03-30").get("status").asText())
                .isEqualTo("ACTIVE");
        JsonNode relinquished = item(api, l.path() + "?theme=RISK&role=ACCOUNTABLE&on=2020-03-31");
        assertThat(relinquished.get("status").asText()).as("from its relinquishment").isEqualTo("RELINQUISHED");
        assertThat(relinquished.get("relinquishedOn").asText()).isEqualTo("2020-03-31");
        JsonNode hubBefore = item(api, l.path() + "?subjectType=SERVICE_CHANGE&on=2019-12-31");
        assertThat(hubBefore.get("odsCode").asText()).isEqualTo("RR8");
        assertThat(hubBefore.get("post").asText()).isEqualTo("Medical Director");

        // As the record stood before the relinquishment was recorded.
        JsonNode asRecorded = item(api, l.path() + "?theme=RISK&role=ACCOUNTABLE&on=2020-06-01&asOf="
                + l.beforeRelinquishment());
        assertThat(asRecorded.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(asRecorded.get("relinquishedOn").isNull()).isTrue();
        assertThat(ids(api, l.path() + "?limit=2&asOf=" + l.beforeRelinquishment())).hasSize(2);
        assertThat(api.pages(l.path() + "?limit=2&asOf=" + l.beforeRelinquishment()))
                .extracting(i -> i.get("id").asText()).containsExactlyElementsOf(l.all());
    }

    /**
     * On a day before its acceptance, an assignment shows no acceptance on the map, as in the list (the outside
     * tester's F6: the map said {@code accepted:false} with the later {@code acceptedOn}).
     */
    @Test
    void theMapOnADayBeforeTheAcceptanceShowsNoneAsTheListDoes() {
        Scenario s = new Scenario(new Api(port), "acc-accepted")
                .member("01X", "NHS St Helens CCG", "CCG", "2016-06-01");
        String risk = s.accountable("THEME", "RISK", "ACCOUNTABLE", "01X", "Chief Officer", LocalDate.of(2017, 4, 1),
                null, false);
        s.post("/api/accountabilities/" + risk + "/acceptance", "{\"on\":\"2020-06-01\"}");
        String map = "/api/partnerships/" + s.pid + "/accountability-map?subjectType=THEME&theme=RISK&on=";
        String list = "/api/partnerships/" + s.pid + "/accountabilities?on=";

        JsonNode before = s.read(map + "2019-06-01").get("subjects").get(0).get("accountable").get(0);
        assertThat(before.get("accepted").asBoolean()).isFalse();
        assertThat(before.get("acceptedOn").isNull()).as("not accepted yet: " + before).isTrue();
        assertThat(s.read(list + "2019-06-01").get(0).get("acceptedOn").isNull()).isTrue();

        JsonNode after = s.read(map + "2020-06-01").get("subjects").get(0).get("accountable").get(0);
        assertThat(after.get("accepted").asBoolean()).isTrue();
        assertThat(after.get("acceptedOn").asText()).isEqualTo("2020-06-01");
        assertThat(s.read(list + "2020-06-01").get(0).get("acceptedOn").asText()).isEqualTo("2020-06-01");
    }

    @Test
    void refusesWhatTheOtherPartnershipListsRefuse() {
        Leeds l = leeds("acc-refusals");
        Api api = l.s().api();
        Api.Answer unknown = api.get("/api/partnerships/nowhere-at-all/accountabilities");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.json().get("detail").asText()).isEqualTo("No partnership with id 'nowhere-at-all'");
        assertThat(api.get(l.path() + "?asOf=2015-01-01T00:00:00Z").status()).as("not yet registered then")
                .isEqualTo(404);
        // after: not a cursor; one of another list (one value); ours with an effectiveFrom that is no date.
        for (String bad : new String[]{"limit=0", "limit=1001", "limit=many", "after=xyz", "after=YzEfYQ",
                "after=YzEfVEhFTUUfRklOQU5DRR9BQ0NPVU5UQUJMRR8xc3QgQXByaWwfeA",
                "role=OWNER", "subjectType=FORUM", "theme=MONEY", "odsCode=rr8", "odsCode=RR8;1", "on=yesterday",
                "asOf=last-week"}) {
            Api.Answer answer = api.get(l.path() + "?" + bad);
            assertThat(answer.status()).as(bad + " " + answer.body()).isEqualTo(400);
            assertThat(answer.isProblem()).as(bad).isTrue();
        }
        Api.Answer otherOffice = api.as(TestUsers.OFFICE_KENT).get(l.path());
        assertThat(otherOffice.status()).as(otherOffice.body()).isEqualTo(403);
        assertThat(otherOffice.isProblem()).isTrue();
        assertThat(api.as(TestUsers.AUDITOR).get(l.path()).status()).isEqualTo(200);
        assertThat(api.as(TestUsers.READER).get(l.path()).status()).isEqualTo(200);
        assertThat(api.anonymous().get(l.path()).status()).isEqualTo(401);
    }

    private static JsonNode item(Api api, String path) {
        JsonNode list = Scenario.readOk(api, path);
        assertThat(list).as(path).hasSize(1);
        return list.get(0);
    }

    private static List<String> ids(Api api, String path) {
        List<String> ids = new ArrayList<>();
        Scenario.readOk(api, path).forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
