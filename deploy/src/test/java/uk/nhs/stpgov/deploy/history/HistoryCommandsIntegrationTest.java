package uk.nhs.stpgov.deploy.history;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Issue 11's command endpoints through HTTP: what each writes to the store, and bad input for every new field
 * (400, 404 or 409 problem+json, and nothing written).
 */
@IntegrationTest
class HistoryCommandsIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    Api api;
    EventStore store;
    String pid;
    String p;
    String forum;

    @BeforeEach
    void northCumbriaIn2016() {
        api = new Api(port);
        store = new EventStore(dataSource);
        pid = "history-" + UUID.randomUUID().toString().substring(0, 8);
        p = "/api/partnerships/" + pid;
        api.ok("/api/partnerships", """
                {"id":"%s","name":"West, North and East Cumbria STP","region":"North East and Cumbria"}""".formatted(pid));
        member("RNL", "North Cumbria University Hospitals NHS Trust", "NHS_TRUST");
        member("RNN", "Cumbria Partnership NHS Foundation Trust", "FOUNDATION_TRUST");
        member("01H", "NHS North Cumbria CCG", "CCG");
        member("HWC01", "Healthwatch Cumbria", "HEALTHWATCH");
        forum = api.id(p + "/forums", """
                {"name":"North Cumbria Joint Committee","kind":"JOINT_COMMITTEE","memberOdsCodes":["RNL","RNN","01H"],
                 "themes":["FINANCE","DECISIONS"],"establishedOn":"2016-05-05"}""");
    }

    private void member(String ods, String name, String sector) {
        api.ok(p + "/members", """
                {"odsCode":"%s","name":"%s","sector":"%s","joinedOn":"2016-03-01"}""".formatted(ods, name, sector));
    }

    private List<String> types(String aggregate) {
        return store.typesOf(aggregate);
    }

    @Test
    void aSuccessionRecordsTheSuccessorAndPassesSeatsDelegationsAccountabilitiesAndRatifications() {
        String delegation = api.id(p + "/forums/" + forum + "/delegations", """
                {"fromOdsCode":"01H","themes":["FINANCE"],"effectiveFrom":"2017-04-01"}""");
        String decision = api.id(p + "/decisions", """
                {"title":"Control total 2017/18","theme":"FINANCE","decidingOdsCodes":["RNN","01H"],"outcome":"APPROVED",
                 "decidedOn":"2017-03-30","reference":"JC/2017/007",
                 "positions":[{"odsCode":"RNN","position":"SUPPORTS"},{"odsCode":"HWC01","position":"ABSENT"}]}""");
        String responsible = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"ENGAGEMENT"},"role":"RESPONSIBLE","odsCode":"01H",
                 "post":"Director of Communications","effectiveFrom":"2016-05-01"}""");

        Api.Answer succeeded = api.post(p + "/members/01H/succession", """
                {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        assertThat(succeeded.status()).as(succeeded.body()).isEqualTo(200);
        assertThat(succeeded.json().get("id").asText()).isEqualTo("QHM");

        JsonNode event = store.of(pid).stream().filter(e -> e.type().equals("MemberSucceeded")).findFirst()
                .orElseThrow().payload();
        assertThat(event.get("statutory").asBoolean()).as("ICBs are statutory by default").isTrue();
        assertThat(event.get("successorWasMember").asBoolean()).isFalse();
        assertThat(types(pid)).endsWith("MemberSucceeded", "ForumTermsChanged", "DelegationRevoked",
                "AuthorityDelegated");
        assertThat(store.of(pid).get(store.of(pid).size() - 1).payload().get("previousDelegationId").asText())
                .isEqualTo(delegation);
        assertThat(types(responsible)).containsExactly("AccountabilityAssigned", "AccountabilityTransferred");
        assertThat(store.of(responsible).get(1).payload().get("succeededFrom").asText()).isEqualTo("01H");
        assertThat(types(decision)).containsExactly("DecisionRecorded", "DecisionRatifierSucceeded");
        JsonNode recorded = store.of(decision).get(0).payload();
        assertThat(recorded.get("reference").asText()).isEqualTo("JC/2017/007");
        assertThat(recorded.get("positions").get(1).get("position").asText()).isEqualTo("ABSENT");

        // The predecessor is a member on the day, not after; the successor from that day.
        assertThat(api.post(p + "/decisions", """
                {"title":"t","theme":"FINANCE","decidingOdsCodes":["01H"],"outcome":"NOTED","decidedOn":"2022-07-02"}""")
                .status()).isEqualTo(409);
        assertThat(api.post(p + "/decisions", """
                {"title":"t","theme":"FINANCE","decidingOdsCodes":["QHM","01H"],"outcome":"NOTED","decidedOn":"2022-07-01"}""")
                .status()).isEqualTo(201);
    }

    /**
     * A body that absorbs another keeps its name and sector on every day (outside tester: the name typed on the
     * second half of a merger, a typo, renamed the trust back to 2016, on the member, the matrix and every decision).
     */
    @Test
    void aBodyThatAbsorbsAnotherKeepsItsName() {
        api.ok(p + "/members/RNL/succession", """
                {"successorOdsCode":"RNN","successorName":"Cumbria Partnership NHS FT (typo)","sector":"VOLUNTARY_SECTOR",
                 "on":"2019-10-01","reason":"Merger"}""");

        for (String day : java.util.List.of("2018-01-01", "2020-01-01")) {
            JsonNode rnn = null;
            for (JsonNode member : api.get(p + "?on=" + day).json().get("members")) {
                if (member.get("odsCode").asText().equals("RNN")) {
                    rnn = member;
                }
            }
            assertThat(rnn).as("RNN on " + day).isNotNull();
            assertThat(rnn.get("name").asText()).as(day).isEqualTo("Cumbria Partnership NHS Foundation Trust");
            assertThat(rnn.get("sector").asText()).as(day).isEqualTo("FOUNDATION_TRUST");
        }
    }

    /**
     * A merger back-loaded after the merged body's own succession (found by exploring West Yorkshire's history: the
     * Bradford City CCG's merger into 36J and 36J's succession by the ICB were recorded, then the Bradford Districts
     * CCG's merger into 36J on the same day was refused, "36J was a member until 2022-07-01 and cannot join again").
     * The merged body sat on the day, so it absorbs the other; what passes to it passes on down the chain.
     */
    @Test
    void aMergerBackLoadedAfterTheMergedBodysSuccessionPassesDownTheChain() {
        member("01K", "NHS Morecambe Bay CCG", "CCG");
        String accountable = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"01K",
                 "post":"Chief Finance Officer","effectiveFrom":"2018-04-01"}""");
        String decision = api.id(p + "/decisions", """
                {"title":"Bay hospitals capital plan","theme":"FINANCE","decidingOdsCodes":["RNN","01K"],
                 "outcome":"APPROVED","decidedOn":"2019-09-01"}""");
        api.ok(p + "/members/01H/succession", """
                {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");

        Api.Answer merged = api.post(p + "/members/01K/succession", """
                {"successorOdsCode":"01H","successorName":"NHS North Cumbria CCG","sector":"CCG","on":"2020-04-01",
                 "reason":"CCG merger"}""");

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(store.of(accountable).stream().map(e -> e.payload().get("odsCode")).filter(java.util.Objects::nonNull)
                .map(JsonNode::asText).toList()).as("01K, then 01H from the merger, then the ICB")
                .containsExactly("01K", "01H", "QHM");
        assertThat(store.of(decision).stream().filter(e -> e.type().equals("DecisionRatifierSucceeded"))
                .map(e -> e.payload().get("odsCode").asText()).toList()).containsExactly("01H", "QHM");
        JsonNode finance = api.get(p + "/accountability-map?theme=FINANCE&subjectType=THEME").json()
                .get("subjects").get(0);
        assertThat(finance.get("accountable").get(0).get("odsCode").asText()).isEqualTo("QHM");
        for (String[] day : new String[][]{{"2019-01-01", "[RNL, RNN, 01H]"}, {"2021-01-01", "[RNL, RNN, 01H]"},
                {"2023-01-01", "[RNL, RNN, QHM]"}}) {
            JsonNode committee = api.get(p + "?on=" + day[0]).json().get("forums").get(0);
            java.util.List<String> seats = new java.util.ArrayList<>();
            committee.get("memberOdsCodes").forEach(m -> seats.add(m.asText()));
            assertThat(seats).as("the joint committee on " + day[0]).hasToString(day[1]);
        }
        // Handed on by an ordinary transfer, it is inherited from nobody (it kept naming the predecessor).
        api.ok("/api/accountabilities/" + accountable + "/transfer",
                "{\"odsCode\":\"RNN\",\"post\":\"Director of Finance\",\"on\":\"2023-04-01\"}");
        assertThat(api.get("/api/accountabilities/" + accountable).json().get("succeededFrom").isNull()).isTrue();
        assertThat(api.get("/api/accountabilities/" + accountable + "?on=2023-01-01").json().get("succeededFrom")
                .asText()).isEqualTo("01H");
        // 01H owed it from the merger until the ICB took its place, and answers for that time.
        assertThat(api.post("/api/decisions/" + decision + "/ratifications",
                "{\"odsCode\":\"01H\",\"ratifiedOn\":\"2021-01-15\"}").status()).isEqualTo(200);
    }

    /**
     * A late acceptance loaded after a chain of successions carries down the chain, as it does when the log is loaded
     * in date order (found by exploring: the merged CCG and the ICB each showed NOT_ACCEPTED; one step worked).
     */
    @Test
    void aLateAcceptanceBackLoadedAfterTwoSuccessionsCarriesDownTheChain() {
        member("02W", "NHS Bradford City CCG", "CCG");
        api.ok(p + "/members/02W/succession", """
                {"successorOdsCode":"36J","successorName":"NHS Bradford District and Craven CCG","sector":"CCG",
                 "on":"2020-04-01","reason":"CCG merger"}""");
        api.ok(p + "/members/36J/succession", """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        String finance = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"RISK"},"role":"ACCOUNTABLE","odsCode":"02W",
                 "post":"Chief Finance Officer","effectiveFrom":"2017-04-01"}""");
        api.ok("/api/accountabilities/" + finance + "/acceptance", "{\"on\":\"2017-04-03\"}");

        for (String[] day : new String[][]{{"2018-01-01", "02W"}, {"2021-01-01", "36J"}, {"2023-01-01", "QWO"}}) {
            JsonNode held = api.get("/api/accountabilities/" + finance + "?on=" + day[0]).json();
            assertThat(held.get("odsCode").asText()).as(day[0]).isEqualTo(day[1]);
            assertThat(held.get("acceptedOn").asText()).as(day[0]).isEqualTo("2017-04-03");
            assertThat(api.get(p + "/gaps?kind=NOT_ACCEPTED&on=" + day[0]).json()).as(day[0]).isEmpty();
            JsonNode risk = api.get(p + "/accountability-map?theme=RISK&subjectType=THEME&on=" + day[0]).json()
                    .get("subjects").get(0).get("accountable").get(0);
            assertThat(risk.get("odsCode").asText()).as(day[0]).isEqualTo(day[1]);
            assertThat(risk.get("accepted").asBoolean()).as(day[0]).isTrue();
        }
    }

    /**
     * An acceptance dated before the office begins (signed ahead of the start, as the command side allows) counts from
     * the first day of the office, down a chain of successions loaded before it, as it does with none: found by an
     * outside tester, the CCG, the merged CCG and the ICB showed NOT_ACCEPTED on every day while a second acceptance
     * was refused as "already accepted".
     */
    @Test
    void anAcceptanceDatedBeforeTheOfficeBeginsCountsFromItsFirstDayAfterAChainOfSuccessions() {
        member("02E", "NHS South Cheshire CCG", "CCG");
        String finance = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"02E",
                 "post":"Chief Finance Officer","effectiveFrom":"2019-04-01"}""");
        api.ok(p + "/members/02E/succession", """
                {"successorOdsCode":"27D","successorName":"NHS Cheshire CCG","sector":"CCG",
                 "on":"2020-04-01","reason":"Merger"}""");
        api.ok(p + "/members/27D/succession", """
                {"successorOdsCode":"QYG","successorName":"NHS Cheshire and Merseyside ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        api.ok("/api/accountabilities/" + finance + "/acceptance", "{\"on\":\"2019-03-01\"}");
        assertThat(api.post("/api/accountabilities/" + finance + "/acceptance", "{\"on\":\"2019-05-01\"}").status())
                .isEqualTo(409);

        for (String[] day : new String[][]{{"2019-06-01", "02E"}, {"2021-01-01", "27D"}, {"2023-01-01", "QYG"}}) {
            JsonNode held = api.get("/api/accountabilities/" + finance + "?on=" + day[0]).json();
            assertThat(held.get("odsCode").asText()).as(day[0]).isEqualTo(day[1]);
            assertThat(held.get("accepted").asBoolean()).as(day[0]).isTrue();
            assertThat(held.get("acceptedOn").asText()).as(day[0]).isEqualTo("2019-03-01");
            assertThat(api.get(p + "/gaps?kind=NOT_ACCEPTED&on=" + day[0]).json()).as(day[0]).isEmpty();
            JsonNode holder = api.get(p + "/accountability-map?theme=FINANCE&subjectType=THEME&on=" + day[0]).json()
                    .get("subjects").get(0).get("accountable").get(0);
            assertThat(holder.get("odsCode").asText()).as(day[0]).isEqualTo(day[1]);
            assertThat(holder.get("accepted").asBoolean()).as(day[0]).isTrue();
        }
    }

    /**
     * The same early acceptance back-loaded after an ordinary transfer is the first holder's: its period counts as
     * accepted, and the new holder still has to accept afresh.
     */
    @Test
    void anAcceptanceDatedBeforeTheOfficeBeginsBackLoadedAfterATransferIsTheFirstHolders() {
        String finance = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"01H",
                 "post":"Chief Finance Officer","effectiveFrom":"2019-04-01"}""");
        api.ok("/api/accountabilities/" + finance + "/transfer", """
                {"odsCode":"RNL","post":"Director of Finance","on":"2020-04-01"}""");
        api.ok("/api/accountabilities/" + finance + "/acceptance", "{\"on\":\"2019-03-01\"}");

        JsonNode first = api.get("/api/accountabilities/" + finance + "?on=2019-06-01").json();
        assertThat(first.get("odsCode").asText()).isEqualTo("01H");
        assertThat(first.get("accepted").asBoolean()).isTrue();
        assertThat(api.get(p + "/gaps?kind=NOT_ACCEPTED&on=2019-06-01").json()).isEmpty();
        JsonNode second = api.get("/api/accountabilities/" + finance + "?on=2020-06-01").json();
        assertThat(second.get("odsCode").asText()).isEqualTo("RNL");
        assertThat(second.get("accepted").asBoolean()).isFalse();
        assertThat(api.get(p + "/gaps?kind=NOT_ACCEPTED&on=2020-06-01").json()).hasSize(1);
    }

    /**
     * A CCG decides on its last day (its delegation passed to the ICB that day, so it owed a ratification, which passed
     * to the ICB) with the ICB, bound by that delegation: the ICB owes the CCG's part though not its own, and may answer
     * it (found by an outside tester: the map asked the ICB to ratify, the ICB's ratification was refused as "bound by
     * its delegation", and the gap stayed for ever).
     */
    @Test
    void aSuccessorBoundByDelegationStillAnswersTheRatificationItInherited() {
        member("12F", "NHS Wirral CCG", "CCG");
        String committee = api.id(p + "/forums", """
                {"name":"Joint Committee of C&M CCGs","kind":"JOINT_COMMITTEE","memberOdsCodes":["12F","01H"],
                 "themes":["FINANCE"],"establishedOn":"2018-04-01"}""");
        api.ok(p + "/forums/" + committee + "/delegations", """
                {"fromOdsCode":"12F","themes":["FINANCE"],"effectiveFrom":"2018-04-01"}""");
        api.ok(p + "/members/12F/succession", """
                {"successorOdsCode":"QYG","successorName":"NHS Cheshire and Merseyside ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        String decision = api.id(p + "/decisions", """
                {"title":"Last joint committee with the ICB","theme":"FINANCE","forumId":"%s",
                 "decidingOdsCodes":["12F","QYG"],"outcome":"APPROVED","decidedOn":"2022-07-01"}""".formatted(committee));
        assertThat(api.get(p + "/gaps?kind=RATIFICATION_PENDING&on=2022-08-15").json().findValuesAsText("detail"))
                .containsExactly("Not ratified by [QYG (successor of 12F)] 30 days after the decision of 2022-07-01");

        api.ok("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"QYG\",\"ratifiedOn\":\"2022-07-10\"}");
        assertThat(api.get(p + "/gaps?kind=RATIFICATION_PENDING&on=2022-08-15").json()).isEmpty();
        List<String> bindings = new java.util.ArrayList<>();
        for (JsonNode b : api.get("/api/decisions/" + decision).json().get("bindings")) {
            bindings.add(b.get("odsCode").asText() + " " + b.get("basis").asText() + " "
                    + b.path("succeededFrom").asText("-"));
        }
        assertThat(bindings).containsExactlyInAnyOrder("QYG RATIFICATION 12F", "QYG DELEGATION -");
        assertThat(api.post("/api/decisions/" + decision + "/ratifications",
                "{\"odsCode\":\"QYG\",\"ratifiedOn\":\"2022-07-11\"}").status()).isEqualTo(409);
    }

    /**
     * A remit change back-loaded after a succession wrote the forum's terms (found by exploring: once the ICB's
     * succession had passed the CCG's seat, no terms dated before it could be loaded, "has terms from 2022-07-01").
     */
    @Test
    void termsBackLoadedBeforeASuccessionKeepTheirRemitAfterIt() {
        api.ok(p + "/members/01H/succession", """
                {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        Api.Answer terms = api.post(p + "/forums/" + forum + "/terms", """
                {"memberOdsCodes":["RNL","RNN","01H"],"themes":["FINANCE","DECISIONS","RISK"],"on":"2019-04-01"}""");
        assertThat(terms.status()).as(terms.body()).isEqualTo(200);
        for (String[] day : new String[][]{{"2019-06-01", "[RNL, RNN, 01H]"}, {"2023-01-01", "[RNL, RNN, QHM]"}}) {
            JsonNode committee = api.get(p + "?on=" + day[0]).json().get("forums").get(0);
            assertThat(committee.get("memberOdsCodes").toString().replace("\"", "").replace(",", ", "))
                    .as(day[0]).isEqualTo(day[1]);
            assertThat(committee.get("themes").toString()).as(day[0]).contains("RISK");
        }
    }

    /** A revocation back-loaded before the succession that passed the delegation on (found by exploring: refused). */
    @Test
    void aRevocationBackLoadedBeforeASuccessionMeansThePassedDelegationNeverBound() {
        String delegation = api.id(p + "/forums/" + forum + "/delegations", """
                {"fromOdsCode":"01H","themes":["FINANCE"],"effectiveFrom":"2017-04-01"}""");
        api.ok(p + "/members/01H/succession", """
                {"successorOdsCode":"QHM","successorName":"NHS North East and North Cumbria ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        Api.Answer revoked = api.post(p + "/forums/" + forum + "/delegations/" + delegation + "/revocation",
                "{\"on\":\"2020-01-01\",\"reason\":\"Joint committee's delegations withdrawn\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        String decision = api.id(p + "/decisions", """
                {"title":"Capital plan 2023/24","theme":"FINANCE","forumId":"%s","decidingOdsCodes":["QHM"],
                 "outcome":"APPROVED","decidedOn":"2023-01-10"}""".formatted(forum));
        JsonNode bindings = api.get("/api/decisions/" + decision).json().get("bindings");
        assertThat(bindings.findValuesAsText("basis")).as(bindings.toString()).containsExactly("PENDING");
        JsonNode delegated = api.get("/api/decisions/" + api.id(p + "/decisions", """
                {"title":"Capital plan 2019/20","theme":"FINANCE","forumId":"%s","decidingOdsCodes":["01H"],
                 "outcome":"APPROVED","decidedOn":"2019-03-10"}""".formatted(forum))).json().get("bindings");
        assertThat(delegated.findValuesAsText("basis")).as("before the revocation").containsExactly("DELEGATION");
    }

    @Test
    void statusMovesForwardWithARename() {
        Api.Answer ics = api.post(p + "/status", """
                {"status":"ICS","name":"North Cumbria Health and Care System","on":"2020-04-01"}""");
        assertThat(ics.status()).as(ics.body()).isEqualTo(200);
        JsonNode changed = store.of(pid).get(store.of(pid).size() - 1).payload();
        assertThat(changed.get("from").asText()).isEqualTo("STP");
        assertThat(changed.get("status").asText()).isEqualTo("ICS");
        assertThat(changed.get("name").asText()).isEqualTo("North Cumbria Health and Care System");
    }

    @Test
    void forumTermsChangeAndDelegationsFollowTheTerms() {
        assertThat(api.post(p + "/forums/" + forum + "/terms", """
                {"memberOdsCodes":["RNL","RNN","01H"],"themes":["FINANCE","DECISIONS","RISK"],"on":"2018-01-01"}""")
                .status()).isEqualTo(200);
        assertThat(types(pid)).endsWith("ForumTermsChanged");
        assertThat(api.post(p + "/forums/" + forum + "/delegations", """
                {"fromOdsCode":"RNL","themes":["RISK"],"effectiveFrom":"2018-01-01"}""").status()).isEqualTo(201);
        String delegation = api.id(p + "/forums/" + forum + "/delegations", """
                {"fromOdsCode":"RNN","themes":["FINANCE"],"effectiveFrom":"2017-01-01","effectiveTo":"2019-03-31"}""");
        assertThat(api.post(p + "/forums/" + forum + "/delegations/" + delegation + "/revocation",
                "{\"on\":\"2018-06-30\",\"reason\":\"Board review\"}").status()).isEqualTo(200);
        assertThat(store.of(pid).get(store.of(pid).size() - 1).payload().get("on").asText()).isEqualTo("2018-06-30");
    }

    @Test
    void aDecisionIsDeclinedWithAReason() {
        String decision = api.id(p + "/decisions", """
                {"title":"Risk share","theme":"FINANCE","decidingOdsCodes":["RNN","01H"],"outcome":"APPROVED",
                 "decidedOn":"2018-05-24"}""");
        Api.Answer declined = api.post("/api/decisions/" + decision + "/ratifications", """
                {"odsCode":"01H","ratifiedOn":"2018-06-07","declined":true,"reason":"Governing body would not accept the risk"}""");
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(types(decision)).containsExactly("DecisionRecorded", "DecisionRatificationDeclined");
        assertThat(store.of(decision).get(1).payload().get("reason").asText())
                .isEqualTo("Governing body would not accept the risk");
    }

    @Test
    void anAccountabilityIsReviewedAndAPlannedSuccessorFollowsADatedRelinquishment() {
        String current = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"RNL",
                 "post":"Director of Finance","effectiveFrom":"2017-04-01","reviewBy":"2018-03-31"}""");
        assertThat(api.post("/api/accountabilities/" + current + "/review", """
                {"on":"2018-03-20","nextReviewBy":"2019-03-31","note":"Reviewed with the 2018/19 plan"}""").status())
                .isEqualTo(200);
        assertThat(api.post("/api/accountabilities/" + current + "/relinquishment",
                "{\"on\":\"2019-10-01\",\"reason\":\"Trusts merge\"}").status()).isEqualTo(200);
        Api.Answer early = api.post(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"RNN",
                 "post":"Director of Finance","effectiveFrom":"2019-09-30"}""");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asText()).contains("RNL (Director of Finance");
        assertThat(api.post(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"FINANCE"},"role":"ACCOUNTABLE","odsCode":"RNN",
                 "post":"Director of Finance","effectiveFrom":"2019-10-01"}""").status()).isEqualTo(201);
        assertThat(types(current)).containsExactly("AccountabilityAssigned", "AccountabilityReviewed",
                "AccountabilityRelinquished");
    }

    @Test
    void aNonSubstantialChangeSkipsConsultationAndADecidedOneGoesBackWithANote() {
        String quick = api.id(p + "/service-changes", """
                {"title":"Community nursing hubs","kind":"COMMUNITY_REDESIGN","themes":["ENGAGEMENT"],
                 "leadOdsCode":"RNN","description":"d","proposedOn":"2018-01-10"}""");
        assertThat(store.of(quick).get(0).payload().get("substantial").asBoolean()).isFalse();
        api.ok("/api/service-changes/" + quick + "/stage", "{\"stage\":\"ENGAGEMENT\"}");
        assertThat(api.post("/api/service-changes/" + quick + "/stage", "{\"stage\":\"DECIDED\"}").status())
                .isEqualTo(200);
        assertThat(api.post("/api/service-changes/" + quick + "/stage", "{\"stage\":\"CONSULTATION\"}").status())
                .as("back to consultation needs a note").isEqualTo(409);
        assertThat(api.post("/api/service-changes/" + quick + "/stage",
                "{\"stage\":\"CONSULTATION\",\"note\":\"Referred by the council's scrutiny committee\"}").status())
                .isEqualTo(200);

        String maternity = api.id(p + "/service-changes", """
                {"title":"Maternity","kind":"RECONFIGURATION","themes":["ENGAGEMENT"],"leadOdsCode":"RNL",
                 "proposedOn":"2016-09-19"}""");
        assertThat(store.of(maternity).get(0).payload().get("substantial").asBoolean()).isTrue();
        Api.Answer assured = api.post("/api/service-changes/" + maternity + "/assurance-tests", """
                {"test":"PUBLIC_ENGAGEMENT","result":"MET","evidence":"14-week consultation","assessedOn":"2016-12-07",
                 "assessor":"NHS England (North) assurance panel"}""");
        assertThat(assured.status()).isEqualTo(200);
        JsonNode test = store.of(maternity).get(1).payload();
        assertThat(test.get("assessedOn").asText()).isEqualTo("2016-12-07");
        assertThat(test.get("assessor").asText()).isEqualTo("NHS England (North) assurance panel");
        api.ok("/api/service-changes/" + maternity + "/stage", "{\"stage\":\"ENGAGEMENT\"}");
        assertThat(api.post("/api/service-changes/" + maternity + "/stage", "{\"stage\":\"DECIDED\"}").status())
                .as("substantial: no skipping consultation").isEqualTo(409);
    }

    @Test
    void confidenceKeepsTheQuestionTheOrganisationAndTheDate() {
        Api.Answer answer = api.post(p + "/confidence", """
                {"question":"How confident are you that the system will deliver its plan?","respondentOdsCode":"01H",
                 "respondentRole":"Chief Finance Officer","level":"LOW","reason":"No agreed risk share","on":"2018-06-01"}""");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode recorded = store.of(pid + ":assessments").get(0).payload();
        assertThat(recorded.get("question").asText()).startsWith("How confident");
        assertThat(recorded.get("respondentOdsCode").asText()).isEqualTo("01H");
        assertThat(recorded.get("recordedOn").asText()).isEqualTo("2018-06-01");
    }

    @Test
    void importTemplatesAreCsvWithAHeaderAndOneExample() {
        for (String kind : List.of("members", "forums", "decisions", "ratifications", "accountabilities")) {
            Api.Answer template = api.get("/api/imports/" + kind + "/template.csv");
            assertThat(template.status()).as(kind).isEqualTo(200);
            assertThat(template.contentType()).startsWith("text/csv");
            assertThat(template.body().strip().lines()).as(kind).hasSize(2);
        }
        assertThat(api.get("/api/imports/budgets/template.csv").status()).isEqualTo(404);
    }

    static Stream<Arguments> badRequests() {
        String succession = "{\"successorOdsCode\":\"QHM\",\"successorName\":\"ICB\",\"sector\":\"ICB\",\"on\":\"2022-07-01\",\"reason\":\"Act\"}";
        return Stream.of(
                arguments("succession without date", "/members/01H/succession", succession.replace(",\"on\":\"2022-07-01\"", ""), 400),
                arguments("succession with unknown sector", "/members/01H/succession", succession.replace("\"ICB\",\"on\"", "\"HOSPITAL\",\"on\""), 400),
                arguments("succession with bad successor code", "/members/01H/succession", succession.replace("QHM", "qhm"), 400),
                arguments("succession of a non-member", "/members/RX7/succession", succession, 404),
                arguments("succession by itself", "/members/01H/succession", succession.replace("QHM", "01H"), 409),
                arguments("succession before joining", "/members/01H/succession", succession.replace("2022-07-01", "2015-01-01"), 409),
                arguments("unknown status", "/status", "{\"status\":\"TRUST\",\"on\":\"2020-04-01\"}", 400),
                arguments("status without date", "/status", "{\"status\":\"ICS\"}", 400),
                arguments("status backwards", "/status", "{\"status\":\"STP\",\"on\":\"2020-04-01\"}", 409),
                arguments("statutory ICS too early", "/status", "{\"status\":\"STATUTORY_ICS\",\"on\":\"2022-06-30\"}", 409),
                arguments("terms of unknown forum", "/forums/6f1c2a70-0000-4000-8000-000000000000/terms", "{\"memberOdsCodes\":[\"RNN\"],\"themes\":[\"FINANCE\"],\"on\":\"2018-01-01\"}", 404),
                arguments("terms with non-member", "/forums/{f}/terms", "{\"memberOdsCodes\":[\"RNN\",\"QHM\"],\"themes\":[\"FINANCE\"],\"on\":\"2018-01-01\"}", 409),
                arguments("terms before the forum", "/forums/{f}/terms", "{\"memberOdsCodes\":[\"RNN\"],\"themes\":[\"FINANCE\"],\"on\":\"2016-01-01\"}", 409),
                arguments("terms without themes list", "/forums/{f}/terms", "{\"memberOdsCodes\":[\"RNN\"],\"on\":\"2018-01-01\"}", 400),
                arguments("delegation from a body not on the forum", "/forums/{f}/delegations", "{\"fromOdsCode\":\"HWC01\",\"themes\":[\"FINANCE\"],\"effectiveFrom\":\"2017-01-01\"}", 409),
                arguments("delegation outside the remit", "/forums/{f}/delegations", "{\"fromOdsCode\":\"RNN\",\"themes\":[\"RISK\"],\"effectiveFrom\":\"2017-01-01\"}", 409),
                arguments("delegation before the forum", "/forums/{f}/delegations", "{\"fromOdsCode\":\"RNN\",\"themes\":[\"FINANCE\"],\"effectiveFrom\":\"2016-05-04\"}", 409),
                arguments("decision with bad reference", "/decisions", "{\"title\":\"t\",\"theme\":\"FINANCE\",\"outcome\":\"NOTED\",\"decidedOn\":\"2017-01-01\",\"reference\":\"<script>\"}", 400),
                arguments("decision with unknown position", "/decisions", "{\"title\":\"t\",\"theme\":\"FINANCE\",\"outcome\":\"NOTED\",\"decidedOn\":\"2017-01-01\",\"positions\":[{\"odsCode\":\"RNN\",\"position\":\"FOR\"}]}", 400),
                arguments("decision with a body twice in positions", "/decisions", "{\"title\":\"t\",\"theme\":\"FINANCE\",\"outcome\":\"NOTED\",\"decidedOn\":\"2017-01-01\",\"positions\":[{\"odsCode\":\"RNN\",\"position\":\"SUPPORTS\"},{\"odsCode\":\"RNN\",\"position\":\"OPPOSES\"}]}", 400),
                arguments("decision with a non-member position", "/decisions", "{\"title\":\"t\",\"theme\":\"FINANCE\",\"outcome\":\"NOTED\",\"decidedOn\":\"2017-01-01\",\"positions\":[{\"odsCode\":\"QHM\",\"position\":\"ABSENT\"}]}", 409),
                arguments("decision dated ahead", "/decisions", "{\"title\":\"t\",\"theme\":\"FINANCE\",\"decidingOdsCodes\":[\"RNN\"],\"outcome\":\"NOTED\",\"decidedOn\":\"2099-01-01\"}", 409),
                arguments("decision before its body joined", "/decisions", "{\"title\":\"t\",\"theme\":\"FINANCE\",\"decidingOdsCodes\":[\"RNN\"],\"outcome\":\"NOTED\",\"decidedOn\":\"2016-02-29\"}", 409),
                arguments("service change with bad substantial", "/service-changes", "{\"title\":\"t\",\"kind\":\"EXPANSION\",\"substantial\":\"maybe\",\"themes\":[\"FINANCE\"],\"leadOdsCode\":\"RNN\"}", 400),
                arguments("service change led before joining", "/service-changes", "{\"title\":\"t\",\"kind\":\"EXPANSION\",\"themes\":[\"FINANCE\"],\"leadOdsCode\":\"RNN\",\"proposedOn\":\"2016-01-01\"}", 409),
                arguments("confidence without question", "/confidence", "{\"respondentOdsCode\":\"01H\",\"respondentRole\":\"CFO\",\"level\":\"LOW\",\"reason\":\"r\",\"on\":\"2018-01-01\"}", 400),
                arguments("confidence without date", "/confidence", "{\"question\":\"q\",\"respondentOdsCode\":\"01H\",\"respondentRole\":\"CFO\",\"level\":\"LOW\",\"reason\":\"r\"}", 400),
                arguments("confidence from a non-member", "/confidence", "{\"question\":\"q\",\"respondentOdsCode\":\"QHM\",\"respondentRole\":\"CFO\",\"level\":\"LOW\",\"reason\":\"r\",\"on\":\"2018-01-01\"}", 409),
                arguments("confidence dated ahead", "/confidence", "{\"question\":\"q\",\"respondentOdsCode\":\"01H\",\"respondentRole\":\"CFO\",\"level\":\"LOW\",\"reason\":\"r\",\"on\":\"2099-01-01\"}", 409),
                arguments("confidence with overlong question", "/confidence", "{\"question\":\"" + "q".repeat(4001) + "\",\"respondentOdsCode\":\"01H\",\"respondentRole\":\"CFO\",\"level\":\"LOW\",\"reason\":\"r\",\"on\":\"2018-01-01\"}", 400));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badRequests")
    void badInputIsAProblemAndWritesNothing(String why, String path, String body, int status) {
        long before = store.count();
        Api.Answer answer = api.post(p + path.replace("{f}", forum), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(store.count()).as("events written").isEqualTo(before);
    }

    @Test
    void badInputOnRecordsAddressedByTheirIdWritesNothing() {
        String decision = api.id(p + "/decisions", """
                {"title":"Risk share","theme":"FINANCE","decidingOdsCodes":["RNN"],"outcome":"APPROVED","decidedOn":"2018-05-24"}""");
        String accountability = api.id(p + "/accountabilities", """
                {"subject":{"type":"THEME","ref":"RISK"},"role":"RESPONSIBLE","odsCode":"RNN","post":"CEO","effectiveFrom":"2018-01-01"}""");
        String change = api.id(p + "/service-changes", """
                {"title":"Maternity","kind":"RECONFIGURATION","themes":["ENGAGEMENT"],"leadOdsCode":"RNL","proposedOn":"2016-09-19"}""");
        long before = store.count();
        List<Object[]> bad = List.of(
                new Object[]{"/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2018-06-01\",\"declined\":true}", 400},
                new Object[]{"/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2018-05-23\"}", 409},
                new Object[]{"/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2099-12-31\"}", 409},
                new Object[]{"/api/decisions/" + decision + "/rescission", "{\"reason\":\"r\",\"on\":\"2099-12-31\"}", 409},
                new Object[]{"/api/accountabilities/" + accountability + "/acceptance", "{\"on\":\"2099-12-31\"}", 409},
                new Object[]{"/api/service-changes/" + change + "/assurance-tests", "{\"test\":\"PATIENT_CHOICE\",\"result\":\"MET\",\"evidence\":\"Typo: meant 2019\",\"assessedOn\":\"2099-01-01\",\"assessor\":\"NHSE\"}", 409},
                new Object[]{"/api/decisions/6f1c2a70-0000-4000-8000-000000000000/ratifications", "{\"odsCode\":\"RNN\",\"ratifiedOn\":\"2018-06-01\"}", 404},
                new Object[]{"/api/accountabilities/" + accountability + "/review", "{\"on\":\"2018-06-01\"}", 400},
                new Object[]{"/api/accountabilities/" + accountability + "/review", "{\"on\":\"2018-06-01\",\"nextReviewBy\":\"2018-06-01\",\"note\":\"n\"}", 400},
                new Object[]{"/api/accountabilities/" + accountability + "/review", "{\"on\":\"2017-12-31\",\"note\":\"n\"}", 409},
                new Object[]{"/api/accountabilities/6f1c2a70-0000-4000-8000-000000000000/review", "{\"on\":\"2018-06-01\",\"note\":\"n\"}", 404},
                new Object[]{"/api/service-changes/" + change + "/assurance-tests", "{\"test\":\"PUBLIC_ENGAGEMENT\",\"result\":\"MET\",\"evidence\":\"e\",\"assessor\":\"NHSE\"}", 400},
                new Object[]{"/api/service-changes/" + change + "/assurance-tests", "{\"test\":\"PUBLIC_ENGAGEMENT\",\"result\":\"MET\",\"evidence\":\"e\",\"assessedOn\":\"2016-12-07\"}", 400},
                new Object[]{"/api/service-changes/" + change + "/assurance-tests", "{\"test\":\"PUBLIC_ENGAGEMENT\",\"result\":\"MET\",\"evidence\":\"e\",\"assessedOn\":\"2016-12-07\",\"assessor\":\"" + "a".repeat(201) + "\"}", 400});
        for (Object[] b : bad) {
            Api.Answer answer = api.post((String) b[0], (String) b[1]);
            assertThat(answer.status()).as(b[0] + " " + b[1] + ": " + answer.body()).isEqualTo((Integer) b[2]);
            assertThat(answer.isProblem()).isTrue();
        }
        assertThat(store.count()).isEqualTo(before);
    }
}
