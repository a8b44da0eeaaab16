package uk.nhs.stpgov.deploy.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.MutableClock;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestClockConfiguration;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.stpgov.deploy.support.Scenario.hasGap;

/**
 * Each kind of gap of DESIGN §1: created through commands and seen, then removed and seen gone. Every read waits for
 * the commands before it (see {@link Api}), so an absent gap is really absent, not just not projected yet.
 */
@IntegrationTest
@Import(TestClockConfiguration.class)
class GapsIntegrationTest {
    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    Scenario s;

    @BeforeEach
    void leeds() {
        s = new Scenario(new Api(port), "gaps").leedsMembers();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aThemeInAForumsRemitWithNobodyAccountable() {
        s.forum("Leeds Committee of the West Yorkshire ICB", "JOINT_COMMITTEE", "[\"RR8\",\"15F\"]", "[\"FINANCE\"]");
        gap("NO_ACCOUNTABLE", "FINANCE");
        noGap("NO_ACCOUNTABLE", "VISION"); // not in any forum's remit

        s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer", clock.today(), null, false);
        noGap("NO_ACCOUNTABLE", "FINANCE");
    }

    @Test
    void anOpenServiceChangeAndAnApprovedDecisionNeedSomeoneAccountable() {
        String change = s.serviceChange("Stroke services: hyper-acute unit at LGI", "RECONFIGURATION", "RR8");
        String decision = s.decision("Approve the stroke business case", "FINANCE", null, "[\"RR8\",\"15F\"]",
                clock.today(), null);
        gap("NO_ACCOUNTABLE", change);
        gap("NO_ACCOUNTABLE", decision);

        s.accountable("SERVICE_CHANGE", change, "ACCOUNTABLE", "RR8", "Medical Director", clock.today(), null, false);
        s.post("/api/service-changes/" + change + "/stage", "{\"stage\":\"WITHDRAWN\",\"note\":\"paused\"}");
        s.accountable("DECISION", decision, "ACCOUNTABLE", "15F", "Chief Officer", clock.today(), null, false);
        noGap("NO_ACCOUNTABLE", change);
        noGap("NO_ACCOUNTABLE", decision);
    }

    @Test
    void twoAccountableHoldersAreJoint() {
        String first = s.accountable("THEME", "RISK", "ACCOUNTABLE", "RR8", "Director of Nursing", clock.today(),
                null, false);
        s.accountable("THEME", "RISK", "ACCOUNTABLE", "E08000035", "Director of Public Health", clock.today(), null,
                true);
        assertThat(gap("JOINT_ACCOUNTABLE", "RISK").toString())
                .contains("RR8 Director of Nursing").contains("E08000035 Director of Public Health");

        s.post("/api/accountabilities/" + first + "/relinquishment", "{\"on\":\"" + clock.today() + "\",\"reason\":\"r\"}");
        noGap("JOINT_ACCOUNTABLE", "RISK");
    }

    @Test
    void anAssignmentNotAcceptedAfterFourteenDays() {
        String id = s.accountable("THEME", "ENGAGEMENT", "RESPONSIBLE", "E08000035", "Head of Engagement",
                clock.today(), null, false);
        assertThat(s.read("/api/accountabilities/" + id).get("status").asText()).isEqualTo("ACTIVE");
        noGap("NOT_ACCEPTED", "ENGAGEMENT");

        clock.advance(Duration.ofDays(14));
        gap("NOT_ACCEPTED", "ENGAGEMENT");

        s.post("/api/accountabilities/" + id + "/acceptance", "{\"on\":\"" + clock.today() + "\"}");
        noGap("NOT_ACCEPTED", "ENGAGEMENT");
    }

    @Test
    void aHolderWhoseOrganisationLeft() {
        String id = s.accountable("THEME", "CONFLICTS", "ACCOUNTABLE", "15F", "Board Secretary", clock.today(),
                null, false);
        s.post("/api/partnerships/" + s.pid + "/members/15F/withdrawal",
                "{\"on\":\"" + clock.today() + "\",\"reason\":\"CCGs abolished; functions to the ICB\"}");
        noGap("HOLDER_WITHDRAWN", "CONFLICTS"); // its last day as a member
        clock.advance(Duration.ofDays(1));
        gap("HOLDER_WITHDRAWN", "CONFLICTS");

        s.post("/api/accountabilities/" + id + "/transfer",
                "{\"odsCode\":\"RR8\",\"post\":\"Company Secretary\",\"on\":\"" + clock.today() + "\"}");
        noGap("HOLDER_WITHDRAWN", "CONFLICTS");
    }

    @Test
    void aReviewDatePassed() {
        String id = s.accountable("THEME", "ASSURANCE", "ACCOUNTABLE", "RR8", "Director of Quality", clock.today(),
                clock.today().plusDays(10), false);
        assertThat(s.read("/api/accountabilities/" + id).get("status").asText()).isEqualTo("ACTIVE");
        noGap("REVIEW_OVERDUE", "ASSURANCE");

        clock.advance(Duration.ofDays(11));
        gap("REVIEW_OVERDUE", "ASSURANCE");

        s.post("/api/accountabilities/" + id + "/relinquishment", "{\"on\":\"" + clock.today() + "\",\"reason\":\"reviewed and reassigned\"}");
        noGap("REVIEW_OVERDUE", "ASSURANCE");
    }

    @Test
    void aDecisionWithoutAStatutoryDecider() {
        String decision = s.decision("Primary care estates plan", "FINANCE", null, "[\"Y05986\"]",
                LocalDate.of(2018, 5, 1), null);
        assertThat(gap("NO_STATUTORY_DECIDER", decision).toString()).contains("Y05986");

        s.post("/api/decisions/" + decision + "/rescission", "{\"reason\":\"Taken to the CCG board instead\",\"on\":\"2018-06-01\"}");
        noGap("NO_STATUTORY_DECIDER", decision);
    }

    @Test
    void aBodyBoundByDelegationNeedsNotRatify() {
        String forum = s.forum("Committees in Common", "COMMITTEES_IN_COMMON", "[\"RR8\",\"15F\"]",
                "[\"DECISIONS\",\"FINANCE\"]");
        String decision = s.decision("Shared financial recovery plan", "FINANCE", forum, "[\"RR8\",\"15F\"]",
                clock.today(), null);
        noGap("NO_STATUTORY_DECIDER", decision);

        clock.advance(Duration.ofDays(30));
        assertThat(gap("RATIFICATION_PENDING", decision).toString()).contains("[RR8, 15F]");

        // 15F had delegated FINANCE to the forum on decidedOn: only RR8 must still ratify.
        s.delegate(forum, "15F", "[\"FINANCE\"]", "2019-01-01");
        assertThat(gap("RATIFICATION_PENDING", decision).toString()).contains("Not ratified by [RR8]");
        s.post("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"" + clock.today() + "\"}");
        noGap("RATIFICATION_PENDING", decision);
    }

    @Test
    void aDecisionNotRatifiedWithinThirtyDays() {
        String decision = s.decision("Winter plan", "RISK", null, "[\"RR8\",\"E08000035\"]", clock.today(), null);
        noGap("RATIFICATION_PENDING", decision);

        clock.advance(Duration.ofDays(30));
        assertThat(gap("RATIFICATION_PENDING", decision).toString()).contains("RR8");

        s.post("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"" + clock.today() + "\"}");
        s.post("/api/decisions/" + decision + "/ratifications", "{\"odsCode\":\"E08000035\",\"ratifiedOn\":\"" + clock.today() + "\"}");
        noGap("RATIFICATION_PENDING", decision);
    }

    @Test
    void anOpenServiceChangeWhoseLeadLeft() {
        String change = s.serviceChange("Community mental health redesign", "COMMUNITY_REDESIGN", "15F");
        s.post("/api/partnerships/" + s.pid + "/members/15F/withdrawal",
                "{\"on\":\"" + clock.today() + "\",\"reason\":\"merged into the ICB\"}");
        noGap("NO_LEAD", change); // its last day as a member
        clock.advance(Duration.ofDays(1));
        gap("NO_LEAD", change);

        s.post("/api/service-changes/" + change + "/stage", "{\"stage\":\"WITHDRAWN\",\"note\":\"to be re-proposed by the ICB\"}");
        noGap("NO_LEAD", change);
    }

    @Test
    void gapsAcrossPartnershipsFilterByKind() {
        s.decision("Estates", "FINANCE", null, "[]", LocalDate.of(2018, 5, 1), null);
        var all = s.read("/api/gaps?kind=NO_STATUTORY_DECIDER");
        assertThat(all.findValuesAsText("partnershipId")).contains(s.pid);
        all.forEach(gap -> assertThat(gap.get("kind").asText()).isEqualTo("NO_STATUTORY_DECIDER"));
        assertThat(all.get(0).get("subject").has("title")).isTrue();
        assertThat(all.get(0).has("since")).isTrue();
    }

    @Test
    void aSucceededHolderIsNoGapItsSuccessorHoldsIt() {
        String id = s.accountable("THEME", "CONFLICTS", "ACCOUNTABLE", "15F", "Board Secretary", clock.today(),
                null, false);
        s.post("/api/partnerships/" + s.pid + "/members/15F/succession", """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB",
                 "on":"%s","reason":"Health and Care Act 2022"}""".formatted(clock.today()));
        noGap("HOLDER_WITHDRAWN", "CONFLICTS");
        JsonNode held = s.read("/api/accountabilities/" + id);
        assertThat(held.get("odsCode").asText()).isEqualTo("QWO");
        assertThat(held.get("succeededFrom").asText()).isEqualTo("15F");

        // Against a withdrawal without successor, the same holding is a gap.
        String other = s.accountable("THEME", "RISK", "ACCOUNTABLE", "E08000035", "Director of Resources",
                clock.today(), null, false);
        s.post("/api/partnerships/" + s.pid + "/members/E08000035/withdrawal",
                "{\"on\":\"" + clock.today() + "\",\"reason\":\"Left the board\"}");
        clock.advance(Duration.ofDays(1)); // from the day after its last day as a member
        gap("HOLDER_WITHDRAWN", "RISK");
        assertThat(s.read("/api/accountabilities/" + other).has("succeededFrom")).isTrue();
        assertThat(s.read("/api/accountabilities/" + other).get("succeededFrom").isNull()).isTrue();
    }

    @Test
    void aReviewClearsAnOverdueReview() {
        String id = s.accountable("THEME", "VISION", "ACCOUNTABLE", "RR8", "Chief Executive", clock.today(),
                clock.today().plusDays(10), false);
        clock.advance(Duration.ofDays(11));
        gap("REVIEW_OVERDUE", "VISION");
        clock.advance(Duration.ofDays(9)); // reviewed late

        s.post("/api/accountabilities/" + id + "/review", """
                {"on":"%s","nextReviewBy":"%s","note":"Reviewed at the board"}"""
                .formatted(clock.today(), clock.today().plusDays(365)));
        noGap("REVIEW_OVERDUE", "VISION");
        JsonNode reviewed = s.read("/api/accountabilities/" + id);
        assertThat(reviewed.get("reviewBy").asText()).isEqualTo(clock.today().plusDays(365).toString());
        assertThat(reviewed.get("reviewedOn").asText()).isEqualTo(clock.today().toString());

        // From the review's own day: the day before, the review was overdue, and had not happened yet.
        String dayBefore = clock.today().minusDays(1).toString();
        assertThat(since(s.read("/api/partnerships/" + s.pid + "/gaps?kind=REVIEW_OVERDUE&on=" + dayBefore), "VISION"))
                .isEqualTo(clock.today().minusDays(9).toString());
        JsonNode before = s.read("/api/accountabilities/" + id + "?on=" + dayBefore);
        assertThat(before.get("reviewBy").asText()).isEqualTo(clock.today().minusDays(10).toString());
        assertThat(before.get("reviewedOn").isNull()).isTrue();
    }

    @Test
    void aDeclinedRatificationIsAGapUntilTheDecisionIsRescinded() {
        String decision = s.decision("Acute services review", "RISK", null, "[\"RR8\",\"E08000035\"]",
                clock.today(), null);
        s.post("/api/decisions/" + decision + "/ratifications",
                "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"" + clock.today() + "\"}");
        noGap("RATIFICATION_DECLINED", decision);
        s.post("/api/decisions/" + decision + "/ratifications", """
                {"odsCode":"E08000035","ratifiedOn":"%s","declined":true,"reason":"Cabinet would not agree"}"""
                .formatted(clock.today()));
        assertThat(gap("RATIFICATION_DECLINED", decision).toString()).contains("Leeds City Council");
        clock.advance(Duration.ofDays(31));
        noGap("RATIFICATION_PENDING", decision);

        s.post("/api/decisions/" + decision + "/rescission", "{\"reason\":\"Withdrawn\",\"on\":\"" + clock.today() + "\"}");
        noGap("RATIFICATION_DECLINED", decision);
    }

    @Test
    void anApprovedDecisionOnAChangeWithAnAssuranceTestNotMet() {
        String change = s.serviceChange("Stroke unit closure", "CLOSURE", "RR8");
        s.post("/api/service-changes/" + change + "/assurance-tests", """
                {"test":"BED_CLOSURE","result":"NOT_MET","evidence":"No alternative capacity","assessedOn":"%s",
                 "assessor":"NHS England regional team"}""".formatted(clock.today()));
        String decision = api().id("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Close the stroke unit","theme":"FINANCE","serviceChangeId":"%s","decidingOdsCodes":["RR8"],
                 "outcome":"APPROVED","rationale":"r","decidedOn":"%s"}""".formatted(change, clock.today()));
        assertThat(gap("ASSURANCE_NOT_MET", decision).toString()).contains("BED_CLOSURE");
        JsonNode tests = s.read("/api/service-changes/" + change).get("assuranceTests");
        assertThat(tests.get(0).get("assessor").asText()).isEqualTo("NHS England regional team");
        assertThat(tests.get(0).get("assessedOn").asText()).isEqualTo(clock.today().toString());

        s.post("/api/service-changes/" + change + "/assurance-tests", """
                {"test":"BED_CLOSURE","result":"MET","evidence":"Capacity agreed with the neighbouring trust",
                 "assessedOn":"%s","assessor":"NHS England regional team"}""".formatted(clock.today()));
        noGap("ASSURANCE_NOT_MET", decision);
    }

    /**
     * Approved in 2019 while its clinical evidence was NOT_MET, assessed MET months later: on a day between, the gap
     * shows (it was judged on the latest result, so it never did).
     */
    @Test
    void anAssuranceTestIsJudgedByItsResultOnTheDayAskedAbout() {
        String change = api().id("/api/partnerships/" + s.pid + "/service-changes", """
                {"title":"Leeds hyper-acute stroke unit at St James's","kind":"RECONFIGURATION","themes":["ENGAGEMENT"],
                 "leadOdsCode":"RR8","description":"d","proposedOn":"2018-10-01"}""");
        s.post("/api/service-changes/" + change + "/assurance-tests", """
                {"test":"CLINICAL_EVIDENCE","result":"NOT_MET","evidence":"Senate review pending","assessedOn":"2019-01-20",
                 "assessor":"Yorkshire and the Humber Clinical Senate"}""");
        String decision = api().id("/api/partnerships/" + s.pid + "/decisions", """
                {"title":"Approve the stroke reconfiguration","theme":"FINANCE","serviceChangeId":"%s",
                 "decidingOdsCodes":["RR8"],"outcome":"APPROVED","rationale":"r","decidedOn":"2019-02-01"}"""
                .formatted(change));
        s.post("/api/service-changes/" + change + "/assurance-tests", """
                {"test":"CLINICAL_EVIDENCE","result":"MET","evidence":"Senate supported the model","assessedOn":"2019-06-01",
                 "assessor":"Yorkshire and the Humber Clinical Senate"}""");
        String gaps = "/api/partnerships/" + s.pid + "/gaps?kind=ASSURANCE_NOT_MET";
        assertThat(hasGap(s.read(gaps + "&on=2019-01-31"), "ASSURANCE_NOT_MET", decision)).as("not taken yet")
                .isFalse();
        JsonNode between = s.read(gaps + "&on=2019-03-01");
        assertThat(hasGap(between, "ASSURANCE_NOT_MET", decision)).isTrue();
        assertThat(since(between, decision)).isEqualTo("2019-02-01");
        assertThat(hasGap(s.read(gaps + "&on=2019-06-01"), "ASSURANCE_NOT_MET", decision)).isFalse();
        noGap("ASSURANCE_NOT_MET", decision);

        // A back-loaded earlier assessment does not overturn the later one: not in the gaps, not in the change's view.
        s.post("/api/service-changes/" + change + "/assurance-tests", """
                {"test":"CLINICAL_EVIDENCE","result":"NOT_MET","evidence":"First draft of the senate review",
                 "assessedOn":"2018-12-01","assessor":"Yorkshire and the Humber Clinical Senate"}""");
        noGap("ASSURANCE_NOT_MET", decision);
        JsonNode tests = s.read("/api/service-changes/" + change).get("assuranceTests");
        assertThat(tests.get(0).get("result").asText()).isEqualTo("MET");
        assertThat(tests.get(0).get("assessedOn").asText()).isEqualTo("2019-06-01");
    }

    @Test
    void anAccountableThatIsOnlyANonStatutoryBody() {
        String id = s.accountable("THEME", "LEADERSHIP", "ACCOUNTABLE", "Y05986", "Chair", clock.today(), null,
                false);
        gap("NON_STATUTORY_ACCOUNTABLE", "LEADERSHIP");
        s.post("/api/accountabilities/" + id + "/transfer",
                "{\"odsCode\":\"RR8\",\"post\":\"Chief Executive\",\"on\":\"" + clock.today() + "\"}");
        noGap("NON_STATUTORY_ACCOUNTABLE", "LEADERSHIP");
    }

    /**
     * The outside tester's reproduction: NON_STATUTORY_ACCOUNTABLE showed since the assignment's effectiveFrom, not
     * since the day nobody statutory was left ACCOUNTABLE (a transfer from St Helen's Council to a voluntary body; a
     * voluntary body's spell, the CCG's, then the voluntary body's again). The gaps and the map say the same.
     */
    /**
     * Two CCGs jointly ACCOUNTABLE merge into one: it holds both parts, one body accountable, not a joint gap naming
     * it twice (outside tester).
     */
    @Test
    void jointHoldersThatMergedIntoOneBodyAreNoLongerJoint() {
        s.member("00L", "NHS Northumberland CCG", "CCG", "2016-06-01")
                .member("00P", "NHS Sunderland CCG", "CCG", "2016-06-01");
        s.accountable("THEME", "CONFLICTS", "ACCOUNTABLE", "00L", "Accountable Officer", LocalDate.of(2017, 4, 1),
                null, false);
        s.accountable("THEME", "CONFLICTS", "ACCOUNTABLE", "00P", "Accountable Officer", LocalDate.of(2017, 4, 1),
                null, true);
        for (String ccg : java.util.List.of("00L", "00P")) {
            s.post("/api/partnerships/" + s.pid + "/members/" + ccg + "/succession", """
                    {"successorOdsCode":"99C","successorName":"NHS North of Tyne CCG","sector":"CCG",
                     "on":"2020-04-01","reason":"CCG merger"}""");
        }
        String gaps = "/api/partnerships/" + s.pid + "/gaps?kind=JOINT_ACCOUNTABLE&on=";
        assertThat(since(s.read(gaps + "2019-06-01"), "CONFLICTS")).isEqualTo("2017-04-01");
        assertThat(since(s.read(gaps + "2020-06-01"), "CONFLICTS")).as("one body holds both parts").isNull();
    }

    @Test
    void nonStatutoryAccountableShowsSinceTheDayNobodyStatutoryWasLeft() {
        s.member("01X", "NHS St Helens CCG", "CCG", "2016-06-01")
                .member("E08000013", "St Helen's Council", "LOCAL_AUTHORITY", "2016-06-01")
                .member("VS002", "Halton and St Helens Voluntary and Community Action, Ltd", "VOLUNTARY_SECTOR",
                        "2016-06-01");
        String engagement = s.accountable("THEME", "ENGAGEMENT", "ACCOUNTABLE", "E08000013",
                "Director of Public Health", LocalDate.of(2017, 4, 1), null, false);
        s.post("/api/accountabilities/" + engagement + "/acceptance", "{\"on\":\"2017-04-02\"}");
        s.post("/api/accountabilities/" + engagement + "/transfer",
                "{\"odsCode\":\"VS002\",\"post\":\"Chief Officer\",\"on\":\"2020-01-01\"}");
        String conflicts = s.accountable("THEME", "CONFLICTS", "ACCOUNTABLE", "VS002", "Chair",
                LocalDate.of(2017, 4, 1), null, false);
        s.post("/api/accountabilities/" + conflicts + "/transfer",
                "{\"odsCode\":\"01X\",\"post\":\"Governance lead\",\"on\":\"2019-01-01\"}");
        s.post("/api/accountabilities/" + conflicts + "/transfer",
                "{\"odsCode\":\"VS002\",\"post\":\"Chair\",\"on\":\"2021-01-01\"}");

        String gaps = "/api/partnerships/" + s.pid + "/gaps?kind=NON_STATUTORY_ACCOUNTABLE&on=";
        JsonNode in2018 = s.read(gaps + "2018-06-01");
        assertThat(since(in2018, "ENGAGEMENT")).isNull();
        assertThat(since(in2018, "CONFLICTS")).isEqualTo("2017-04-01");
        assertThat(since(s.read(gaps + "2019-12-31"), "ENGAGEMENT")).isNull();
        JsonNode in2020 = s.read(gaps + "2020-01-01");
        assertThat(since(in2020, "ENGAGEMENT")).as("from the transfer").isEqualTo("2020-01-01");
        assertThat(since(in2020, "CONFLICTS")).as("the CCG held it").isNull();
        JsonNode in2021 = s.read(gaps + "2021-06-01");
        assertThat(since(in2021, "ENGAGEMENT")).isEqualTo("2020-01-01");
        assertThat(since(in2021, "CONFLICTS")).as("the current spell's first day").isEqualTo("2021-01-01");

        JsonNode map = s.read("/api/partnerships/" + s.pid + "/accountability-map?subjectType=THEME"
                + "&gapKind=NON_STATUTORY_ACCOUNTABLE&on=2021-06-01");
        java.util.Map<String, String> mapSince = new java.util.TreeMap<>();
        map.get("subjects").forEach(subject -> subject.get("gaps").forEach(gap -> {
            if (gap.get("kind").asText().equals("NON_STATUTORY_ACCOUNTABLE")) {
                mapSince.put(subject.get("subject").get("ref").asText(), gap.get("since").asText());
            }
        }));
        assertThat(mapSince).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                "CONFLICTS", "2021-01-01", "ENGAGEMENT", "2020-01-01")));
    }

    /**
     * NO_ACCOUNTABLE on a day before an assignment that later changed hands took effect: since the theme needed one,
     * not since the assignment's relinquishment years later (which had not happened yet).
     */
    @Test
    void noAccountableBeforeAHandedOnAssignmentTookEffectShowsSinceTheThemeNeededOne() {
        s.api().id("/api/partnerships/" + s.pid + "/forums", """
                {"name":"Leeds Health and Care Partnership Board","kind":"PARTNERSHIP_BOARD","memberOdsCodes":["RR8","15F"],
                 "themes":["FINANCE"],"establishedOn":"2016-05-05"}""");
        String finance = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "RR8", "Director of Finance",
                LocalDate.of(2017, 4, 1), null, false);
        s.post("/api/accountabilities/" + finance + "/transfer",
                "{\"odsCode\":\"15F\",\"post\":\"Chief Finance Officer\",\"on\":\"2018-01-01\"}");
        s.post("/api/accountabilities/" + finance + "/relinquishment",
                "{\"on\":\"2019-01-01\",\"reason\":\"The CCG's finance team merged into the ICB's\"}");

        String gaps = "/api/partnerships/" + s.pid + "/gaps?kind=NO_ACCOUNTABLE&on=";
        assertThat(since(s.read(gaps + "2016-12-01"), "FINANCE")).isEqualTo("2016-05-05");
        assertThat(since(s.read(gaps + "2018-06-01"), "FINANCE")).isNull();
        assertThat(since(s.read(gaps + "2019-06-01"), "FINANCE")).isEqualTo("2019-01-01");
    }

    @Test
    void anInformedRoleNeedsNoAcceptance() {
        s.accountable("THEME", "ENGAGEMENT", "INFORMED", "RR8", "Head of Communications", clock.today(), null, false);
        clock.advance(Duration.ofDays(15));
        noGap("NOT_ACCEPTED", "ENGAGEMENT");
    }

    private Api api() {
        return s.api();
    }

    /** Reads the gaps once (after every command so far) and insists on this one; returns them all. */
    private JsonNode gap(String kind, String ref) {
        JsonNode gaps = s.gaps();
        assertThat(hasGap(gaps, kind, ref)).as("a %s gap for %s in %s", kind, ref, gaps).isTrue();
        return gaps;
    }

    private void noGap(String kind, String ref) {
        JsonNode gaps = s.gaps();
        assertThat(hasGap(gaps, kind, ref)).as("no %s gap for %s in %s", kind, ref, gaps).isFalse();
    }

    /**
     * A forum is known by its id within its partnership, and a programme office may give two partnerships' forums the
     * same id (one import template for both). A delegation in one of them refreshes that partnership's decisions in
     * the forum, not the other's: once, the map of one partnership showed the other's decision, with the other's
     * ratifications (found by a test that loaded one log into two partnerships).
     */
    @Test
    void aForumIdAnotherPartnershipAlsoUsesKeepsEachMapToItsOwnDecisions() {
        Scenario other = new Scenario(s.api(), "gaps-other").leedsMembers();
        String forumId = java.util.UUID.randomUUID().toString();
        for (Scenario p : java.util.List.of(s, other)) {
            p.post("/api/partnerships/" + p.pid + "/forums", """
                    {"id":"%s","name":"Leeds Committees in Common","kind":"COMMITTEES_IN_COMMON",
                     "memberOdsCodes":["RR8","15F"],"themes":["FINANCE"]}""".formatted(forumId));
        }
        String ours = s.decision("Shared financial recovery plan", "FINANCE", forumId, "[\"RR8\",\"15F\"]",
                LocalDate.of(2019, 6, 1), null);
        String theirs = other.decision("Capital bid for the elective hub", "FINANCE", forumId,
                "[\"RR8\",\"15F\"]", LocalDate.of(2019, 6, 1), null);
        other.read("/api/decisions/" + theirs);
        s.delegate(forumId, "15F", "[\"FINANCE\"]", "2019-01-01");
        other.delegate(forumId, "RR8", "[\"FINANCE\"]", "2019-01-01");

        for (Scenario p : java.util.List.of(s, other)) {
            JsonNode map = p.read("/api/partnerships/" + p.pid + "/accountability-map?limit=1000&subjectType=DECISION");
            java.util.List<String> decisions = new java.util.ArrayList<>();
            map.get("subjects").forEach(subject -> decisions.add(subject.get("subject").get("ref").asText()));
            assertThat(decisions).as("decisions on the map of " + p.pid).containsExactly(p == s ? ours : theirs);
            assertThat(map.get("summary").get("subjects").asInt()).as("the ten themes and one decision")
                    .isEqualTo(11);
        }
        assertThat(hasGap(s.gaps(), "NO_ACCOUNTABLE", theirs)).isFalse();
        assertThat(hasGap(other.gaps(), "NO_ACCOUNTABLE", ours)).isFalse();
        assertThat(hasGap(other.gaps(), "NO_ACCOUNTABLE", theirs)).isTrue();
    }

    /**
     * A back-loaded log is judged by its business days: a theme needs an ACCOUNTABLE from the day a forum took it into
     * its remit until the day the forum's terms left it out, an open service change from the day it was proposed; an
     * assignment handed on by successions is judged on each day's holder, so only today's holder is NOT_ACCEPTED
     * today (found by exploring a BSW story: the theme's gap began on the day it was recorded, and the CCG merged in
     * 2020 and its successor ICB each still showed as NOT_ACCEPTED in 2026).
     */
    @Test
    void aBackLoadedLogIsJudgedByItsBusinessDays() {
        String forum = s.api().id("/api/partnerships/" + s.pid + "/forums", """
                {"name":"Leeds Health and Care Partnership Board","kind":"PARTNERSHIP_BOARD","memberOdsCodes":["RR8","15F"],
                 "themes":["FINANCE","RISK"],"establishedOn":"2016-05-05"}""");
        s.post("/api/partnerships/" + s.pid + "/forums/" + forum + "/terms",
                "{\"memberOdsCodes\":[\"RR8\",\"15F\"],\"themes\":[\"RISK\"],\"on\":\"2019-04-01\"}");
        String change = s.api().id("/api/partnerships/" + s.pid + "/service-changes", """
                {"title":"Leeds stroke services: hyper-acute unit at St James's","kind":"RECONFIGURATION",
                 "themes":["ENGAGEMENT"],"leadOdsCode":"RR8","description":"d","proposedOn":"2018-02-01"}""");
        String finance = s.accountable("THEME", "RISK", "ACCOUNTABLE", "15F", "Chief Finance Officer",
                LocalDate.of(2017, 4, 1), null, false);
        s.post("/api/partnerships/" + s.pid + "/members/15F/succession", """
                {"successorOdsCode":"03C","successorName":"NHS Leeds West CCG","sector":"CCG","on":"2020-04-01",
                 "reason":"Merger"}""");
        s.post("/api/partnerships/" + s.pid + "/members/03C/succession", """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB","on":"2022-07-01",
                 "reason":"Health and Care Act 2022"}""");

        JsonNode in2016 = s.read("/api/partnerships/" + s.pid + "/gaps?kind=NO_ACCOUNTABLE&on=2016-06-01");
        assertThat(since(in2016, "FINANCE")).isEqualTo("2016-05-05");
        assertThat(since(in2016, "RISK")).isEqualTo("2016-05-05");
        assertThat(since(in2016, change)).as("not proposed yet").isNull();
        JsonNode in2018 = s.read("/api/partnerships/" + s.pid + "/gaps?kind=NO_ACCOUNTABLE&on=2018-06-01");
        assertThat(since(in2018, "FINANCE")).isEqualTo("2016-05-05");
        assertThat(since(in2018, "RISK")).as("held by the CCG from 2017").isNull();
        assertThat(since(in2018, change)).isEqualTo("2018-02-01");
        assertThat(s.read("/api/service-changes/" + change).get("proposedOn").asText()).as("its business day")
                .isEqualTo("2018-02-01");
        JsonNode in2020 = s.read("/api/partnerships/" + s.pid + "/gaps?kind=NO_ACCOUNTABLE&on=2020-01-01");
        assertThat(since(in2020, "FINANCE")).as("out of the board's remit from 2019-04-01").isNull();

        JsonNode unaccepted = s.read("/api/partnerships/" + s.pid + "/gaps?kind=NOT_ACCEPTED");
        assertThat(unaccepted).hasSize(1);
        assertThat(unaccepted.get(0).get("detail").asText()).contains("QWO");
        assertThat(unaccepted.get(0).get("since").asText()).isEqualTo("2022-07-15");
        JsonNode unaccepted2021 = s.read("/api/partnerships/" + s.pid + "/gaps?kind=NOT_ACCEPTED&on=2021-01-01");
        assertThat(unaccepted2021).hasSize(1);
        assertThat(unaccepted2021.get(0).get("detail").asText()).contains("03C");
        assertThat(s.read("/api/partnerships/" + s.pid + "/accountability-map?gapKind=NOT_ACCEPTED").get("summary")
                .get("gaps").get("NOT_ACCEPTED").asInt()).isEqualTo(1);
        assertThat(s.read("/api/accountabilities/" + finance).get("odsCode").asText()).isEqualTo("QWO");
    }

    /**
     * The map on a past day lists the subjects that existed that day: a decision taken later or a service change
     * proposed later is not on it, nor counted in its summary; a decision rescinded since is on it with the gaps it
     * showed then (it used to leave the map for good: the ratification a CCG owed in 2019 showed on no day).
     */
    @Test
    void aMapOnAPastDayListsTheSubjectsThatExistedThatDay() {
        String change = s.api().id("/api/partnerships/" + s.pid + "/service-changes", """
                {"title":"Leeds stroke services: hyper-acute unit at St James's","kind":"RECONFIGURATION",
                 "themes":["ENGAGEMENT"],"leadOdsCode":"RR8","description":"d","proposedOn":"2018-02-01"}""");
        String rescinded = s.decision("Close the minor injuries unit at Wharfedale", "FINANCE", null,
                "[\"RR8\",\"15F\"]", LocalDate.of(2019, 3, 1), null);
        s.post("/api/decisions/" + rescinded + "/ratifications", "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"2019-03-05\"}");
        s.post("/api/decisions/" + rescinded + "/rescission",
                "{\"reason\":\"Judicial review of the consultation\",\"on\":\"2019-06-01\"}");
        String later = s.decision("Leeds elective hub business case", "FINANCE", null, "[\"RR8\",\"15F\"]",
                LocalDate.of(2021, 5, 1), null);
        String map = "/api/partnerships/" + s.pid + "/accountability-map?limit=1000";

        JsonNode in2017 = s.read(map + "&on=2017-06-01");
        assertThat(refs(in2017)).doesNotContain(change, rescinded, later).hasSize(10);
        assertThat(in2017.get("summary").get("subjects").asInt()).isEqualTo(10);

        JsonNode in2019 = s.read(map + "&on=2019-05-01");
        assertThat(refs(in2019)).contains(change, rescinded).doesNotContain(later).hasSize(12);
        assertThat(in2019.get("summary").get("subjects").asInt()).isEqualTo(12);
        JsonNode pending = s.read("/api/partnerships/" + s.pid + "/gaps?kind=RATIFICATION_PENDING&on=2019-05-01");
        assertThat(since(pending, rescinded)).as("the CCG had not ratified by then").isEqualTo("2019-03-31");
        assertThat(s.read(map + "&on=2019-05-01&gapKind=RATIFICATION_PENDING").get("summary").get("gaps")
                .get("RATIFICATION_PENDING").asInt()).isEqualTo(1);

        JsonNode today = s.read(map);
        assertThat(refs(today)).contains(change, later).doesNotContain(rescinded).hasSize(12);
        assertThat(today.get("summary").get("subjects").asInt()).isEqualTo(12);
        assertThat(since(s.gaps(), rescinded)).as("rescinded on 2019-06-01").isNull();
        JsonNode asOfToday = s.read(map + "&on=2019-05-01&asOf=" + today.get("asOf").asText());
        assertThat(refs(asOfToday)).isEqualTo(refs(in2019));
    }

    private static java.util.List<String> refs(JsonNode map) {
        java.util.List<String> refs = new java.util.ArrayList<>();
        map.get("subjects").forEach(subject -> refs.add(subject.get("subject").get("ref").asText()));
        return refs;
    }

    /** The day since which the gaps show for the subject, or null when they show none for it. */
    private static String since(JsonNode gaps, String ref) {
        for (JsonNode gap : gaps) {
            if (gap.get("subject").get("ref").asText().equals(ref)) {
                return gap.get("since").asText();
            }
        }
        return null;
    }
}
