package uk.nhs.stpgov.deploy.pages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.nhs.stpgov.deploy.support.Api;
import uk.nhs.stpgov.deploy.support.IntegrationTest;
import uk.nhs.stpgov.deploy.support.Scenario;
import uk.nhs.stpgov.deploy.support.TestUsers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages over HTTP, as a browser without JavaScript (or curl) uses them: a session from the sign-in form, CSRF
 * tokens from the pages, forms posted as {@code application/x-www-form-urlencoded}. Each test is a defect an outside
 * tester found on the pages (a CSV that answered 500, a member who left shown as current, an error beside the wrong
 * field, a name said twice...).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesHttpTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    Scenario s;
    /** A partnership where one trust absorbed a CCG that was a deciding body of a decision. */
    Scenario absorbed;
    String forum;
    String firstDecision;
    String secondDecision;
    String finance;
    String delegation;

    @BeforeAll
    void aPartnershipWithHistory() {
        s = new Scenario(new Api(port), "pages-http").leedsMembers()
                .member("X24", "NHS England", "NHS_ENGLAND", "2016-04-01");
        forum = s.forum("Leeds Health and Care Partnership Board", "PARTNERSHIP_BOARD",
                "[\"RR8\",\"15F\",\"E08000035\"]", "[\"FINANCE\",\"RISK\"]");
        delegation = s.delegate(forum, "15F", "[\"FINANCE\"]", "2018-01-01");
        finance = s.accountable("THEME", "FINANCE", "ACCOUNTABLE", "15F", "Chief Finance Officer",
                LocalDate.of(2019, 4, 1), null, false);
        s.post("/api/partnerships/" + s.pid + "/decisions", """
                {"reference":"JC/2018/014","title":"Adopt the system control total, 2018/19","theme":"RISK",
                 "decidingOdsCodes":["RR8","15F"],"outcome":"APPROVED","rationale":"Agreed.","decidedOn":"2018-05-24"}""");
        firstDecision = s.read("/api/partnerships/" + s.pid + "/decisions").get(0).get("id").asText();
        s.post("/api/decisions/" + firstDecision + "/ratifications",
                "{\"odsCode\":\"RR8\",\"ratifiedOn\":\"2018-06-10\",\"declined\":true,\"reason\":\"Not affordable\"}");
        secondDecision = s.decision("Pooled budget for mental health", "FINANCE", null, "[\"RR8\"]",
                LocalDate.of(2019, 6, 1), null);
        s.post("/api/partnerships/" + s.pid + "/members/Y05986/withdrawal",
                "{\"on\":\"2020-01-01\",\"reason\":\"Merged into a new provider\"}");
        s.post("/api/partnerships/" + s.pid + "/members/15F/succession", """
                {"successorOdsCode":"QWO","successorName":"NHS West Yorkshire ICB","sector":"ICB","on":"2022-07-01",
                 "reason":"CCGs replaced by ICBs"}""");
        s.post("/api/partnerships/" + s.pid + "/status", "{\"status\":\"STATUTORY_ICS\",\"on\":\"2022-07-01\"}");

        absorbed = new Scenario(s.api(), "pages-absorb")
                .member("RNL", "North Cumbria University Hospitals NHS Trust", "NHS_TRUST", "2016-04-01")
                .member("RNN", "North Cumbria Integrated Care NHS Foundation Trust", "FOUNDATION_TRUST", "2016-04-01");
        absorbed.decision("Merge the acute trusts", "STRUCTURE", null, "[\"RNN\",\"RNL\"]", LocalDate.of(2019, 3, 1),
                null);
        absorbed.decision("Single pathology service for Carlisle and Whitehaven", "FINANCE", null, "[\"RNL\"]",
                LocalDate.of(2019, 5, 1), null);
        absorbed.post("/api/partnerships/" + absorbed.pid + "/members/RNL/succession", """
                {"successorOdsCode":"RNN","successorName":"North Cumbria Integrated Care NHS Foundation Trust",
                 "sector":"FOUNDATION_TRUST","on":"2019-10-01","reason":"Merger"}""");
        absorbed.read("/api/partnerships/" + absorbed.pid + "/decisions");
        s.read("/api/partnerships/" + s.pid + "/decisions"); // every projection has the set-up
    }

    @Test
    void theCsvDownloadsAnswerTheApisCsv() {
        Session admin = signIn(TestUsers.ADMIN);
        Page matrix = admin.get("/partnerships/" + absorbed.pid + "/matrix.csv?asOf=");
        assertThat(matrix.status()).as(matrix.body()).isEqualTo(200);
        assertThat(matrix.contentType()).startsWith("text/csv");
        assertThat(matrix.body()).contains("Merge the acute trusts").isEqualTo(s.api().get("/api/partnerships/"
                + absorbed.pid + "/accountability-map.csv").body());
        Page decisions = admin.get("/partnerships/" + s.pid + "/decisions.csv?theme=&status=&asOf=");
        assertThat(decisions.status()).as(decisions.body()).isEqualTo(200);
        assertThat(decisions.body()).contains("JC/2018/014", "Pooled budget for mental health");
        // An import template of no such kind: not found, as the API answers it (outside tester: 500).
        Page unknown = admin.get("/imports/foo/template.csv");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("Page not found");
    }

    @Test
    void theCsvLinksCarryEveryFilterThePageShows() {
        Session admin = signIn(TestUsers.ADMIN);
        String asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Page matrix = admin.get("/partnerships/" + s.pid + "/matrix?on=2019-05-01&theme=FINANCE&subjectType=THEME"
                + "&gapKind=NOT_ACCEPTED&asOf=" + asOf);
        String link = matrix.href("matrix.csv");
        assertThat(link).contains("on=2019-05-01", "theme=FINANCE", "subjectType=THEME", "gapKind=NOT_ACCEPTED",
                "asOf=" + asOf);
        Page csv = admin.get(link);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).as("the download is what the page shows").isEqualTo(s.api().get(
                "/api/partnerships/" + s.pid + "/accountability-map.csv?on=2019-05-01&theme=FINANCE&subjectType=THEME"
                        + "&gapKind=NOT_ACCEPTED&asOf=" + asOf).body())
                .contains("FINANCE").doesNotContain(",RISK,");

        Page log = admin.get("/partnerships/" + s.pid + "/decisions?theme=FINANCE&status=ACTIVE&asOf=" + asOf);
        assertThat(log.href("decisions.csv")).contains("theme=FINANCE", "status=ACTIVE", "asOf=" + asOf);
        assertThat(admin.get(log.href("decisions.csv")).body()).contains("Pooled budget").doesNotContain("JC/2018/014");
    }

    @Test
    void membersWhoLeftAreShownAsHavingLeftWithTheDayAndWhy() {
        Session reader = signIn(TestUsers.READER);
        Page partnership = reader.get("/partnerships/" + s.pid);
        assertThat(partnership.text()).contains("1 January 2020", "Merged into a new provider",
                "1 July 2022", "succeeded by NHS West Yorkshire ICB");
        Page withdrawn = reader.get("/partnerships/" + s.pid + "/members/Y05986");
        assertThat(withdrawn.text()).contains("Left", "1 January 2020", "Merged into a new provider");
        Page succeeded = reader.get("/partnerships/" + s.pid + "/members/15F");
        assertThat(succeeded.text()).contains("Left", "1 July 2022", "succeeded by NHS West Yorkshire ICB");
        assertThat(reader.get("/partnerships/" + s.pid + "/members/RR8").text()).doesNotContain("Left");
    }

    /** Outside tester: a withdrawal dated ahead (planned) showed as "Left 1 May 2027" while the API said current. */
    @Test
    void aWithdrawalDatedAheadIsSaidInTheFutureTense() {
        Scenario wirral = new Scenario(s.api(), "pages-planned")
                .member("WGPFED", "Wirral GP Federation", "GP_FEDERATION", "2017-06-01");
        LocalDate ahead = LocalDate.now().plusYears(1).withDayOfMonth(1);
        String day = new Fmt().date(ahead.toString());
        wirral.post("/api/partnerships/" + wirral.pid + "/members/WGPFED/withdrawal",
                "{\"on\":\"" + ahead + "\",\"reason\":\"Federation to dissolve\"}");
        wirral.read("/api/partnerships/" + wirral.pid);
        Session reader = signIn(TestUsers.READER);
        assertThat(reader.get("/partnerships/" + wirral.pid + "/members/WGPFED").text())
                .contains("Leaves " + day + ", withdraws: Federation to dissolve").doesNotContain("Left");
        assertThat(reader.get("/partnerships/" + wirral.pid).text())
                .contains("Leaves " + day + ", withdraws: Federation to dissolve").doesNotContain("withdrew");
    }

    /** Outside tester: the ratify refusal named the forum and the decision by UUID and the theme by its code. */
    @Test
    void aRefusalOnThePagesNamesTheForum() {
        Scenario wirral = new Scenario(s.api(), "pages-forum-name")
                .member("12F", "NHS Wirral CCG", "CCG", "2016-03-01")
                .member("RBL", "Wirral University Teaching Hospital NHS Foundation Trust", "FOUNDATION_TRUST",
                        "2016-03-01");
        String forum = s.api().id("/api/partnerships/" + wirral.pid + "/forums", """
                {"name":"Wirral Joint Committee","kind":"JOINT_COMMITTEE","memberOdsCodes":["12F","RBL"],
                 "themes":["FINANCE"],"establishedOn":"2018-01-01"}""");
        wirral.delegate(forum, "12F", "[\"FINANCE\"]", "2018-04-01");
        String decision = wirral.decision("Approve beds", "FINANCE", forum, "[\"12F\",\"RBL\"]",
                LocalDate.of(2019, 7, 1), null);
        wirral.read("/api/partnerships/" + wirral.pid + "/decisions");
        Session admin = signIn(TestUsers.ADMIN);
        String page = "/decisions/" + decision;
        Page refused = admin.post(page, page + "/ratification", "odsCode", "12F", "ratifiedOn", "2019-08-01");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text()).contains("NHS Wirral CCG owes no ratification of decision Approve beds: it is bound "
                + "by its delegation of Finance to forum Wirral Joint Committee").doesNotContain(forum, decision, "FINANCE");
    }

    @Test
    void theSignInPageNamesNobodyToAVisitor() {
        Page login = new Session().get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text()).doesNotContain("Signed in as", "anonymousUser");
        assertThat(login.body()).doesNotContain("id=\"sign-out\"", "/logout");
        assertThat(signIn(TestUsers.READER).get("/").text()).contains("Signed in as reader");
    }

    @Test
    void aRefusedRuleIsShownNextToTheFieldItIsAbout() {
        Session admin = signIn(TestUsers.ADMIN);
        Page decision = admin.post("/partnerships/" + s.pid + "/decisions/new", "/partnerships/" + s.pid + "/decisions",
                "reference", "JC/2018/014", "title", "Another control total", "theme", "FINANCE",
                "decidingOdsCodes", "RR8", "outcome", "NOTED", "rationale", "r", "decidedOn", "2018-07-01");
        assertThat(decision.status()).isEqualTo(409);
        assertThat(decision.fieldError("reference")).contains("already used");
        assertThat(decision.fieldError("decidingOdsCodes")).isNull();

        Page change = admin.post("/partnerships/" + s.pid + "/service-changes/new",
                "/partnerships/" + s.pid + "/service-changes", "title", "Close the walk-in centre", "kind", "CLOSURE",
                "themes", "ENGAGEMENT", "leadOdsCode", "Y05986", "description", "d");
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.fieldError("leadOdsCode")).as("in words: the organisation by name, dates as people write them")
                .contains("Leeds GP Confederation", "1 January 2020").doesNotContain("Y05986", "2020-01-01");
        assertThat(change.fieldError("title")).isNull();

        Page assignment = admin.post("/partnerships/" + s.pid + "/accountabilities/new",
                "/partnerships/" + s.pid + "/accountabilities", "subject", "THEME:RISK", "role", "RESPONSIBLE",
                "odsCode", "Y05986", "post", "Director", "effectiveFrom", "2021-01-01");
        assertThat(assignment.status()).isEqualTo(409);
        assertThat(assignment.fieldError("odsCode")).contains("was not a member");
        assertThat(assignment.fieldError("role")).isNull();
    }

    @Test
    void theRatifyFormShowsItsErrorsAtThatDecisionsFieldsAndKeepsWhatWasTyped() {
        Session admin = signIn(TestUsers.ADMIN);
        String log = "/partnerships/" + s.pid + "/decisions";
        String action = "/decisions/" + secondDecision + "/ratification";
        String id = "ratifiedOn-" + secondDecision;

        Page noDate = admin.post(log, action, "partnershipId", s.pid, "odsCode", "RR8", "ratifiedOn", "");
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.body()).contains("href=\"#" + id + "\"");
        assertThat(noDate.fieldError(id)).contains("Enter");

        Page early = admin.post(log, action, "partnershipId", s.pid, "odsCode", "RR8", "ratifiedOn", "2019-05-01");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("href=\"#" + id + "\"");
        assertThat(early.fieldError(id)).contains("1 June 2019");
        assertThat(early.inputValue(id)).isEqualTo("2019-05-01");

        Page declined = admin.post(log, action, "partnershipId", s.pid, "odsCode", "RR8", "ratifiedOn", "2019-05-01",
                "reason", "Board not quorate", "declined", "true");
        assertThat(declined.status()).isEqualTo(409);
        assertThat(declined.fieldError(id)).contains("before");
        assertThat(declined.inputValue("reason-" + secondDecision)).isEqualTo("Board not quorate");
        assertThat(declined.inputValue(id)).isEqualTo("2019-05-01");
    }

    /**
     * Outside tester: after 02E was succeeded by QYG, the form offered only QYG for a 2019 decision by 02E, and QYG
     * with the 2019 date is refused (it took 02E's place in 2022): 02E's real ratification could not be back-loaded.
     */
    @Test
    void theRatifyFormOffersTheDecidingBodyASuccessorTookThePlaceOf() {
        Scenario cm = new Scenario(s.api(), "pages-ratify-pred")
                .member("02E", "NHS South Cheshire CCG", "CCG", "2016-03-01")
                .member("E08000013", "St Helens Council", "LOCAL_AUTHORITY", "2016-03-01");
        String decision = cm.decision("Cheshire urgent care redesign", "VISION", null, "[\"02E\",\"E08000013\"]",
                LocalDate.of(2019, 11, 14), null);
        cm.post("/api/partnerships/" + cm.pid + "/members/02E/succession", """
                {"successorOdsCode":"QYG","successorName":"NHS Cheshire and Merseyside ICB","sector":"ICB",
                 "on":"2022-07-01","reason":"Health and Care Act 2022"}""");
        cm.read("/api/partnerships/" + cm.pid + "/decisions");
        Session admin = signIn(TestUsers.ADMIN);
        String page = "/decisions/" + decision;
        String form = admin.get(page).body();
        assertThat(form).contains("value=\"QYG\">NHS Cheshire and Merseyside ICB (successor of NHS South Cheshire "
                + "CCG)</option>", "value=\"02E\">NHS South Cheshire CCG (succeeded by NHS Cheshire and Merseyside ICB "
                + "on 1 July 2022)</option>", "value=\"E08000013\">St Helens Council</option>");

        Page ratified = admin.post(page, page + "/ratification", "odsCode", "02E", "ratifiedOn", "2019-12-01");
        assertThat(ratified.status()).as(ratified.text()).isEqualTo(302);
        assertThat(admin.get(ratified.location()).text()).contains("NHS South Cheshire CCG ratified on 1 December 2019");
    }

    @Test
    void theFormsBackLoadHistory() {
        Session admin = signIn(TestUsers.ADMIN);
        assertThat(admin.get("/partnerships/" + s.pid + "/service-changes/new").body()).contains("name=\"proposedOn\"");
        Page proposed = admin.post("/partnerships/" + s.pid + "/service-changes/new",
                "/partnerships/" + s.pid + "/service-changes", "title", "Wharfedale community beds, 2017",
                "kind", "COMMUNITY_REDESIGN", "themes", "ENGAGEMENT", "leadOdsCode", "Y05986", "description", "d",
                "proposedOn", "2017-03-01");
        assertThat(proposed.status()).as(proposed.text()).isEqualTo(302);
        String change = proposed.location().substring(proposed.location().lastIndexOf('/') + 1);
        assertThat(admin.get(proposed.location()).status()).isEqualTo(200); // the redirect waits for the write

        Page form = admin.get("/partnerships/" + s.pid + "/decisions/new");
        assertThat(form.body()).contains("name=\"serviceChangeId\"", "Wharfedale community beds, 2017");
        Page decided = admin.post("/partnerships/" + s.pid + "/decisions/new", "/partnerships/" + s.pid + "/decisions",
                "title", "Go to engagement on community beds", "theme", "ENGAGEMENT", "serviceChangeId", change,
                "decidingOdsCodes", "RR8", "outcome", "NOTED", "rationale", "r", "decidedOn", "2017-04-01");
        assertThat(decided.status()).as(decided.text()).isEqualTo(302);
        assertThat(admin.get(decided.location().replaceAll("#.*", "")).status()).isEqualTo(200);
        JsonNode decisions = s.read("/api/partnerships/" + s.pid + "/decisions?serviceChangeId=" + change);
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).get("title").asText()).isEqualTo("Go to engagement on community beds");

        Page refused = admin.post("/partnerships/" + s.pid + "/service-changes/new",
                "/partnerships/" + s.pid + "/service-changes", "title", "t", "kind", "CLOSURE", "themes", "FINANCE",
                "leadOdsCode", "RR8", "description", "d", "proposedOn", "not-a-date");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.fieldError("proposedOn")).isNotNull();
        // The change's lead has left: NO_LEAD says so in words.
        Page matrix = admin.get("/partnerships/" + s.pid + "/matrix?subjectType=SERVICE_CHANGE");
        assertThat(matrix.text()).contains("while the change is proposed").doesNotContain("PROPOSED");
    }

    @Test
    void gapExplanationsNameEachOrganisationOnce() {
        Session admin = signIn(TestUsers.ADMIN);
        String text = admin.get("/partnerships/" + s.pid + "/matrix?subjectType=DECISION").text();
        assertThat(text).contains("Ratification declined by [Leeds Teaching Hospitals NHS Trust on 10 June 2018]")
                .doesNotContain("(Leeds Teaching Hospitals NHS Trust)");
    }

    @Test
    void controlCharactersAnswerA400PageNotAFailure() {
        Session admin = signIn(TestUsers.ADMIN);
        for (String path : List.of("/partnerships/" + s.pid + "/matrix?on=%00", "/partnerships/" + s.pid + "/matrix?asOf=%01",
                "/partnerships/" + s.pid + "/matrix?theme=%00", "/partnerships/" + s.pid + "/decisions?asOf=%00",
                "/audit?afterIndex=%00")) {
            Page page = admin.get(path);
            assertThat(page.status()).as(path).isEqualTo(400);
            assertThat(page.text()).as(path).contains("Check the address").doesNotContain("problem with the service");
        }
        Page decision = admin.post("/partnerships/" + s.pid + "/decisions/new", "/partnerships/" + s.pid + "/decisions",
                "title", "Bad\u0001title", "theme", "FINANCE", "decidingOdsCodes", "RR8", "outcome", "NOTED",
                "rationale", "Kept as typed", "decidedOn", "2019-08-01");
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.fieldError("title")).contains("control characters");
        assertThat(decision.body()).contains("Kept as typed");
        Page assignment = admin.post("/partnerships/" + s.pid + "/accountabilities/new",
                "/partnerships/" + s.pid + "/accountabilities", "subject", "THEME:RISK", "role", "RESPONSIBLE",
                "odsCode", "RR8", "post", "Director\u0007", "effectiveFrom", "2021-01-01");
        assertThat(assignment.status()).isEqualTo(400);
        assertThat(assignment.fieldError("post")).contains("control characters");
    }

    @Test
    void codesAreShownInWords() {
        Session admin = signIn(TestUsers.ADMIN);
        Page partnership = admin.get("/partnerships/" + s.pid);
        assertThat(partnership.text()).contains("Status: Statutory integrated care system", "NHS England")
                .doesNotContain("STATUTORY_ICS", "NHS england");
        assertThat(partnership.body()).contains(">Sustainability and transformation partnership<");
        Page member = admin.get("/partnerships/" + s.pid + "/members/RR8");
        assertThat(member.body()).contains(">NHS England<").doesNotContain("NHS england");
        Page accountability = admin.get("/accountabilities/" + finance);
        assertThat(accountability.text()).contains("Finance, capital and resource allocation")
                .doesNotContain("Theme FINANCE");
    }

    @Test
    void theSuccessionLineageIsShownWhereTheApiHasIt() {
        Session admin = signIn(TestUsers.ADMIN);
        String log = admin.get("/partnerships/" + absorbed.pid + "/decisions").text();
        // The absorbed trust's own decision binds its successor by lineage; the merger decision, which the successor
        // took itself, binds it once, as itself (its one answer gives both parts, as the API lists it).
        assertThat(log).contains("North Cumbria Integrated Care NHS Foundation Trust (successor of North Cumbria "
                + "University Hospitals NHS Trust): Pending")
                .contains("Binds North Cumbria Integrated Care NHS Foundation Trust: Pending since 1 March 2019 "
                        + "Ratified by");
        assertThat(admin.get("/partnerships/" + s.pid + "/matrix?theme=FINANCE&subjectType=THEME").text())
                .contains("(successor of NHS Leeds CCG)");
        assertThat(admin.get("/partnerships/" + s.pid).text()).contains("NHS West Yorkshire ICB (successor of NHS "
                + "Leeds CCG)");
    }

    /** Outside tester: the log showed the newest 500 decisions and no way on; the oldest were silently missing. */
    @Test
    void theDecisionLogPagesThroughEveryDecisionKeepingItsFilters() {
        Scenario lsc = new Scenario(s.api(), "pages-lsc").member("RTX",
                "University Hospitals of Morecambe Bay NHS Foundation Trust", "FOUNDATION_TRUST", "2016-03-01");
        StringBuilder csv = new StringBuilder("id,reference,title,theme,forumId,serviceChangeId,decidingOdsCodes,"
                + "positions,outcome,rationale,decidedOn,supersedes\r\n");
        int risks = DecisionPages.PAGE + 30;
        for (int i = 0; i < risks; i++) {
            csv.append(",LSC/%04d,\"Note the board's risk register, item %d\",RISK,,,RTX,,NOTED,Noted,%s,\r\n"
                    .formatted(i, i, LocalDate.of(2016, 4, 1).plusDays(2L * i)));
        }
        csv.append(",LSC/F001,\"Agree the capital plan, 2017/18\",FINANCE,,,RTX,,APPROVED,Agreed,2016-05-01,\r\n");
        Api.Answer imported = lsc.api().post("/api/partnerships/" + lsc.pid + "/imports/decisions", "text/csv",
                csv.toString());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        lsc.read("/api/partnerships/" + lsc.pid + "/decisions");

        Session reader = signIn(TestUsers.READER);
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        Page page = reader.get("/partnerships/" + lsc.pid + "/decisions?theme=RISK");
        int pages = 1;
        while (true) {
            assertThat(page.status()).isEqualTo(200);
            List<String> refs = new ArrayList<>();
            Matcher ref = Pattern.compile("LSC/[0-9F]{4}").matcher(page.text());
            while (ref.find()) {
                refs.add(ref.group());
            }
            assertThat(refs).as("one page at a time").hasSizeLessThanOrEqualTo(DecisionPages.PAGE)
                    .doesNotContain("LSC/F001");
            seen.addAll(refs);
            if (!page.body().contains("rel=\"next\"")) {
                break;
            }
            String next = page.href("after=");
            assertThat(next).as("the filter is kept").contains("theme=RISK");
            page = reader.get(next);
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(seen).hasSize(risks).contains("LSC/0000", "LSC/%04d".formatted(risks - 1));
    }

    /** Outside tester: a supersede link was an in-page anchor, dead when the other decision was filtered out. */
    @Test
    void aSupersedeLinkNamesTheOtherDecisionAndOpensItUnderAnyFilter() {
        Scenario cm = new Scenario(s.api(), "pages-cm").member("RBN",
                "St Helen's & Knowsley Teaching Hospitals NHS Trust", "NHS_TRUST", "2016-03-01");
        String plan = cm.decision("Agree capital plan, 2017/18", "FINANCE", null, "[\"RBN\"]",
                LocalDate.of(2017, 3, 30), null);
        String revised = cm.decision("Revised capital plan, 2018", "FINANCE", null, "[\"RBN\"]",
                LocalDate.of(2018, 6, 1), plan);
        cm.read("/api/partnerships/" + cm.pid + "/decisions");
        Session reader = signIn(TestUsers.READER);

        Page superseded = reader.get("/partnerships/" + cm.pid + "/decisions?status=SUPERSEDED");
        String[] later = superseded.linkAfter("Superseded by");
        assertThat(later[1]).isEqualTo("Revised capital plan, 2018");
        Page opened = reader.get(later[0]);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("id=\"decision-" + revised + "\"");
        assertThat(opened.text()).contains("Revised capital plan, 2018", "St Helen's & Knowsley Teaching Hospitals");

        Page active = reader.get("/partnerships/" + cm.pid + "/decisions?status=ACTIVE");
        String[] earlier = active.linkAfter("Supersedes");
        assertThat(earlier[1]).isEqualTo("Agree capital plan, 2017/18");
        assertThat(reader.get(earlier[0]).body()).contains("id=\"decision-" + plan + "\"");
        assertThat(opened.linkAfter("Supersedes")[1]).isEqualTo("Agree capital plan, 2017/18");
    }

    /** Outside tester: a file over the limit answered raw problem+json to the browser. */
    @Test
    void anOversizedUploadShowsTheImportsPageWithTheErrorAtTheFile() {
        Session admin = signIn(TestUsers.ADMIN);
        String imports = "/partnerships/" + s.pid + "/imports";
        String token = admin.get(imports).csrf();
        StringBuilder file = new StringBuilder("odsCode,name,sector,statutory,joinedOn\n");
        for (int i = 0; file.length() < 1_500_000; i++) {
            file.append("X%06d,\"Practice %d, O'Neill Surgery\",OTHER,false,2016-03-01\n".formatted(i, i));
        }
        Page page = admin.upload(imports, "_csrf", token, "kind", "members", "mode", "check", "file", file.toString());
        assertThat(page.status()).isEqualTo(413);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.fieldError("file")).contains("1 MB");
        assertThat(page.body()).contains("href=\"#file\"");
    }

    /** Outside tester: the 11th failed sign-in answered raw problem+json to the browser. */
    @Test
    void tooManyFailedSignInsShowTheSignInPageWithAMessage() {
        String name = "mallory-" + System.nanoTime();
        for (int i = 0; i < 10; i++) {
            Session session = new Session();
            Page failed = session.post("/login", "/login", "username", name, "password", "guess-" + i);
            assertThat(failed.location()).contains("error");
        }
        Session session = new Session();
        Page refused = session.post("/login", "/login", "username", name, "password", "guess-10");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.text()).contains("Too many failed sign-ins", "15 minutes");
        assertThat(refused.body()).contains("name=\"username\"");
    }

    /** Outside tester: one value of the wrong form (a date that does not exist) hid every other field's error. */
    @Test
    void theDecisionFormShowsEveryInvalidFieldAtOnce() {
        Session admin = signIn(TestUsers.ADMIN);
        String form = "/partnerships/" + s.pid + "/decisions/new";
        String action = "/partnerships/" + s.pid + "/decisions";
        Page badDate = admin.post(form, action, "title", "", "theme", "FINANCE", "decidedOn", "2018-02-30");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.fieldError("decidedOn")).isNotNull();
        assertThat(badDate.fieldError("title")).isNotNull();
        assertThat(badDate.fieldError("outcome")).isNotNull();

        Page many = admin.post(form, action, "title", "", "theme", "BOGUS", "decidedOn", "2018-02-30",
                "outcome", "MAYBE", "rationale", "Kept, as typed");
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.fieldError("theme")).isNotNull();
        assertThat(many.fieldError("decidedOn")).isNotNull();
        assertThat(many.fieldError("title")).isNotNull();
        assertThat(many.body()).contains("Kept, as typed");
    }

    /** As of an instant before the partnership was recorded, a page says so, not "Page not found" (outside tester). */
    @Test
    void asOfBeforeThePartnershipWasRecordedSaysSo() {
        Session reader = signIn(TestUsers.READER);
        for (String page : List.of("/matrix", "/decisions")) {
            Page before = reader.get("/partnerships/" + s.pid + page + "?asOf=2018-05-01T00:00:00Z");
            assertThat(before.status()).isEqualTo(404);
            assertThat(before.text()).contains("Not yet recorded then", "choose the day").doesNotContain("Page not found");
        }
        assertThat(reader.get("/partnerships/no-such-stp/matrix").text()).contains("Page not found");
        // An address no page answers is the same page, not the API's JSON (outside tester).
        for (String nowhere : List.of("/nope", "/partnerships/" + s.pid + "/nope", "/logout")) {
            Page page = reader.get(nowhere);
            assertThat(page.status()).as(nowhere).isEqualTo(404);
            assertThat(page.contentType()).as(nowhere).startsWith("text/html");
            assertThat(page.text()).as(nowhere).contains("Page not found");
        }
    }

    /** The matrix on a day has a column for each member on that day, not one for a body that joined later. */
    @Test
    void theMatrixOnADayHasTheMembersOfThatDay() {
        Session reader = signIn(TestUsers.READER);
        String icb = "<th scope=\"col\" class=\"govuk-table__header\">NHS West Yorkshire ICB</th>";
        String gp = "<th scope=\"col\" class=\"govuk-table__header\">Leeds GP Confederation, &quot;Primary Care&quot; Ltd</th>";
        Page before = reader.get("/partnerships/" + s.pid + "/matrix?on=2019-01-01");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).doesNotContain(icb).contains(gp);
        assertThat(reader.get("/partnerships/" + s.pid + "/matrix").body()).contains(icb);
    }

    /**
     * A form sent twice (a double click, the browser's resubmission) records once (outside tester): each new form
     * carries its record's id, chosen when it was shown; the second sending lands where the first did and says so.
     */
    @Test
    void aCreatingFormSentTwiceRecordsOnce() {
        Session office = signIn(TestUsers.ADMIN);
        String formPage = "/partnerships/" + s.pid + "/decisions/new";
        Page form = office.get(formPage);
        java.util.regex.Matcher id = Pattern.compile("name=\"id\" value=\"([0-9a-f-]{36})\"").matcher(form.body());
        assertThat(id.find()).as("the form's record id").isTrue();
        String[] fields = {"id", id.group(1), "title", "Note the winter plan, 2023/24", "theme", "RISK",
                "decidingOdsCodes", "RR8", "outcome", "NOTED", "rationale", "Winter pressures in Leeds' A&E",
                "decidedOn", "2023-11-01"};
        Page first = office.post(formPage, "/partnerships/" + s.pid + "/decisions", fields);
        Page again = office.post(formPage, "/partnerships/" + s.pid + "/decisions", fields);
        assertThat(first.status()).as(first.text()).isEqualTo(302);
        assertThat(again.status()).as(again.text()).isEqualTo(302);
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(office.get(again.location().replaceAll("#.*", "")).text())
                .contains("This form had already been sent: it is recorded once");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                java.util.stream.StreamSupport.stream(s.read("/api/partnerships/" + s.pid + "/decisions")
                        .spliterator(), false).filter(d -> d.get("title").asText().equals(
                                "Note the winter plan, 2023/24")))
                .singleElement().satisfies(d -> assertThat(d.get("id").asText()).isEqualTo(id.group(1))));
        // Sent again with the same id but corrected (Back, then a correction): the form again, not "recorded once"
        // (outside tester: the correction was dropped with a success).
        String action = "/partnerships/" + s.pid + "/decisions";
        fields[3] = "Note the winter plan, 2023/24 (corrected)";
        Page corrected = office.post(formPage, action, fields);
        assertThat(corrected.status()).as(corrected.text()).isEqualTo(409);
        assertThat(corrected.text()).contains("already recorded with other details").doesNotContain("recorded once");
        assertThat(corrected.inputValue("title")).isEqualTo("Note the winter plan, 2023/24 (corrected)");
        assertThat(corrected.body()).contains("href=\"/decisions/" + id.group(1) + "\"");
        // Another partnership's record id: refused, and that record neither named nor linked to.
        String theirs = absorbed.read("/api/partnerships/" + absorbed.pid + "/decisions").get(0).get("id").asText();
        fields[1] = theirs;
        Page foreign = office.post(formPage, action, fields);
        assertThat(foreign.status()).as(foreign.text()).isEqualTo(409);
        assertThat(foreign.text()).contains("could not be recorded as it was").doesNotContain("recorded once");
        assertThat(foreign.body()).doesNotContain(theirs);
        Page elsewhere = office.post("/partnerships/" + s.pid + "/service-changes/new",
                "/partnerships/" + s.pid + "/service-changes", "id", theirs, "title", "Mine", "kind", "NEW_SERVICE",
                "themes", "RISK", "leadOdsCode", "RR8", "description", "d", "proposedOn", "2019-01-01");
        assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(409);
        assertThat(elsewhere.body()).doesNotContain(theirs);
        // A new form is a new record.
        java.util.regex.Matcher next = Pattern.compile("name=\"id\" value=\"([0-9a-f-]{36})\"")
                .matcher(office.get(formPage).body());
        assertThat(next.find()).isTrue();
        assertThat(next.group(1)).isNotEqualTo(id.group(1));
    }

    /**
     * A form sent after its session ended asks to sign in again (outside tester: it answered "You cannot open this
     * page", blaming the account); a forged form from a live session (no CSRF token) is still refused.
     */
    @Test
    void aFormSentAfterTheSessionEndedAsksToSignInAgain() {
        Session office = signIn(TestUsers.ADMIN);
        String action = url("/partnerships/" + s.pid + "/decisions");
        String token = office.get("/partnerships/" + s.pid + "/decisions/new").csrf();
        Session ended = new Session();
        Page expired = ended.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "STPGOV_SESSION=0123456789ABCDEF0123456789ABCDEF")
                .POST(HttpRequest.BodyPublishers.ofString(form("title", "A long careful write-up", "_csrf", token))));
        assertThat(expired.status()).isEqualTo(303);
        assertThat(expired.location()).endsWith("/login?expired");
        Page signIn = ended.get(expired.location());
        assertThat(signIn.text()).as(signIn.status() + " " + signIn.location()).contains("Your session ended");

        Page forged = office.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("title", "Forged"))));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("You cannot open this page");
    }

    /** The status form, refused, shows the error at its field and keeps what was typed (outside tester). */
    @Test
    void theStatusFormShowsItsErrorAtTheDateAndKeepsWhatWasTyped() {
        Session admin = signIn(TestUsers.ADMIN);
        String page = "/partnerships/" + s.pid;
        Page refused = admin.post(page, page + "/status", "status", "ICS", "name", "Renamed board", "on", "");
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.fieldError("status-on")).isNotNull();
        assertThat(refused.inputValue("status-name")).isEqualTo("Renamed board");
        assertThat(refused.body()).contains("<title>Error: ", "href=\"#status-on\"");
    }

    // ---- a browser without JavaScript

    private Session signIn(String user) {
        Session session = new Session();
        Page login = session.get("/login");
        Page signedIn = session.send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("username", user, "password", TestUsers.password(user),
                        "_csrf", login.csrf()))));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("error");
        return session;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String form(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            pairs.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    final class Session {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        /** A path, or an address as a redirect gives it. */
        Page get(String path) {
            return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url(path))).GET());
        }

        /** Opens {@code formPage} for its CSRF token, then posts the fields to {@code action}. */
        Page post(String formPage, String action, String... namesAndValues) {
            String token = get(formPage).csrf();
            String[] all = java.util.Arrays.copyOf(namesAndValues, namesAndValues.length + 2);
            all[namesAndValues.length] = "_csrf";
            all[namesAndValues.length + 1] = token;
            return send(HttpRequest.newBuilder(URI.create(url(action)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(all))));
        }

        /** A multipart form as a browser sends a file upload: the last pair is the file. */
        Page upload(String action, String... namesAndValues) {
            String boundary = "----pages" + System.nanoTime();
            StringBuilder body = new StringBuilder();
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                boolean file = i + 2 == namesAndValues.length;
                body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(namesAndValues[i]).append('"').append(file ? "; filename=\"members.csv\"\r\n"
                                + "Content-Type: text/csv" : "").append("\r\n\r\n").append(namesAndValues[i + 1])
                        .append("\r\n");
            }
            body.append("--").append(boundary).append("--\r\n");
            return send(HttpRequest.newBuilder(URI.create(url(action)))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        Page send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Page(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().firstValue("Location").orElse(null), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Page(int status, String contentType, String location, String body) {
        String csrf() {
            Matcher token = CSRF.matcher(body);
            assertThat(token.find()).as("a CSRF token on the page: " + body).isTrue();
            return token.group(1);
        }

        /** The page's words, markup left out. */
        String text() {
            return body.replaceAll("<[^>]*>", " ").replace("&amp;", "&").replace("&#39;", "'")
                    .replace("&quot;", "\"").replaceAll("\\s+", " ");
        }

        /** The first link whose address holds {@code part}, as the browser would follow it. */
        String href(String part) {
            Matcher link = Pattern.compile("href=\"([^\"]*" + Pattern.quote(part) + "[^\"]*)\"").matcher(body);
            assertThat(link.find()).as("a link to " + part).isTrue();
            return link.group(1).replace("&amp;", "&");
        }

        /** The error shown next to the field whose input has this id, or null. */
        String fieldError(String id) {
            Matcher error = Pattern.compile("id=\"" + Pattern.quote(id) + "-error\"[^>]*>(.*?)</p>", Pattern.DOTALL)
                    .matcher(body);
            return error.find() ? error.group(1).replaceAll("<[^>]*>", " ").replace("&amp;", "&")
                    .replace("&#39;", "'").replaceAll("\\s+", " ").strip() : null;
        }

        /** The address and words of the link that follows this summary list key, e.g. "Superseded by". */
        String[] linkAfter(String key) {
            Matcher link = Pattern.compile(Pattern.quote(key) + "</dt>\\s*<dd[^>]*>\\s*<a[^>]*href=\"([^\"]*)\"[^>]*>([^<]*)</a>")
                    .matcher(body);
            assertThat(link.find()).as("a link after " + key).isTrue();
            return new String[] {link.group(1).replace("&amp;", "&"), link.group(2).replace("&amp;", "&")
                    .replace("&#39;", "'").strip()};
        }

        /** The value of the input with this id. */
        String inputValue(String id) {
            Matcher input = Pattern.compile("<input[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(body);
            assertThat(input.find()).as("an input " + id).isTrue();
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
            return value.find() ? value.group(1).replace("&amp;", "&") : "";
        }
    }
}
